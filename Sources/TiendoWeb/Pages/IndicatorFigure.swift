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
    var measuredOn: CivilDate

    /// "80,7" followed by "(76/171 xã)" when the figure rests on part of the units.
    var text: String {
        ExactNumber(value).vietnamese + (coverage.map { " (\($0.vietnamese))" } ?? "")
    }

    static func compute(_ plan: PlanDocument, directory: AgencyDirectory, values: [DataValue], today: CivilDate) throws -> [String: IndicatorFigure] {
        var result: [String: IndicatorFigure] = [:]
        for (code, figure) in try ProgrammeSeries.figures(plan, units: directory.units, values: values, today: today) {
            guard let indicator = plan.indicator(code: code) else { continue }
            result[code] = IndicatorFigure(value: figure.value, assessment: TargetStatus.assess(indicator, actual: figure.value, measuredOn: figure.measuredOn, today: today),
                                           coverage: figure.coverage, measuredOn: figure.measuredOn)
        }
        return result
    }

    func badge(_ language: Language) -> Markup {
        el("span", [("class", "badge t-\(assessment.status.rawValue)"), ("title", assessment.reason)], text: assessment.status.vietnamese)
    }
}
