import Foundation

/// A quantity units report: a count, a sum, money in integer đồng, or a 0/1 flag such as "xã đạt chuẩn".
public struct DataElement: Hashable, Sendable, Codable {
    /// How values of one unit combine over time within a period.
    public enum Temporal: String, Hashable, Sendable, Codable {
        /// Flows add up (income of the year is the sum of its quarters).
        case flow
        /// Stocks take the latest value (the number of poor households at the end of the period).
        case stock
    }
    /// Who enters it.
    public enum Source: Hashable, Sendable, Codable {
        case units
        case agency(String)
    }

    public var code: String
    public var name: String
    /// "hộ", "người", "đồng", "tấn", "xã (0/1)".
    public var unit: String
    public var temporal: Temporal
    /// The admin level where values are entered; higher levels are summed from it.
    public var level: AdminLevel
    public var source: Source

    /// The largest value a unit can plausibly report: a million billion đồng (far above any budget, and small
    /// enough that the sum over every unit of a province cannot overflow), a hundred million of anything counted.
    public var maximum: Int { unit.contains("đồng") ? 1_000_000_000_000_000 : 100_000_000 }

    public init(code: String, name: String, unit: String, temporal: Temporal, level: AdminLevel, source: Source) {
        self.code = code
        self.name = name
        self.unit = unit
        self.temporal = temporal
        self.level = level
        self.source = source
    }
}

/// How an indicator is computed from elements, always from totals and never from averaged rates.
public enum IndicatorFormula: Hashable, Sendable, Codable {
    /// numerator ÷ denominator × factor (factor 100 for a percentage).
    case ratio(numerator: String, denominator: String, factor: Rational.Literal)
    /// element × factor (income in đồng per person shown in triệu đồng uses 1/1.000.000).
    case value(element: String, factor: Rational.Literal)
    /// How many units of `level` under the unit have a value meeting the condition ("số xã còn hộ nghèo").
    case countUnits(element: String, level: AdminLevel, comparator: Comparator, threshold: Int)
    /// The share of units of `level` meeting the condition, in percent ("tỷ lệ xã đạt chuẩn").
    case shareOfUnits(element: String, level: AdminLevel, comparator: Comparator, threshold: Int)
    /// The smallest value among the units of `level` ("mỗi xã có ít nhất 01 mô hình").
    case minimumOverUnits(element: String, level: AdminLevel)
    /// The fall from the baseline period in percent: (baseline − now) ÷ baseline × 100 ("giảm 50% hộ cận nghèo").
    case reduction(element: String)

    /// Every element the formula reads.
    public var elements: [String] {
        switch self {
        case let .ratio(numerator, denominator, _): [numerator, denominator]
        case let .value(element, _), let .countUnits(element, _, _, _), let .shareOfUnits(element, _, _, _),
             let .minimumOverUnits(element, _), let .reduction(element): [element]
        }
    }
}

extension Rational {
    /// A fraction as data files write it: "100", "1/1000000".
    public struct Literal: Hashable, Sendable, Codable, CustomStringConvertible {
        public var numerator: Int
        public var denominator: Int

        public init(_ numerator: Int, _ denominator: Int = 1) {
            self.numerator = numerator
            self.denominator = denominator
        }

        public var rational: Rational { Rational(Decimal(numerator), Decimal(denominator))! }
        public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

        public init(from decoder: Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            let parts = text.split(separator: "/").map { Int($0) }
            guard (1...2).contains(parts.count), let n = parts[0], let d = parts.count == 2 ? parts[1] : 1, d != 0 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Hệ số không hợp lệ: \"\(text)\""))
            }
            self.init(n, d)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }
}

/// The definition of one of the plan's indicators: its formula and where its data comes from.
public struct IndicatorDefinition: Hashable, Sendable, Codable {
    public var indicator: String
    public var formula: IndicatorFormula
    /// Decimal places shown.
    public var scale: Int
    public var note: String?
}

/// One reported number: element × unit × period, an exact integer (money in đồng).
public struct DataValue: Hashable, Sendable, Codable {
    public var element: String
    public var unitCode: String
    public var period: ReportingPeriod
    public var value: Int

    public init(element: String, unitCode: String, period: ReportingPeriod, value: Int) {
        self.element = element
        self.unitCode = unitCode
        self.period = period
        self.value = value
    }
}

extension IndicatorDefinition {
    /// Whether the figure is a flow over its period (income earned, households supported), read from what it
    /// measures: the ratio's numerator or the single element.
    public func measuresFlow(_ elements: [DataElement]) -> Bool {
        guard let measured = formula.elements.first else { return false }
        return elements.first { $0.code == measured }?.temporal == .flow
    }
}
