/// A report the plan demands: what, from whom, to whom, and by when.
public struct ReportObligation: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case plan, sixMonth, annual, onRequest
    }
    public var id: String
    public var name: String
    public var kind: Kind
    /// Assignee names (usually collectives) that must send it.
    public var reporters: [String]
    public var receiver: String
    /// The agency that consolidates it on the receiver's behalf.
    public var via: String
    public var deadline: Deadline
    public var sourceClause: String
    public var note: String?

    public init(id: String, name: String, kind: Kind, reporters: [String], receiver: String, via: String, deadline: Deadline, sourceClause: String, note: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.reporters = reporters
        self.receiver = receiver
        self.via = via
        self.deadline = deadline
        self.sourceClause = sourceClause
        self.note = note
    }

    public var dueOn: CivilDate? { deadline.date }
}
