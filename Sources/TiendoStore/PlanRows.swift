import SQLKit
import TiendoCore

struct PlanRecord: TableRow {
    static let table = "plans"
    var id: String
    var number: String
    var documentType: String
    var issuedOn: String
    var issuer: String
    var issuerCode: String
    var place: String
    var signer: String
    var signerTitle: String
    var signatureBlock: String
    var title: String
    var year: Int
    var coordinator: String
    var provinceCode: String
    var basis: String
    var proposedBy: String
    var preamble: String
    var recipients: String
    /// JSON list; NULL in databases made before it was kept.
    var appendixTitle: String?
    /// The plan this one implements; NULL for a top-level plan.
    var parentId: String? = nil
    /// 1 when first published, one more for each amendment; NULL in databases made before versions were kept.
    var version: Int? = nil
}

struct ClauseRecord: TableRow {
    static let table = "plan_clauses"
    var planId: String, position: Int, code: String, heading: String?, paragraphs: String
}

struct TargetRecord: TableRow {
    static let table = "targets"
    var planId: String, position: Int, code: String, number: Int, text: String, footnotes: String?
}

struct IndicatorRecord: TableRow {
    static let table = "indicators"
    var planId: String, targetCode: String, position: Int, code: String, name: String, unit: String
    var comparator: String, targetValue: String, baselineValue: String?, baselineYear: Int?, dueOn: String
    var scope: String, sourceClause: String, quote: String?, inconsistency: String?, footnote: Int?
}

struct IndicatorReadingRecord: TableRow {
    static let table = "indicator_readings"
    var planId: String, indicatorCode: String, position: Int, comparator: String, targetValue: String
    var sourceClause: String, quote: String?
}

struct TaskGroupRecord: TableRow {
    static let table = "task_groups"
    var planId: String, position: Int, code: String, number: Int, title: String, projects: String
    var subproject: Int?, intro: String?, assignmentText: String?
}

struct AppendixGroupRecord: TableRow {
    static let table = "appendix_groups"
    var planId: String, position: Int, code: String, title: String
}

/// A task of section III (`source` "section") or an appendix row (`source` "appendix").
struct TaskRecord: TableRow {
    static let table = "tasks"
    var planId: String, source: String, position: Int, code: String, groupCode: String, number: Int, text: String
    var deadlineText: String?, deadlineDate: String?, deadlineKind: String?
    var assignmentText: String?, relatedObligations: String?
}

struct AssignmentRecord: TableRow {
    static let table = "task_assignments"
    var planId: String, taskCode: String, position: Int, assignee: String, role: String, asWritten: String
    var note: String?, unitCode: String?
}

struct TaskLinkRecord: TableRow {
    static let table = "task_links"
    var planId: String, appendixCode: String, position: Int, taskCode: String
}

struct ObligationRecord: TableRow {
    static let table = "report_obligations"
    var planId: String, position: Int, code: String, name: String, kind: String, reporters: String
    var receiver: String, via: String, deadlineText: String, deadlineDate: String?, deadlineKind: String
    var sourceClause: String, note: String?
}

struct FundingRecord: TableRow {
    static let table = "funding_sources"
    var planId: String, position: Int, code: String, name: String, kind: String, capitalType: String?
    var sourceClause: String, legalDocument: String?
}

struct LegalDocumentRecord: TableRow {
    static let table = "legal_documents"
    var planId: String, position: Int, type: String, number: String?, title: String?, issuedOn: String?
    var issuer: String, issuerCode: String
}

struct CitationRecord: TableRow {
    static let table = "legal_citations"
    var planId: String, documentPosition: Int, position: Int, clause: String
}

struct FootnoteRecord: TableRow {
    static let table = "footnotes"
    var planId: String, number: Int, text: String, markedIn: String, marker: String
}

struct PlaceRecord: TableRow {
    static let table = "place_references"
    var planId: String, position: Int, name: String, level: String, unitCode: String, villageName: String?
    var sourceClause: String, note: String?
}

struct InconsistencyRecord: TableRow {
    static let table = "inconsistencies"
    var planId: String, position: Int, code: String, kind: String, clauses: String, description: String
}
