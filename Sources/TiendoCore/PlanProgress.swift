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
        let codes = plan.sectionTasks.map(\.code) + plan.appendix.map(\.code)
        return Dictionary(uniqueKeysWithValues: codes.compactMap { code in
            summary(of: code, in: plan, directory: directory, updates: byTask[code] ?? [], today: today).map { (code, $0) }
        })
    }

    /// One task's summary from its own updates; nil when the plan has no task with that code.
    public static func summary(of code: String, in plan: PlanDocument, directory: AgencyDirectory, updates: [TaskUpdate],
                               today: CivilDate) -> TaskProgressSummary? {
        let row = plan.appendix.first { $0.code == code }
        guard let assignments = plan.sectionTasks.first(where: { $0.code == code })?.assignments ?? row?.assignments else { return nil }
        let deadline = row?.deadline.date
        let assignees = TaskProgress.assignees(assignments, updates: updates, directory: directory, on: plan.plan.issuedOn)
        let status = TaskProgress.derive(leads: assignees.filter { $0.role == .lead && $0.counts }.map(\.status), deadline: deadline, today: today)
        return TaskProgressSummary(code: code, status: status, deadline: deadline, assignees: assignees,
                                   updateCount: updates.count, lastUpdate: updates.max { ($0.id ?? 0) < ($1.id ?? 0) })
    }
}

/// The counts every page and report gives for one reporter's tasks, from this one derivation (the help text on
/// the home page says the same in words):
/// - **chủ trì**: tasks it leads, by name or through a collective ("UBND các huyện");
/// - **đã báo cáo**: of these, the tasks where it has sent at least one update;
/// - **hoàn thành**: the tasks where its own part is done;
/// - **quá hạn**: the tasks whose deadline has passed on the day while its own part is not done.
public struct WorkCounts: Hashable, Sendable {
    public var leads: [String] = []
    public var reported: [String] = []
    public var done: [String] = []
    public var late: [String] = []

    public init() {}

    /// For one reporter: a unit (its code) or an agency (its name); for everyone when both are nil.
    public static func of(unitCode: String? = nil, agency: String? = nil, in progress: [String: TaskProgressSummary],
                          on day: CivilDate) -> WorkCounts {
        var counts = WorkCounts()
        for (code, summary) in progress.sorted(by: { $0.key < $1.key }) {
            let own: [AssigneeProgress]
            let leads = summary.assignees.filter { $0.role == .lead && $0.counts }
            if let unitCode { own = leads.filter { $0.unitCode == unitCode } }
            else if let agency { own = leads.filter { $0.assignee == agency } }
            else { own = leads }
            counts.add(code, summary, own: own, on: day)
        }
        return counts
    }

    /// Every unit's counts at once, in one pass over the tasks: for each unit code, what `of(unitCode:)` gives. The
    /// home page shows all districts (or all communes); asking `of` once per unit went over every task each time.
    public static func byUnit(in progress: [String: TaskProgressSummary], on day: CivilDate) -> [String: WorkCounts] {
        var all: [String: WorkCounts] = [:]
        for (code, summary) in progress.sorted(by: { $0.key < $1.key }) {
            let byUnit = Dictionary(grouping: summary.assignees.filter { $0.role == .lead && $0.counts && $0.unitCode != nil }) { $0.unitCode! }
            for (unit, own) in byUnit { all[unit, default: WorkCounts()].add(code, summary, own: own, on: day) }
        }
        return all
    }

    /// Task `code` counted for a reporter whose own lead assignees on it are `own` (none: not its task).
    private mutating func add(_ code: String, _ summary: TaskProgressSummary, own: [AssigneeProgress], on day: CivilDate) {
        guard !own.isEmpty else { return }
        leads.append(code)
        if own.contains(where: { $0.lastUpdate != nil }) { reported.append(code) }
        let finished = own.allSatisfy { $0.status == .done }
        if finished { done.append(code) }
        if !finished, let deadline = summary.deadline, day > deadline { late.append(code) }
    }
}
