import Foundation

/// The programme's indicators across the years' provincial plans: each year's target and approved province figure,
/// followed by the indicator's name and unit (codes are positions in each year's plan). The page `/chuong-trinh` and
/// the multi-year review report ("sơ kết", "tổng kết") are both built from it.
public enum ProgrammeSeries {
    /// A province figure of one year, with the units it rests on.
    public struct Figure: Hashable, Sendable {
        public var value: Decimal
        public var coverage: Coverage?
        /// The last day of the figures it was computed from.
        public var measuredOn: CivilDate

        public init(value: Decimal, coverage: Coverage?, measuredOn: CivilDate) {
            (self.value, self.coverage, self.measuredOn) = (value, coverage, measuredOn)
        }
    }

    /// One year's provincial plan and its indicators' province figures, by indicator code.
    public struct Year: Sendable {
        public var plan: PlanDocument
        public var figures: [String: Figure]

        public init(plan: PlanDocument, figures: [String: Figure]) { (self.plan, self.figures) = (plan, figures) }
    }

    public struct Point: Hashable, Sendable {
        public var year: Int
        /// The plan that set this year's target (nil for a baseline year taken from a later plan).
        public var planId: String?
        public var planNumber: String?
        public var target: IndicatorReading?
        public var value: Decimal?
        public var coverage: Coverage?
        /// A baseline a plan states for an earlier year ("tăng … so với năm 2023").
        public var isBaseline = false
        /// The indicator's code in that year's plan.
        public var indicatorCode: String?
        /// When one unit is read: its figure that year in the chosen map, the shares used when it is an estimate, and
        /// whether part of its territory reported under a split unit whose figure could not be allocated.
        public var unitValue: Decimal?
        public var unitShares: [MapReading.Share] = []
        public var unitApart = false

        /// Whether the year's figure meets the year's target; nil without either.
        public var met: Bool? {
            guard let value, let target else { return nil }
            return target.comparator.isMet(actual: ExactNumber(value), target: target.targetValue)
        }
    }

    public struct Series: Hashable, Sendable {
        public var name: String
        public var unit: String
        public var points: [Point]
    }

    public static func build(_ years: [Year]) -> [Series] {
        var series: [String: Series] = [:], order: [String] = []
        for year in years.sorted(by: { $0.plan.plan.year < $1.plan.plan.year }) {
            let plan = year.plan
            for indicator in plan.targets.flatMap(\.indicators) {
                let key = AgencyDirectory.normalise(indicator.name) + "|" + indicator.unit
                if series[key] == nil { series[key] = Series(name: indicator.name, unit: indicator.unit, points: []); order.append(key) }
                if let baseline = indicator.baseline, !(series[key]?.points.contains { $0.year == baseline.year } ?? false) {
                    series[key]?.points.append(Point(year: baseline.year, value: baseline.value.decimal, isBaseline: true))
                }
                let figure = year.figures[indicator.code]
                let point = Point(year: plan.plan.year, planId: plan.id, planNumber: plan.plan.number, target: indicator.readings.first,
                                  value: figure?.value, coverage: figure?.coverage, indicatorCode: indicator.code)
                series[key]?.points.removeAll { $0.year == plan.plan.year }
                series[key]?.points.append(point)
            }
        }
        return order.compactMap { key in series[key].map { s in var s = s; s.points.sort { $0.year < $1.year }; return s } }
    }

    /// The province figure of every indicator of `plan` that has a way to be computed, from `values`, for the plan's
    /// year (its change against the year before where the indicator is one).
    public static func figures(_ plan: PlanDocument, units: AdminUnitRegistry, values: [DataValue], today: CivilDate) throws -> [String: Figure] {
        guard !values.isEmpty else { return [:] }
        let seed = try SeedData.indicatorDefinitions()
        let year = ReportingPeriod.year(plan.plan.year)
        let measured = values.filter { year.covers($0.period) }.map(\.period.end).max() ?? year.end
        let rollUp = RollUp(elements: seed.elements, values: values, units: units, structure: min(measured, today))
        var result: [String: Figure] = [:]
        for definition in seed.definitions {
            guard plan.indicator(code: definition.indicator) != nil,
                  let value = rollUp.indicator(definition, unit: plan.plan.provinceCode, period: year, baseline: .year(plan.plan.year - 1))
            else { continue }
            result[definition.indicator] = Figure(value: value.rounded(definition.scale),
                                                  coverage: rollUp.coverage(definition, unit: plan.plan.provinceCode, period: year),
                                                  measuredOn: measured)
        }
        return result
    }
}
