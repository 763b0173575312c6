import Foundation

/// An assignee's own status on a task, as it reports it.
public enum ProgressStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
    case blocked

    public var vietnamese: String {
        switch self {
        case .notStarted: "chưa triển khai"
        case .inProgress: "đang triển khai"
        case .done: "hoàn thành"
        case .blocked: "không thực hiện được"
        }
    }
}

/// A task's status, derived from its leads'.
public enum TaskStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
    case blocked
    case overdue

    public var vietnamese: String {
        switch self {
        case .overdue: "quá hạn"
        default: ProgressStatus(rawValue: rawValue)!.vietnamese
        }
    }
}

/// One progress report on a task from one assignee.
public struct TaskUpdate: Hashable, Sendable, Codable {
    public var id: Int?
    public var planId: String
    public var taskCode: String
    /// The assignee the update is for: an agency's name or a People's Committee's name.
    public var reporter: String
    /// For a People's Committee, its unit's code.
    public var reporterUnitCode: String?
    /// Whether the reporter leads the task or helps with it.
    public var role: Assignment.Role
    public var status: ProgressStatus
    /// Percent done, 0–100.
    public var progress: Int
    public var note: String
    public var evidenceNumber: String?
    public var evidenceDate: CivilDate?
    public var username: String
    /// When it was stored, ISO 8601 in UTC.
    public var createdAt: String?

    public init(id: Int? = nil, planId: String, taskCode: String, reporter: String, reporterUnitCode: String? = nil,
                role: Assignment.Role, status: ProgressStatus, progress: Int, note: String, evidenceNumber: String? = nil,
                evidenceDate: CivilDate? = nil, username: String, createdAt: String? = nil) {
        self.id = id
        self.planId = planId
        self.taskCode = taskCode
        self.reporter = reporter
        self.reporterUnitCode = reporterUnitCode
        self.role = role
        self.status = status
        self.progress = progress
        self.note = note
        self.evidenceNumber = evidenceNumber
        self.evidenceDate = evidenceDate
        self.username = username
        self.createdAt = createdAt
    }

    /// Rejects what no official would mean: a percentage outside 0–100, "done" below 100, an empty note.
    public func validate() throws {
        guard (0...100).contains(progress) else {
            throw TaskUpdateError.invalid(field: "progress", message: "Tỷ lệ hoàn thành phải từ 0 đến 100; nhận được \(progress).")
        }
        if status == .done && progress != 100 {
            throw TaskUpdateError.invalid(field: "progress", message: "Trạng thái \"hoàn thành\" cần tỷ lệ 100%; nhận được \(progress)%.")
        }
        if status == .notStarted && progress != 0 {
            throw TaskUpdateError.invalid(field: "progress", message: "Trạng thái \"chưa triển khai\" cần tỷ lệ 0%; nhận được \(progress)%.")
        }
        guard note.trimmingCharacters(in: .whitespacesAndNewlines).count <= 10_000 else {
            throw TaskUpdateError.invalid(field: "note", message: "Nội dung báo cáo dài quá 10.000 ký tự.")
        }
    }
}

public enum TaskUpdateError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(field: String, message: String)
    public var description: String {
        switch self { case let .invalid(field, message): "Trường \"\(field)\": \(message)" }
    }
}

/// Where one assignee stands on a task.
public struct AssigneeProgress: Hashable, Sendable, Codable {
    public var assignee: String
    public var unitCode: String?
    public var role: Assignment.Role
    /// The collective it is assigned through, if any, with the plan's narrowing words ("— có liên quan").
    public var via: String?
    public var status: ProgressStatus
    public var progress: Int
    public var lastUpdate: TaskUpdate?
    /// Assigned through a collective the plan narrows without naming its members: it counts as an assignee only
    /// once it has reported (`counts`).
    public var conditional: Bool = false

    /// Whether this assignee is held to the task: always, or for a narrowed collective's member once it reported.
    public var counts: Bool { !conditional || lastUpdate != nil }
}

public enum TaskProgress {
    /// Every assignee of a task, collectives expanded to their members on `date`, each with its latest update.
    public static func assignees(_ assignments: [Assignment], updates: [TaskUpdate], directory: AgencyDirectory,
                                 on date: CivilDate) -> [AssigneeProgress] {
        var result: [AssigneeProgress] = []
        var seen: [String: Int] = [:]
        for assignment in assignments {
            let members: [(Agency, String?)]
            switch directory.resolve(assignment) {
            case let .collective(collective)?:
                let via = collective.name + (assignment.narrowsCollective ? " — \(assignment.note ?? "")" : "")
                members = directory.members(of: collective, on: date).map { ($0, via) }
            case let .agency(agency)?:
                members = [(agency, nil)]
            case nil:
                members = []
            }
            for (agency, via) in members {
                let conditional = via != nil && assignment.narrowsCollective
                if let index = seen[agency.name] {
                    // Named both directly and through a collective, or as lead and helper: lead wins, named wins.
                    if assignment.role == .lead { result[index].role = .lead }
                    if !conditional { result[index].conditional = false }
                    continue
                }
                let latest = updates.filter { $0.reporter == agency.name }.max { ($0.id ?? 0) < ($1.id ?? 0) }
                seen[agency.name] = result.count
                result.append(AssigneeProgress(assignee: agency.name, unitCode: agency.unitCode, role: assignment.role,
                                               via: via, status: latest?.status ?? .notStarted,
                                               progress: latest?.progress ?? 0, lastUpdate: latest, conditional: conditional))
            }
        }
        return result
    }

    /// The task's status from its leads': done when every lead is done; otherwise overdue once the deadline
    /// has passed; otherwise blocked when every lead is blocked, in progress when any has started.
    public static func derive(leads: [ProgressStatus], deadline: CivilDate?, today: CivilDate) -> TaskStatus {
        if !leads.isEmpty && leads.allSatisfy({ $0 == .done }) { return .done }
        if let deadline, today > deadline { return .overdue }
        if !leads.isEmpty && leads.allSatisfy({ $0 == .blocked }) { return .blocked }
        if leads.contains(where: { $0 == .inProgress || $0 == .done || $0 == .blocked }) { return .inProgress }
        return .notStarted
    }
}
