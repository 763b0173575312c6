import TiendoCore
import TiendoStore

extension PlanPage {
    /// The plan as the page shows it: the document in force, whole.
    struct Model {
        var plan: PlanDocument
        /// Every plan, oldest first: the province's of each year and the agencies' and districts' own.
        var plans: [PlanSummary] = []

        static func query(_ data: PlanData, plans: [PlanSummary] = []) -> Model { Model(plan: data.plan, plans: plans) }

        var title: String { "\(plan.plan.documentType) \(plan.plan.number)" }
    }
}
