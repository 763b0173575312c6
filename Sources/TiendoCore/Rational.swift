import Foundation

/// An exact fraction, so a rate is computed from its numerator and denominator and never from rounded pieces.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let numerator: Decimal
    public let denominator: Decimal

    /// nil when the denominator is zero: a rate over nothing has no value.
    public init?(_ numerator: Decimal, _ denominator: Decimal) {
        guard denominator != 0 else { return nil }
        self.numerator = denominator < 0 ? -numerator : numerator
        self.denominator = denominator < 0 ? -denominator : denominator
    }

    public init(_ integer: Int) {
        numerator = Decimal(integer)
        denominator = 1
    }

    /// The value, rounded half-up to `scale` decimal places only for display.
    public func rounded(_ scale: Int) -> Decimal {
        var quotient = numerator / denominator
        var result = Decimal()
        NSDecimalRound(&result, &quotient, scale, .plain)
        return result
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)!
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    public static func == (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator == b.numerator * a.denominator
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(rounded(12)) }

    public var description: String { "\(numerator)/\(denominator)" }
}
