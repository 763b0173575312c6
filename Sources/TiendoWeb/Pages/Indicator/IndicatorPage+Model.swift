import Foundation
import TiendoCore

extension IndicatorPage {
    /// An indicator's figures for the plan year, per unit of the chosen map, with what could not be placed in it.
    ///
    /// Up to the end of the plan year the figures are read in that map by the roll-up. In a later map (01/07/2025,
    /// after districts were abolished) each unit's totals are carried by `MapReading`: exactly where units merged
    /// whole, by the administrator's shares (an estimate, naming them) where a unit was split, and apart otherwise.
    struct Model {
        static let mapParameter = "ban-do"

        struct Row {
            var unit: AdminUnit
            var numerator: Decimal?
            var denominator: Decimal?
            var value: Decimal?
            /// The units of the figures' own date that make up this one (more than one where units merged).
            var from: [AdminUnit]
            /// The shares used where part of it comes from a split unit; empty for an exact figure.
            var shares: [MapReading.Share] = []

            var isEstimate: Bool { !shares.isEmpty }
        }

        struct Unallocated {
            var unit: AdminUnit
            var numerator: Decimal?
            var denominator: Decimal?
            var successors: [AdminUnit]
        }

        var indicator: Indicator
        var definition: IndicatorDefinition?
        var year: ReportingPeriod
        /// The date whose map the figures are read in, and the dates a reader may choose.
        var map: CivilDate
        var maps: [CivilDate]
        var province: Row?
        var coverage: Coverage?
        var rows: [Row]
        var unallocated: [Unallocated]

        /// nil when the plan has no indicator `code`. `map` nil: the plan's own date.
        static func query(_ data: PlanData, code: String, map: CivilDate?, shares: [MapReading.Share] = []) throws -> Model? {
            guard let indicator = data.plan.indicator(code: code) else { return nil }
            let units = data.directory.units
            let year = ReportingPeriod.year(data.plan.plan.year)
            let issued = data.plan.plan.issuedOn
            // The plan's map and every later one the registry holds.
            let maps = Set([issued] + units.units.compactMap(\.validFrom).filter { $0 > issued }).sorted()
            let chosen = map ?? issued
            let seed = try SeedData.indicatorDefinitions()
            var model = Model(indicator: indicator, definition: nil, year: year, map: chosen, maps: maps, province: nil,
                              coverage: nil, rows: [], unallocated: [])
            guard let definition = seed.definitions.first(where: { $0.indicator == code }) else { return model }
            model.definition = definition
            let (numerator, denominator, factor): (String?, String?, Rational) = switch definition.formula {
            case let .ratio(n, d, f): (n, d, f.rational)
            case let .value(element, f): (element, nil, f.rational)
            default: (nil, nil, Rational(1))
            }
            let province = data.plan.plan.provinceCode
            let level = numerator.flatMap { code in seed.elements.first { $0.code == code }?.level } ?? .commune
            // Read in the map of the year's end (or the chosen one, if earlier); carried further by MapReading.
            let base = min(chosen, year.end)
            let rollUp = RollUp(elements: seed.elements, values: data.values, units: units, structure: base)
            let reported = Set(data.values.map(\.unitCode))
            model.coverage = rollUp.coverage(definition, unit: province, period: year)
            func value(_ n: Decimal?, _ d: Decimal?) -> Decimal? {
                guard let n else { return nil }
                guard denominator != nil else { return (Rational(n, 1)! * factor).rounded(definition.scale) }
                return d.flatMap { Rational(n, $0) }.map { ($0 * factor).rounded(definition.scale) }
            }
            if let top = units.unit(code: province, at: chosen) {
                let n = numerator.flatMap { rollUp.value($0, unit: province, period: year) }.map { Decimal($0) }
                let d = denominator.flatMap { rollUp.value($0, unit: province, period: year) }.map { Decimal($0) }
                let v = numerator == nil ? rollUp.indicator(definition, unit: province, period: year).map { $0.rounded(definition.scale) } : value(n, d)
                model.province = Row(unit: top, numerator: n, denominator: d, value: v, from: [])
            }
            guard numerator != nil else { return model }
            let before = rollUp.descendants(of: province, level: level)
            func readings(_ element: String?) -> MapReading.Reading? {
                element.map { element in
                    let values = before.compactMap { unit in rollUp.value(element, unit: unit.code, period: year).map { (unit: unit, value: Decimal($0)) } }
                    return MapReading.read(values, in: chosen, registry: units, shares: shares)
                }
            }
            let (n, d) = (readings(numerator), readings(denominator))
            let byKey = { (reading: MapReading.Reading?) in
                Dictionary((reading?.units ?? []).map { ($0.unit.versionKey, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let (nUnits, dUnits) = (byKey(n), byKey(d))
            let targets = Set(nUnits.keys).union(dUnits.keys).compactMap { units.unit(versionKey: $0) }.sorted(by: AdminUnitRegistry.mapOrder)
            model.rows = targets.map { unit in
                let (a, b) = (nUnits[unit.versionKey], dUnits[unit.versionKey])
                let sources = Set((a?.sources ?? []) + (b?.sources ?? [])).compactMap { units.unit(versionKey: $0) }
                return Row(unit: unit, numerator: a?.value, denominator: b?.value, value: value(a?.value, b?.value),
                           from: chosen <= year.end ? units.predecessorsReported(unit, codes: reported) : sources.sorted(by: AdminUnitRegistry.mapOrder),
                           shares: ((a?.sharesUsed ?? []) + (b?.sharesUsed ?? [])).uniqued())
            }
            var apart: [String: Unallocated] = [:]
            for (reading, keyPath) in [(n, \Unallocated.numerator), (d, \Unallocated.denominator)] {
                for item in reading?.unallocated ?? [] {
                    apart[item.unit.versionKey, default: Unallocated(unit: item.unit, successors: item.successors)][keyPath: keyPath] = item.value
                }
            }
            model.unallocated = apart.values.sorted { AdminUnitRegistry.mapOrder($0.unit, $1.unit) }
            return model
        }
    }
}

extension AdminUnitRegistry {
    /// The earlier versions whose whole territory went into `unit` (followed back through mergers, never through a
    /// split), among units with a code in `codes`: what a figure of `unit` in a later map is the sum of.
    func predecessorsReported(_ unit: AdminUnit, codes: Set<String>) -> [AdminUnit] {
        var result: [AdminUnit] = [], frontier = [unit], seen: Set<String> = []
        while let next = frontier.popLast() {
            guard seen.insert(next.versionKey).inserted else { continue }
            let whole = predecessors(of: next).filter { !links(from: $0).contains { $0.kind == .split } }
            if codes.contains(next.code), next.versionKey != unit.versionKey || whole.isEmpty { result.append(next) }
            frontier += whole
        }
        return result.sorted(by: AdminUnitRegistry.mapOrder)
    }
}
