/// Where every task of a plan stands on a given day: the numbers the home page, the task list and unit pages show.
public struct TaskProgressSummary: Hashable, Sendable {
    public var code: String
    public var status: TaskStatus
    public var deadline: CivilDate?
    public var assignees: [AssigneeProgress]
    public var updateCount: Int
    public var lastUpdate: TaskUpdate?
}

public enum PlanProgress {
    /// Derives every task's status from the updates, collectives expanded on the plan's issue date.
    /// Appendix rows carry their own deadline; a section III task has none, so it is never overdue by itself.
    public static func compute(_ plan: PlanDocument, directory: AgencyDirectory, updates: [TaskUpdate],
                               today: CivilDate) -> [String: TaskProgressSummary] {
        let byTask = Dictionary(grouping: updates, by: \.taskCode)
        var result: [String: TaskProgressSummary] = [:]
        let tasks: [(String, [Assignment], CivilDate?)] = plan.sectionTasks.map { ($0.code, $0.assignments, nil) }
            + plan.appendix.map { ($0.code, $0.assignments, $0.deadline.date) }
        for (code, assignments, deadline) in tasks {
            let own = byTask[code] ?? []
            let assignees = TaskProgress.assignees(assignments, updates: own, directory: directory, on: plan.plan.issuedOn)
            let status = TaskProgress.derive(leads: assignees.filter { $0.role == .lead }.map(\.status), deadline: deadline, today: today)
            result[code] = TaskProgressSummary(code: code, status: status, deadline: deadline, assignees: assignees,
                                               updateCount: own.count, lastUpdate: own.max { ($0.id ?? 0) < ($1.id ?? 0) })
        }
        return result
    }
}
