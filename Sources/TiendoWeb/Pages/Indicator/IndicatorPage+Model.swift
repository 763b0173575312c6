import Foundation
import TiendoCore

extension IndicatorPage {
    /// An indicator's figures for the plan year, per unit of the chosen map, with what could not be placed in it.
    struct Model {
        static let mapParameter = "ban-do"

        struct Row {
            var unit: AdminUnit
            var numerator: Int?
            var denominator: Int?
            var value: Decimal?
            /// The units of the figures' own date that make up this one (more than one where units merged).
            var from: [AdminUnit]
        }

        struct Unallocated {
            var unit: AdminUnit
            var numerator: Int?
            var denominator: Int?
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
        static func query(_ data: PlanData, code: String, map: CivilDate?) throws -> Model? {
            guard let indicator = data.plan.indicator(code: code) else { return nil }
            let units = data.directory.units
            let year = ReportingPeriod.year(data.plan.plan.year)
            let issued = data.plan.plan.issuedOn
            // The plan's map and every later one the registry holds.
            let maps = Set([issued] + units.units.compactMap(\.validFrom).filter { $0 > issued }).sorted()
            let chosen = map ?? issued
            let definition = try SeedData.indicatorDefinitions().definitions.first { $0.indicator == code }
            let empty = Model(indicator: indicator, definition: definition, year: year, map: chosen, maps: maps, province: nil,
                              coverage: nil, rows: [], unallocated: [])
            guard let definition else { return empty }
            let seed = try SeedData.indicatorDefinitions()
            let rollUp = RollUp(elements: seed.elements, values: data.values, units: units, structure: chosen)
            let (numerator, denominator): (String?, String?) = switch definition.formula {
            case let .ratio(n, d, _): (n, d)
            case let .value(element, _): (element, nil)
            default: (nil, nil)
            }
            let level = numerator.flatMap { code in seed.elements.first { $0.code == code }?.level } ?? .commune
            let province = data.plan.plan.provinceCode
            func row(_ unit: AdminUnit) -> Row {
                let reported = Set(data.values.map(\.unitCode))
                let from = units.predecessorsReported(unit, codes: reported)
                return Row(unit: unit, numerator: numerator.flatMap { rollUp.value($0, unit: unit.code, period: year) },
                           denominator: denominator.flatMap { rollUp.value($0, unit: unit.code, period: year) },
                           value: rollUp.indicator(definition, unit: unit.code, period: year).map { $0.rounded(definition.scale) }, from: from)
            }
            let rows = rollUp.descendants(of: province, level: level).map(row).filter { $0.numerator != nil || $0.denominator != nil }
            var apart: [String: Unallocated] = [:]
            for (element, keyPath) in [(numerator, \Unallocated.numerator), (denominator, \Unallocated.denominator)] {
                guard let element else { continue }
                for (unit, value) in rollUp.unallocated(element, period: year) {
                    let successors = MapReading.destinations(of: unit, at: chosen, registry: units).targets
                    apart[unit.versionKey, default: Unallocated(unit: unit, successors: successors)][keyPath: keyPath] = value
                }
            }
            return Model(indicator: indicator, definition: definition, year: year, map: chosen, maps: maps,
                         province: units.unit(code: province, at: chosen).map(row), coverage: rollUp.coverage(definition, unit: province, period: year),
                         rows: rows, unallocated: apart.values.sorted { AdminUnitRegistry.mapOrder($0.unit, $1.unit) })
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
