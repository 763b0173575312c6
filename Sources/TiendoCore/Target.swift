import Foundation
/// A numbered objective of section II ("II.1"), measured by its indicators.
public struct Target: Hashable, Sendable, Codable {
    public var code: String
    public var number: Int
    /// The clause verbatim, footnote markers included.
    public var text: String
    public var indicators: [Indicator]
    public var footnotes: [Int]?

    public init(code: String, number: Int, text: String, indicators: [Indicator], footnotes: [Int]? = nil) {
        self.code = code
        self.number = number
        self.text = text
        self.indicators = indicators
        self.footnotes = footnotes
    }
}

/// A measurable quantity with the value the plan sets for it.
public struct Indicator: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    /// "%", "triệu đồng/người/năm", "xã", …
    public var unit: String
    public var comparator: Comparator
    public var targetValue: ExactNumber
    public var baseline: Baseline?
    public var dueOn: CivilDate
    /// The area or population the indicator covers ("vùng đồng bào DTTS", "miền núi", …).
    public var scope: [String]
    public var sourceClause: String
    /// The words of the plan the indicator is read from.
    public var quote: String?
    /// The same indicator set differently elsewhere in the plan; see `inconsistency`.
    public var otherReadings: [IndicatorReading]?
    public var inconsistency: String?
    public var footnote: Int?

    public init(code: String, name: String, unit: String, comparator: Comparator, targetValue: ExactNumber, baseline: Baseline? = nil, dueOn: CivilDate, scope: [String], sourceClause: String, quote: String? = nil, otherReadings: [IndicatorReading]? = nil, inconsistency: String? = nil, footnote: Int? = nil) {
        self.code = code
        self.name = name
        self.unit = unit
        self.comparator = comparator
        self.targetValue = targetValue
        self.baseline = baseline
        self.dueOn = dueOn
        self.scope = scope
        self.sourceClause = sourceClause
        self.quote = quote
        self.otherReadings = otherReadings
        self.inconsistency = inconsistency
        self.footnote = footnote
    }

    /// Every target value the plan gives, the section II one first.
    public var readings: [IndicatorReading] {
        [IndicatorReading(comparator: comparator, targetValue: targetValue, sourceClause: sourceClause, quote: quote)]
            + (otherReadings ?? [])
    }
}

/// One way the plan states an indicator's target.
public struct IndicatorReading: Hashable, Sendable, Codable {
    public var comparator: Comparator
    public var targetValue: ExactNumber
    public var sourceClause: String
    public var quote: String?

    public init(comparator: Comparator, targetValue: ExactNumber, sourceClause: String, quote: String? = nil) {
        self.comparator = comparator
        self.targetValue = targetValue
        self.sourceClause = sourceClause
        self.quote = quote
    }
}

/// A start value and the year it was measured.
public struct Baseline: Hashable, Sendable, Codable {
    public var value: ExactNumber
    public var year: Int

    public init(value: ExactNumber, year: Int) {
        self.value = value
        self.year = year
    }
}

/// The direction in which an indicator meets its target.
public enum Comparator: String, Hashable, Sendable, Codable, CaseIterable {
    case gte, lte, gt, lt, eq
    /// "đạt khoảng": the plan names a level, not a floor; met within `aboutTolerance` below it, or above it.
    case about

    /// How far below the figure "khoảng" still counts as reached: 2 % (100,0 is reached at 98,0), said in every
    /// verdict that uses it, so that a reader who reads "khoảng" differently sees what was applied.
    public static let aboutTolerance = Decimal(string: "0.02")!

    /// "≥", "≤", ">", "<", "=", "≈".
    public var symbol: String {
        switch self {
        case .gte: "≥"
        case .lte: "≤"
        case .gt: ">"
        case .lt: "<"
        case .eq: "="
        case .about: "≈"
        }
    }

    public init?(symbol: String) {
        guard let match = Comparator.allCases.first(where: { $0.symbol == symbol }) else { return nil }
        self = match
    }

    /// Whether `actual` meets `target` in this direction.
    public func isMet(actual: ExactNumber, target: ExactNumber) -> Bool {
        switch self {
        case .gte: actual >= target
        case .lte: actual <= target
        case .gt: actual > target
        case .lt: actual < target
        case .eq: actual == target
        case .about: actual.decimal >= target.decimal * (1 - Comparator.aboutTolerance)
        }
    }
}
