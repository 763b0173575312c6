import Foundation

/// An amount of money in whole đồng. Officials write it in đồng ("1.500.000 đồng") or, for capital, in triệu đồng
/// ("381.822 triệu đồng"); it is stored and added as an integer, and every sum is checked for overflow.
public struct Dong: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    public static let zero = Dong(0)

    /// Parses what a person or a spreadsheet writes: "1.500.000", "1500000", "-250.000"; nil for anything else
    /// (decimals, letters, an amount beyond ±10^15 đồng).
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let negative = trimmed.hasPrefix("-")
        let digits = (negative ? String(trimmed.dropFirst()) : trimmed).replacingOccurrences(of: ".", with: "")
            .replacingOccurrences(of: " ", with: "")
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else { return nil }
        self.value = negative ? -value : value
    }

    /// The sum, or an error naming `what` when it would overflow.
    public func adding(_ other: Dong, what: String) throws -> Dong {
        let (sum, overflow) = value.addingReportingOverflow(other.value)
        guard !overflow else { throw AppError.invalid("Tổng \(what) vượt quá giới hạn tính toán.") }
        return Dong(sum)
    }

    public static func < (a: Dong, b: Dong) -> Bool { a.value < b.value }

    public var description: String { String(value) }

    /// "1.500.000 đồng".
    public var vietnamese: String { ExactNumber(Decimal(value)).vietnamese + " đồng" }

    /// "381.822": the amount in triệu đồng, rounded half-up to whole millions for tables; `places` more digits
    /// when asked ("381.822,5").
    public func millions(places: Int = 0) -> String {
        // Whole millions in integers (a page prints hundreds of them); decimals through the exact rational.
        guard places == 0 else { return ExactNumber(Rational(Decimal(value), 1_000_000)!.rounded(places)).vietnamese }
        return Self.grouped(Self.divided(value, 1_000_000) ?? 0)
    }

    /// `n ÷ d` rounded half away from zero, as `Rational.rounded` does; nil when `d` is zero.
    static func divided(_ n: Int, _ d: Int) -> Int? {
        guard d != 0 else { return nil }
        let (magnitude, divisor) = (n.magnitude, d.magnitude)
        let rounded = Int(magnitude / divisor + (magnitude % divisor >= divisor - divisor / 2 ? 1 : 0))
        return (n < 0) != (d < 0) ? -rounded : rounded
    }

    /// "381.822", "-1.500": an integer with dots between groups of three digits.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude).utf8)
        var out = [UInt8]()
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        if n < 0 { out.append(45) }
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(46) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }

    public init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) }
}

/// A part of a whole, as officials write it: "381.822/981.947 triệu đồng (38,88 %)". Never averaged: a rate over
/// several lines is their summed part over their summed whole.
public struct MoneyRate: Hashable, Sendable {
    public var part: Dong
    public var whole: Dong

    public init(part: Dong, whole: Dong) { (self.part, self.whole) = (part, whole) }

    /// The percentage to two decimals; nil when the whole is zero.
    public var percent: Decimal? { Rational(Decimal(part.value) * 100, Decimal(whole.value))?.rounded(2) }

    /// "381.822/981.947 triệu đồng (38,88 %)"; "381.822/0 triệu đồng" when there is nothing to disburse.
    public var vietnamese: String {
        "\(part.millions())/\(whole.millions()) triệu đồng" + (percentText.map { " (\($0) %)" } ?? "")
    }

    /// "38,88", "40,00": always two decimals, as a report prints it.
    public var percentText: String? {
        // In integers when part × 10.000 fits (every real amount); otherwise through the exact rational.
        let scaled = part.value.multipliedReportingOverflow(by: 10_000)
        let fast = scaled.overflow ? nil : Dong.divided(scaled.partialValue, whole.value)
        guard whole.value != 0, let hundredths = fast ?? percent.map({ NSDecimalNumber(decimal: $0 * 100).intValue }) else { return nil }
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100, rest = abs(hundredths) % 100
        return sign + Dong.grouped(whole) + "," + (rest < 10 ? "0" : "") + String(rest)
    }
}
