import FluentKit
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
        /// Each assignee as the plan names it, with today's successor once an agency change is recorded
        /// ("Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)").
        var names: [String: String] = [:]
        /// The tasks of agencies' and districts' own plans that implement this one, with where each stands.
        var children: [ChildProgress] = []

        struct ChildProgress {
            var task: PlanFamily.ChildTask
            var summary: TaskProgressSummary?
        }

        /// The child tasks implementing `code` of `plan`, each read against its own plan's updates.
        static func children(_ db: any Database, cache: PlanCache, plan: String, code: String,
                             today: CivilDate = .today()) async throws -> [ChildProgress] {
            var result: [ChildProgress] = []
            for task in try await PlanFamily(db).childTasks(of: plan, task: code) {
                let data = try await PlanData.load(db, cache: cache, plan: try await cache.loaded(db, id: task.planId), today: today)
                result.append(ChildProgress(task: task, summary: data.progress[task.taskCode]))
            }
            return result
        }

        /// nil when the plan has no task `code`.
        static func query(_ data: PlanData, code: String, principal: Principal?) throws -> Model? {
            guard let listing = try data.listings().first(where: { $0.code == code }), let summary = data.progress[code] else { return nil }
            let names = Dictionary(summary.assignees.map { ($0.assignee, data.directory.withSuccessor($0.assignee, on: data.today)) },
                                   uniquingKeysWith: { first, _ in first })
            return Model(listing: listing, groupTitle: data.groupTitle(of: listing), summary: summary,
                         updates: data.updates.filter { $0.taskCode == code }.reversed(),
                         reportable: reporters(data, code: code, summary: summary, principal), names: names)
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
