import Foundation

/// Adds reported values up the admin-unit map, element by element, and computes indicators from the totals.
///
/// Values are read in the map of `structure`: a value entered for a commune that was later merged counts for its
/// successor. A district's rate is its communes' numerators over their denominators, never their rates averaged.
public struct RollUp: Sendable {
    public let elements: [String: DataElement]
    public let units: AdminUnitRegistry
    /// The date whose map the figures are read in.
    public let structure: CivilDate
    /// Values by element, then by unit code of the structure.
    private let byElement: [String: [String: [DataValue]]]
    /// Each element's totals for every unit over a period, computed once on first use.
    private let memo = Memo()

    public init(elements: [DataElement], values: [DataValue], units: AdminUnitRegistry, structure: CivilDate) {
        self.elements = Dictionary(elements.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.units = units
        self.structure = structure
        var grouped: [String: [String: [DataValue]]] = [:]
        // Many values share a unit and a reporting date: map each pair to the structure once.
        var targets: [String: [Int: String]] = [:]
        for value in values {
            let day = value.period.end.dayNumber
            let target: String
            if let known = targets[value.unitCode]?[day] {
                target = known
            } else {
                // The unit as it stood when the value was reported, then where that territory lies in `structure`.
                let reported = units.unit(code: value.unitCode, at: value.period.end) ?? units.versions(of: value.unitCode).last
                target = reported.flatMap { units.counterparts(of: $0, at: structure).first?.code } ?? value.unitCode
                targets[value.unitCode, default: [:]][day] = target
            }
            grouped[value.element, default: [:]][target, default: []].append(value)
        }
        byElement = grouped
    }

    /// The element's value for a unit of the structure over `period`; nil when nothing was reported.
    public func value(_ element: String, unit code: String, period: ReportingPeriod) -> Int? {
        guard units.unit(code: code, at: structure) != nil else { return nil }
        return totals(element, period: period)[code]
    }

    /// The element's value for every unit of the structure: each unit's own at or below the entry level; above it,
    /// the sum of its children where any child has a value, or its own entry where none has.
    func totals(_ element: String, period: ReportingPeriod) -> [String: Int] {
        let key = MemoKey(element: element, start: period.start, end: period.end)
        if let known = memo.get(key) { return known }
        guard let definition = elements[element] else { return [:] }
        var result: [String: Int] = [:]
        for (unit, values) in byElement[element] ?? [:] {
            if let own = own(definition, values: values, period: period) { result[unit] = own }
        }
        let entry = AdminLevel.allCases.firstIndex(of: definition.level)!
        for level in AdminLevel.allCases[..<entry].reversed() {
            for unit in units.units(at: structure, level: level) {
                let children = units.children(of: unit.code, at: structure).compactMap { result[$0.code] }
                if !children.isEmpty { result[unit.code] = children.reduce(0, +) }
            }
        }
        memo.set(key, result)
        return result
    }

    /// The values reported by one unit itself within the period: summed for a flow, the latest for a stock.
    private func own(_ element: DataElement, values all: [DataValue], period: ReportingPeriod) -> Int? {
        let covered = all.filter { period.covers($0.period) }
        // A value for a longer span supersedes those for its parts (the annual report over the 6-month one),
        // so overlapping reports are never added twice.
        let values = covered.filter { value in
            !covered.contains { other in other.period != value.period && other.period.covers(value.period) }
        }
        guard !values.isEmpty else { return nil }
        switch element.temporal {
        case .flow:
            return values.reduce(0) { $0 + $1.value }
        case .stock:
            // Several units merged into one add up at the same date; the latest date wins.
            let latest = values.map(\.period.end).max()!
            return values.filter { $0.period.end == latest }.reduce(0) { $0 + $1.value }
        }
    }

    /// Units of `level` under `code` in the structure (the unit itself if it is of that level).
    public func descendants(of code: String, level: AdminLevel) -> [AdminUnit] {
        guard let unit = units.unit(code: code, at: structure) else { return [] }
        if unit.level == level { return [unit] }
        return units.children(of: code, at: structure).flatMap { descendants(of: $0.code, level: level) }
    }

    /// An indicator at a unit for a period; `baseline` is the period a reduction is measured from.
    public func indicator(_ definition: IndicatorDefinition, unit code: String, period: ReportingPeriod,
                          baseline: ReportingPeriod? = nil) -> Rational? {
        switch definition.formula {
        case let .ratio(numerator, denominator, factor):
            guard let n = value(numerator, unit: code, period: period), let d = value(denominator, unit: code, period: period),
                  let rate = Rational(Decimal(n), Decimal(d)) else { return nil }
            return rate * factor.rational
        case let .value(element, factor):
            return value(element, unit: code, period: period).map { Rational($0) * factor.rational }
        case let .countUnits(element, level, comparator, threshold):
            let values = descendants(of: code, level: level).compactMap { value(element, unit: $0.code, period: period) }
            guard !values.isEmpty else { return nil }
            return Rational(values.filter { comparator.isMet(actual: ExactNumber(Decimal($0)), target: ExactNumber(Decimal(threshold))) }.count)
        case let .shareOfUnits(element, level, comparator, threshold):
            let all = descendants(of: code, level: level)
            let values = all.compactMap { value(element, unit: $0.code, period: period) }
            guard !values.isEmpty else { return nil }
            let meeting = values.filter { comparator.isMet(actual: ExactNumber(Decimal($0)), target: ExactNumber(Decimal(threshold))) }.count
            return Rational(Decimal(meeting * 100), Decimal(all.count))
        case let .minimumOverUnits(element, level):
            let values = descendants(of: code, level: level).compactMap { value(element, unit: $0.code, period: period) }
            return values.min().map { Rational($0) }
        case let .reduction(element):
            guard let baseline, let before = value(element, unit: code, period: baseline),
                  let now = value(element, unit: code, period: period) else { return nil }
            return Rational(Decimal((before - now) * 100), Decimal(before))
        }
    }
}

/// The roll-up's computed totals, shared by copies of one `RollUp` and safe to fill from several threads.
private final class Memo: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [MemoKey: [String: Int]] = [:]

    func get(_ key: MemoKey) -> [String: Int]? {
        lock.lock()
        defer { lock.unlock() }
        return totals[key]
    }

    func set(_ key: MemoKey, _ value: [String: Int]) {
        lock.lock()
        defer { lock.unlock() }
        totals[key] = value
    }
}

private struct MemoKey: Hashable {
    var element: String
    var start: CivilDate
    var end: CivilDate
}
