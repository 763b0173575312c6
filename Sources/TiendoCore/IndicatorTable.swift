import Foundation

/// One indicator at one unit for one period, exact.
public struct IndicatorResult: Hashable, Sendable {
    public var unitCode: String
    public var level: AdminLevel
    public var indicator: String
    public var value: Rational
}

/// Every indicator at every unit of the roll-up's map: the province, each district, each commune.
public enum IndicatorTable {
    /// Units in the order a report lists them (province, then each district followed by its communes);
    /// a unit where an indicator has no data is left out for that indicator.
    public static func compute(_ definitions: [IndicatorDefinition], rollUp: RollUp, period: ReportingPeriod,
                               baseline: ReportingPeriod?) -> [IndicatorResult] {
        var results: [IndicatorResult] = []
        for unit in ordered(rollUp.units, at: rollUp.structure) {
            for definition in definitions {
                if let value = rollUp.indicator(definition, unit: unit.code, period: period, baseline: baseline) {
                    results.append(IndicatorResult(unitCode: unit.code, level: unit.level, indicator: definition.indicator, value: value))
                }
            }
        }
        return results
    }

    static func ordered(_ units: AdminUnitRegistry, at date: CivilDate) -> [AdminUnit] {
        units.units(at: date, level: .province).flatMap { province in
            [province] + units.children(of: province.code, at: date).flatMap { [$0] + units.children(of: $0.code, at: date) }
        }
    }
}
