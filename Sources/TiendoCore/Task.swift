/// A group of section III ("III.2") and the Dự án of Programme 1719 it implements.
public struct TaskGroup: Hashable, Sendable, Codable {
    public var code: String
    public var number: Int
    public var title: String
    /// Dự án numbers (III.2 → [1, 2]); empty for groups outside the programme's projects.
    public var projects: [Int]
    /// Tiểu dự án number where the group implements only one (III.9 → Dự án 9, Tiểu dự án 2).
    public var subproject: Int?
    public var intro: [String]?
    /// The "Phân công chủ trì tham mưu, thực hiện" block verbatim.
    public var assignmentText: [String]?
    public var tasks: [PlanTask]

    public init(code: String, number: Int, title: String, projects: [Int], subproject: Int? = nil, intro: [String]? = nil, assignmentText: [String]? = nil, tasks: [PlanTask]) {
        self.code = code
        self.number = number
        self.title = title
        self.projects = projects
        self.subproject = subproject
        self.intro = intro
        self.assignmentText = assignmentText
        self.tasks = tasks
    }
}

/// A numbered task "(n)" of section III.
public struct PlanTask: Hashable, Sendable, Codable {
    /// "III.2.(4)".
    public var code: String
    public var number: Int
    public var text: String
    public var assignments: [Assignment]

    public init(code: String, number: Int, text: String, assignments: [Assignment]) {
        self.code = code
        self.number = number
        self.text = text
        self.assignments = assignments
    }

    public var leads: [Assignment] { assignments.filter { $0.role == .lead } }
    public var coordinators: [Assignment] { assignments.filter { $0.role == .coordinating } }
}

/// A group of the appendix ("I" … "VIII").
public struct AppendixGroup: Hashable, Sendable, Codable {
    public var code: String
    public var title: String

    public init(code: String, title: String) {
        self.code = code
        self.title = title
    }
}

/// A row of the appendix: a task with its leads, helpers and deadline.
public struct AppendixTask: Hashable, Sendable, Codable {
    public var number: Int
    public var group: String
    public var text: String
    public var assignments: [Assignment]
    /// The Chủ trì and Phối hợp cells verbatim.
    public var assignmentText: [String]
    public var deadline: Deadline
    /// Section III tasks this row restates.
    public var relatedTasks: [String]
    /// Report obligations this row restates.
    public var relatedObligations: [String]?

    public init(number: Int, group: String, text: String, assignments: [Assignment], assignmentText: [String], deadline: Deadline, relatedTasks: [String], relatedObligations: [String]? = nil) {
        self.number = number
        self.group = group
        self.text = text
        self.assignments = assignments
        self.assignmentText = assignmentText
        self.deadline = deadline
        self.relatedTasks = relatedTasks
        self.relatedObligations = relatedObligations
    }

    /// "PL.9": how clauses and citations refer to the row.
    public var code: String { "PL.\(number)" }
    public var leads: [Assignment] { assignments.filter { $0.role == .lead } }
    public var coordinators: [Assignment] { assignments.filter { $0.role == .coordinating } }
}

/// Who leads (chủ trì) or helps (phối hợp) with a task.
public struct Assignment: Hashable, Sendable, Codable {
    public enum Role: String, Hashable, Sendable, Codable {
        case lead
        case coordinating
    }
    /// Canonical name of an agency, a collective, or a unit's People's Committee.
    public var assignee: String
    public var role: Role
    /// The words of the plan, before canonical spelling.
    public var asWritten: String
    /// A restriction the plan puts on the assignment ("nội dung (1)", "cấp tỉnh").
    public var note: String?
    /// For a named district's or commune's People's Committee, the unit's code.
    public var unitCode: String?

    public init(assignee: String, role: Role, asWritten: String, note: String? = nil, unitCode: String? = nil) {
        self.assignee = assignee
        self.role = role
        self.asWritten = asWritten
        self.note = note
        self.unitCode = unitCode
    }

    /// Whether the plan narrows a collective to some of its members without naming them ("UBND các huyện … có liên
    /// quan", "UBND cấp xã thuộc phạm vi Chương trình"): Tiendo has no list of who is meant, so it never widens it
    /// to everyone; a member counts once it reports on the task.
    public var narrowsCollective: Bool {
        guard let note else { return false }
        return ["thuộc phạm vi", "thuộc Chương trình", "có liên quan"].contains { note.contains($0) }
    }
}
