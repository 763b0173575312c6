import Foundation
import TiendoCore

extension ProgrammePage {
    /// The programme's indicators across the years' plans: each year's target and approved province figure.
    struct Model {
        static let unitParameter = "don-vi"

        typealias Point = ProgrammeSeries.Point
        typealias Series = ProgrammeSeries.Series

        /// One unit of a chosen map, whose figures each year are read in that map.
        struct UnitChoice {
            var unit: AdminUnit
            var map: CivilDate
            var maps: [CivilDate]
            var units: [AdminUnit]
        }

        var series: [Series]
        var plans: [(id: String, year: Int, number: String)]
        var choice: UnitChoice?
        /// The dates a reader may choose a map of, and its units (districts and communes), when no unit is chosen yet.
        var maps: [CivilDate] = []
        var map: CivilDate?
        var mapUnits: [AdminUnit] = []
        /// Whether the reader may download the review report (Ban Dân tộc).
        var mayBuildReview = false

        /// With a unit of the map of `map` (`code`): each year's figure of that unit read in that map, as the
        /// indicator page reads it (exact, estimated by shares, or partly apart).
        static func query(_ years: [PlanData], unit code: String?, map: CivilDate, shares: [MapReading.Share]) throws -> Model {
            var model = query(years)
            guard let registry = years.first?.directory.units else { return model }
            let earliest = years.map(\.plan.plan.issuedOn).min() ?? map
            model.maps = Set([earliest] + registry.units.compactMap(\.validFrom).filter { $0 > earliest }).sorted()
            model.map = map
            model.mapUnits = registry.units(at: map).filter { $0.level == .district || $0.level == .commune }
            guard let code else { return model }
            guard let unit = registry.unit(code: code, at: map), unit.level != .province else {
                throw AppError.notFound("Không có đơn vị cấp huyện hay cấp xã mã \"\(code.clipped(to: 20))\" trên bản đồ ngày \(map.vietnamese).")
            }
            model.choice = UnitChoice(unit: unit, map: map, maps: model.maps, units: model.mapUnits)
            let byId = Dictionary(years.map { ($0.plan.id, $0) }, uniquingKeysWith: { a, _ in a })
            for s in model.series.indices {
                for p in model.series[s].points.indices {
                    let point = model.series[s].points[p]
                    guard let id = point.planId, let data = byId[id], let indicator = point.indicatorCode,
                          let read = try IndicatorPage.Model.query(data, code: indicator, map: map, shares: shares) else { continue }
                    let row = read.rows.first { $0.unit.versionKey == unit.versionKey }
                    model.series[s].points[p].unitValue = row?.value
                    model.series[s].points[p].unitShares = row?.shares ?? []
                    model.series[s].points[p].unitApart = read.unallocated.contains { $0.successors.contains(unit) }
                }
            }
            return model
        }

        /// Indicators are followed across years by their name and unit (codes are positions in each year's plan).
        static func query(_ years: [PlanData]) -> Model {
            Model(series: ProgrammeSeries.build(years.map { data in
                ProgrammeSeries.Year(plan: data.plan, figures: data.indicators.mapValues {
                    ProgrammeSeries.Figure(value: $0.value, coverage: $0.coverage, measuredOn: $0.measuredOn)
                })
            }), plans: years.map { ($0.plan.id, $0.plan.plan.year, $0.plan.plan.number) }.sorted { $0.1 < $1.1 })
        }
    }
}
