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

    public var dueOn: CivilDate? { deadline.date }
}
