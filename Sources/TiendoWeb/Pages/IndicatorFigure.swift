import Fluent
import Foundation
import TiendoCore
import TiendoStore
import Vapor

/// An indicator's value for the plan year at province level, how it stands against the target, and how many
/// units it rests on.
struct IndicatorFigure: Sendable {
    var value: Decimal
    var assessment: TargetAssessment
    var coverage: Coverage?

    /// "80,7" followed by "(76/171 xã)" when the figure rests on part of the units.
    var text: String {
        ExactNumber(value).vietnamese + (coverage.map { " (\($0.vietnamese))" } ?? "")
    }

    static func compute(_ plan: PlanDocument, directory: AgencyDirectory, values: [DataValue], today: CivilDate) throws -> [String: IndicatorFigure] {
        guard !values.isEmpty else { return [:] }
        let seed = try SeedData.indicatorDefinitions()
        let year = ReportingPeriod.year(plan.plan.year)
        let measured = values.filter { year.covers($0.period) }.map(\.period.end).max() ?? year.end
        let rollUp = RollUp(elements: seed.elements, values: values, units: directory.units, structure: min(measured, today))
        var result: [String: IndicatorFigure] = [:]
        for definition in seed.definitions {
            guard let indicator = plan.indicator(code: definition.indicator),
                  let value = rollUp.indicator(definition, unit: plan.plan.provinceCode, period: year, baseline: .year(plan.plan.year - 1))
            else { continue }
            let rounded = value.rounded(definition.scale)
            result[definition.indicator] = IndicatorFigure(value: rounded, assessment: TargetStatus.assess(
                indicator, actual: rounded, measuredOn: measured, today: today),
                coverage: rollUp.coverage(definition, unit: plan.plan.provinceCode, period: year))
        }
        return result
    }

    func badge(_ language: Language) -> Markup {
        el("span", [("class", "badge t-\(assessment.status.rawValue)"), ("title", assessment.reason)], text: assessment.status.vietnamese)
    }
}
