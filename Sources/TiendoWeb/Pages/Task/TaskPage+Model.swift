import TiendoCore
import TiendoStore

extension TaskPage {
    /// One task as its page shows it, and whom the signed-in user may report for on it.
    struct Model {
        var listing: TaskListing
        var groupTitle: String
        var summary: TaskProgressSummary
        /// Newest first.
        var updates: [TaskUpdate]
        /// The assignees the user may report for (the same question the update asks the policy); empty: no form.
        var reportable: [AssigneeProgress]

        /// nil when the plan has no task `code`.
        static func query(_ data: PlanData, code: String, principal: Principal?) throws -> Model? {
            guard let listing = try data.listings().first(where: { $0.code == code }), let summary = data.progress[code] else { return nil }
            return Model(listing: listing, groupTitle: data.groupTitle(of: listing), summary: summary,
                         updates: data.updates.filter { $0.taskCode == code }.reversed(),
                         reportable: reporters(data, code: code, summary: summary, principal))
        }

        static func reporters(_ data: PlanData, code: String, summary: TaskProgressSummary, _ principal: Principal?) -> [AssigneeProgress] {
            guard let principal, let assignments = TaskReporting.assignments(of: code, in: data.plan) else { return [] }
            let date = data.plan.plan.issuedOn
            return summary.assignees.filter { assignee in
                guard let agency = data.directory.reporter(named: assignee.unitCode ?? assignee.assignee, on: date) else { return false }
                return (try? Policy.reportingRole(principal, for: agency, assignments: assignments, taskCode: code,
                                                  directory: data.directory, on: date).get()) != nil
            }
        }
    }
}
