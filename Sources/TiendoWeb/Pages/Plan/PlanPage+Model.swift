import TiendoCore

extension PlanPage {
    /// The plan as the page shows it: the document in force, whole.
    struct Model {
        var plan: PlanDocument

        static func query(_ data: PlanData) -> Model { Model(plan: data.plan) }

        var title: String { "\(plan.plan.documentType) \(plan.plan.number)" }
    }
}
