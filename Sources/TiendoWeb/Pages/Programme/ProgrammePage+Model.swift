import Foundation
import TiendoCore

extension ProgrammePage {
    /// The programme's indicators across the years' plans: each year's target and approved province figure.
    struct Model {
        struct Point {
            var year: Int
            /// The plan that set this year's target (nil for a baseline year taken from a later plan).
            var planId: String?
            var planNumber: String?
            var target: IndicatorReading?
            var value: Decimal?
            var coverage: Coverage?
            /// A baseline a plan states for an earlier year ("tăng … so với năm 2023").
            var isBaseline = false
        }

        struct Series {
            var name: String
            var unit: String
            var points: [Point]
        }

        var series: [Series]
        var plans: [(id: String, year: Int, number: String)]

        /// Indicators are followed across years by their name and unit (codes are positions in each year's plan).
        static func query(_ years: [PlanData]) -> Model {
            var series: [String: Series] = [:], order: [String] = []
            for data in years.sorted(by: { $0.plan.plan.year < $1.plan.plan.year }) {
                let plan = data.plan
                for indicator in plan.targets.flatMap(\.indicators) {
                    let key = AgencyDirectory.normalise(indicator.name) + "|" + indicator.unit
                    if series[key] == nil { series[key] = Series(name: indicator.name, unit: indicator.unit, points: []); order.append(key) }
                    if let baseline = indicator.baseline, !(series[key]?.points.contains { $0.year == baseline.year } ?? false) {
                        series[key]?.points.append(Point(year: baseline.year, value: baseline.value.decimal, isBaseline: true))
                    }
                    let figure = data.indicators[indicator.code]
                    let point = Point(year: plan.plan.year, planId: plan.id, planNumber: plan.plan.number, target: indicator.readings.first,
                                      value: figure?.value, coverage: figure?.coverage)
                    series[key]?.points.removeAll { $0.year == plan.plan.year }
                    series[key]?.points.append(point)
                }
            }
            return Model(series: order.compactMap { key in series[key].map { s in var s = s; s.points.sort { $0.year < $1.year }; return s } },
                         plans: years.map { ($0.plan.id, $0.plan.plan.year, $0.plan.plan.number) }.sorted { $0.1 < $1.1 })
        }
    }
}
