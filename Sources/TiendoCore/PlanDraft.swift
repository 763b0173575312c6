import Foundation

/// A plan as read from its own document, before a person has reviewed and published it.
///
/// The reader never guesses: what it could not resolve (an agency name not in the directory, a deadline phrase
/// without a date, a target without a number) stays as the document wrote it and is listed in `problems`
/// with the line it came from, for the reviewer to settle.
public struct PlanDraft: Hashable, Sendable, Codable {
    public var document: PlanDocument
    /// The document's text, one entry per line as the reviewer sees it (line n is `lines[n - 1]`).
    public var lines: [String]
    /// Each item ("plan", "II.1", "II.1.2", "III.2.(3)", "PL.5", an obligation id, "footnote.1") to the lines it came from.
    public var sources: [String: [Int]]
    public var problems: [DraftProblem]
    /// The plan this one implements (a district's or agency's plan under the provincial one), if any.
    public var parentPlanId: String?
    /// The plan this document amends ("sửa đổi, bổ sung"), if any.
    public var amends: String?
    /// For a child plan: each of its tasks to the parent's tasks it implements ("III.2.(1)" → ["III.3.(2)"]).
    public var implements: [String: [String]] = [:]

    public init(document: PlanDocument, lines: [String], sources: [String: [Int]], problems: [DraftProblem],
                parentPlanId: String? = nil, amends: String? = nil) {
        self.document = document
        self.lines = lines
        self.sources = sources
        self.problems = problems
        self.parentPlanId = parentPlanId
        self.amends = amends
    }

    /// The first line an item came from.
    public func line(of item: String) -> Int? { sources[item]?.first }
}

/// Something the reader could not settle by itself, at a line of the source.
public struct DraftProblem: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An agency name that is not in the directory; `suggestions` are the closest known names.
        case unknownAgency
        /// A deadline phrase with no date Tiendo can compute; kept as text.
        case unresolvedDeadline
        /// A target whose figure could not be read; kept as text, no indicator made.
        case unreadableNumber
        /// A task with no lead in the assignment block.
        case missingLead
        /// A part of the document that did not fit the shape (an appendix row without its cells, …).
        case structure
    }
    public var kind: Kind
    public var line: Int?
    public var item: String?
    public var text: String
    public var message: String
    public var suggestions: [String]

    public init(kind: Kind, line: Int?, item: String?, text: String, message: String, suggestions: [String] = []) {
        self.kind = kind
        self.line = line
        self.item = item
        self.text = text
        self.message = message
        self.suggestions = suggestions
    }
}

/// A file that is not a plan Tiendo can read, with what was missing.
public struct PlanImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A draft as `tiendo plan import --dry-run --format json` prints it: the keys of `tiendo plan export`, plus
/// `sources` (each item's lines) and `problems`.
public struct PlanDraftExport: Encodable {
    public var draft: PlanDraft

    public init(_ draft: PlanDraft) { self.draft = draft }

    private enum Extra: String, CodingKey { case sources, problems, parentPlanId, amends, implements }

    public func encode(to encoder: any Encoder) throws {
        try PlanExport(draft.document).encode(to: encoder)
        var extra = encoder.container(keyedBy: Extra.self)
        try extra.encode(draft.sources, forKey: .sources)
        try extra.encode(draft.problems, forKey: .problems)
        try extra.encode(draft.parentPlanId, forKey: .parentPlanId)
        try extra.encode(draft.amends, forKey: .amends)
        try extra.encode(draft.implements, forKey: .implements)
    }

    public func json() throws -> Data { try PlanExport.encoder.encode(self) }
}

/// A draft in a few lines for a terminal: what was read and every problem with its line.
public enum PlanDraftSummary {
    public static func text(_ draft: PlanDraft) -> String {
        let d = draft.document
        var lines = ["Kế hoạch \(d.plan.number) ngày \(d.plan.issuedOn.vietnamese) của \(d.plan.issuer) (mã \(d.id))",
                     "\(d.targets.count) mục tiêu, \(d.targets.flatMap(\.indicators).count) chỉ tiêu; \(d.taskGroups.count) nhóm, \(d.sectionTasks.count) nhiệm vụ; "
                        + "\(d.appendix.count) dòng phụ lục; \(d.reportObligations.count) nghĩa vụ báo cáo; \(d.legalDocuments.count) văn bản được dẫn.",
                     draft.problems.isEmpty ? "Không có vấn đề cần duyệt." : "\(draft.problems.count) vấn đề cần người duyệt:"]
        lines += draft.problems.map { "  - \($0.message)" }
        return lines.joined(separator: "\n")
    }
}
