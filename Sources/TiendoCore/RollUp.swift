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
    /// Values by element, then by unit code of the structure: only their span and number, cheap to copy.
    private let byElement: [String: [String: [Entry]]]
    /// Each element's totals for every unit over a period, computed once on first use.
    private let memo = Memo()

    public init(elements: [DataElement], values: [DataValue], units: AdminUnitRegistry, structure: CivilDate) {
        self.elements = Dictionary(elements.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.units = units
        self.structure = structure
        // Values are grouped through small integer indices: two lookups a value instead of four, no nested mutation.
        var elementIndex: [String: Int] = [:], unitIndex: [String: Int] = [:]
        var elementCodes: [String] = [], unitCodes: [String] = []
        var unitTargets: [[Int: Int]] = []          // per reported unit: reporting day → index of the structure's unit
        var targetIndex: [String: Int] = [:], targetCodes: [String] = []
        var buckets: [[[Entry]]] = []               // element → target → entries
        for value in values {
            let e: Int
            if let known = elementIndex[value.element] { e = known } else {
                e = elementCodes.count
                elementIndex[value.element] = e
                elementCodes.append(value.element)
                buckets.append(Array(repeating: [], count: targetCodes.count))
            }
            let u: Int
            if let known = unitIndex[value.unitCode] { u = known } else {
                u = unitCodes.count
                unitIndex[value.unitCode] = u
                unitCodes.append(value.unitCode)
                unitTargets.append([:])
            }
            let day = value.period.end.dayNumber
            let t: Int
            if let known = unitTargets[u][day] { t = known } else {
                let code = RollUp.target(of: value.unitCode, reportedOn: value.period.end, units: units, structure: structure)
                if let known = targetIndex[code] { t = known } else {
                    t = targetCodes.count
                    targetIndex[code] = t
                    targetCodes.append(code)
                    for i in buckets.indices { buckets[i].append([]) }
                }
                unitTargets[u][day] = t
            }
            buckets[e][t].append(Entry(start: value.period.start, end: value.period.end, value: value.value))
        }
        var grouped: [String: [String: [Entry]]] = [:]
        for (e, element) in elementCodes.enumerated() {
            var byUnit: [String: [Entry]] = [:]
            for (t, entries) in buckets[e].enumerated() where !entries.isEmpty { byUnit[targetCodes[t]] = entries }
            grouped[element] = byUnit
        }
        byElement = grouped
    }

    /// Where a value reported by `code` for a period ending `day` counts in the map of `structure`: the unit as it
    /// stood then, followed through mergers to the unit holding that territory at `structure`.
    /// A unit split on the way (Phường Hà Khẩu into Việt Hưng and Tuần Châu) has no one successor: its value is kept
    /// apart under `unallocated` + its version key, counted in the province's total and in no unit's.
    public static func target(of code: String, reportedOn day: CivilDate, units: AdminUnitRegistry, structure: CivilDate) -> String {
        guard let reported = units.unit(code: code, at: day) ?? units.versions(of: code).last else { return code }
        let (targets, splits) = units.destinations(of: reported, at: structure)
        if !splits.isEmpty { return unallocated + reported.versionKey }
        return targets.first?.code ?? code
    }

    /// The prefix of the key a split unit's values are kept under.
    public static let unallocated = "không-phân-bổ:"

    /// Values of units split on the way to the structure's map, by the unit as reported: shown apart as
    /// "không phân bổ được", part of the province's total only.
    public func unallocated(_ element: String, period: ReportingPeriod) -> [(unit: AdminUnit, value: Int)] {
        totals(element, period: period).compactMap { key, value in
            guard key.hasPrefix(RollUp.unallocated), let unit = units.unit(versionKey: String(key.dropFirst(RollUp.unallocated.count))) else { return nil }
            return (unit, value)
        }.sorted { AdminUnitRegistry.mapOrder($0.unit, $1.unit) }
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
                var children = units.children(of: unit.code, at: structure).compactMap { result[$0.code] }
                // The province's total keeps what split units reported: it never changes with the map.
                if level == .province { children += result.filter { $0.key.hasPrefix(RollUp.unallocated) }.map(\.value) }
                if !children.isEmpty { result[unit.code] = children.reduce(0, +) }
            }
        }
        memo.set(key, result)
        return result
    }

    /// The values reported by one unit itself within the period: summed for a flow, the latest for a stock.
    private func own(_ element: DataElement, values all: [Entry], period: ReportingPeriod) -> Int? {
        let covered = all.filter { period.start <= $0.start && $0.end <= period.end }
        // A value for a longer span supersedes those for its parts (the annual report over the 6-month one),
        // so overlapping reports are never added twice.
        let values = covered.filter { value in
            !covered.contains { other in (other.start != value.start || other.end != value.end) && other.start <= value.start && value.end <= other.end }
        }
        guard !values.isEmpty else { return nil }
        switch element.temporal {
        case .flow:
            return values.reduce(0) { $0 + $1.value }
        case .stock:
            // Several units merged into one add up at the same date; the latest date wins.
            let latest = values.map(\.end).max()!
            return values.filter { $0.end == latest }.reduce(0) { $0 + $1.value }
        }
    }

    /// Units of `level` under `code` in the structure (the unit itself if it is of that level).
    public func descendants(of code: String, level: AdminLevel) -> [AdminUnit] {
        guard let unit = units.unit(code: code, at: structure) else { return [] }
        if unit.level == level { return [unit] }
        return units.children(of: code, at: structure).flatMap { descendants(of: $0.code, level: level) }
    }

    /// A rate's numerator and denominator at a unit, each summed over the same units: those at the elements' entry
    /// level (the coarser of the two) that reported both. A unit that reported only one of them counts in neither
    /// and is named in `coverage.incomplete`; nil when no unit reported both.
    public func ratio(numerator: String, denominator: String, unit code: String, period: ReportingPeriod) -> PairedRatio? {
        guard let n = elements[numerator], let d = elements[denominator] else { return nil }
        let levels = AdminLevel.allCases
        let level = levels[min(levels.firstIndex(of: n.level)!, levels.firstIndex(of: d.level)!)]
        let units = descendants(of: code, level: level)
        // At the province, split units' values count too (apart from every unit below it).
        var keys = units.map(\.code)
        if self.units.unit(code: code, at: structure)?.level == .province {
            keys += (totals(numerator, period: period).keys.filter { $0.hasPrefix(RollUp.unallocated) }).sorted()
        }
        var sum = (numerator: 0, denominator: 0), complete = 0, pairs = 0, incomplete: [String] = []
        let totalsN = totals(numerator, period: period), totalsD = totals(denominator, period: period)
        for key in keys {
            switch (totalsN[key], totalsD[key]) {
            case let (a?, b?):
                sum.numerator += a
                sum.denominator += b
                pairs += 1
                // Coverage counts units of this map; a split unit's part is in the sums, not in the count.
                if !key.hasPrefix(RollUp.unallocated) { complete += 1 }
            case (nil, nil): break
            default: incomplete.append(key)
            }
        }
        guard pairs > 0 else { return nil }
        return PairedRatio(numerator: sum.numerator, denominator: sum.denominator,
                           coverage: Coverage(level: level, reported: complete, universe: units.count, incomplete: incomplete))
    }

    /// How many units of the indicator's entry level under `code` a figure rests on; nil for a unit at that level
    /// itself or for figures that are not sums over units.
    public func coverage(_ definition: IndicatorDefinition, unit code: String, period: ReportingPeriod) -> Coverage? {
        switch definition.formula {
        case let .ratio(numerator, denominator, _):
            guard let coverage = ratio(numerator: numerator, denominator: denominator, unit: code, period: period)?.coverage,
                  coverage.universe > 1 || units.unit(code: code, at: structure)?.level != coverage.level else { return nil }
            return coverage
        case let .value(element, _):
            guard let level = elements[element]?.level, units.unit(code: code, at: structure)?.level != level else { return nil }
            return reporting(element, level: level, under: code, period: period)
        case let .countUnits(element, level, _, _), let .shareOfUnits(element, level, _, _), let .minimumOverUnits(element, level):
            return reporting(element, level: level, under: code, period: period)
        case .reduction:
            return nil
        }
    }

    /// The units of `level` under `code` that reported `element`, out of all of them; nil when none did.
    private func reporting(_ element: String, level: AdminLevel, under code: String, period: ReportingPeriod) -> Coverage? {
        let all = descendants(of: code, level: level)
        let reported = all.filter { value(element, unit: $0.code, period: period) != nil }.count
        return reported > 0 ? Coverage(level: level, reported: reported, universe: all.count, incomplete: []) : nil
    }

    /// An indicator at a unit for a period; `baseline` is the period a reduction is measured from.
    public func indicator(_ definition: IndicatorDefinition, unit code: String, period: ReportingPeriod,
                          baseline: ReportingPeriod? = nil) -> Rational? {
        switch definition.formula {
        case let .ratio(numerator, denominator, factor):
            guard let pair = ratio(numerator: numerator, denominator: denominator, unit: code, period: period),
                  let rate = Rational(Decimal(pair.numerator), Decimal(pair.denominator)) else { return nil }
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

/// A reported value as the roll-up keeps it.
private struct Entry {
    var start: CivilDate
    var end: CivilDate
    var value: Int
}

/// A rate's two sums over the same units.
public struct PairedRatio: Hashable, Sendable {
    public var numerator: Int
    public var denominator: Int
    public var coverage: Coverage
}

/// The units a figure rests on: "76/171 xã" reported; those that reported only part of what the figure needs.
public struct Coverage: Hashable, Sendable {
    public var level: AdminLevel
    public var reported: Int
    public var universe: Int
    /// Codes of the units that reported a rate's numerator without its denominator or the reverse.
    public var incomplete: [String]

    public var isComplete: Bool { reported == universe && incomplete.isEmpty }

    /// "76/171 xã", the way a report states it.
    public var vietnamese: String { "\(reported)/\(universe) \(level.vietnamese)" }
}
