import Foundation

/// The plan in the shape other tools read (`tiendo plan export`, GET /api/v1/plans/{id}).
///
/// Leads and coordinators are canonical names, one per assignee, a collective as one entry;
/// `assignments` next to them keeps the plan's own words and notes.
public struct PlanExport: Hashable, Sendable, Codable {
    public struct Header: Hashable, Sendable, Codable {
        public var id: String
        public var number: String
        public var documentType: String
        public var issuedOn: CivilDate
        public var issuer: String
        public var signer: String
        public var signerTitle: String
        public var title: String
        public var year: Int
        public var coordinator: String
        public var basis: [String]
        /// The signature block and "Nơi nhận" as the plan prints them, and its appendix's own title.
        public var signatureBlock: [String]
        public var recipients: [String]
        public var appendixTitle: [String]
    }
    public struct IndicatorOut: Hashable, Sendable, Codable {
        public var code: String
        public var name: String
        public var unit: String
        public var comparator: String
        public var targetValue: Decimal
        @NullEncoded public var baseline: Decimal?
        @NullEncoded public var baselineYear: Int?
        public var dueOn: CivilDate
        public var scope: [String]
        public var sourceClause: String
        public var quote: String?
        public var readings: [Reading]
        public var inconsistency: String?
    }
    public struct Reading: Hashable, Sendable, Codable {
        public var comparator: String
        public var targetValue: Decimal
        public var sourceClause: String
        public var quote: String?
    }
    public struct TargetOut: Hashable, Sendable, Codable {
        public var code: String
        public var text: String
        public var indicators: [IndicatorOut]
    }
    public struct TaskOut: Hashable, Sendable, Codable {
        public var code: String
        public var text: String
        public var leads: [String]
        public var coordinators: [String]
        public var assignments: [Assignment]
    }
    public struct TaskGroupOut: Hashable, Sendable, Codable {
        public var code: String
        public var title: String
        public var projects: [Int]
        @NullEncoded public var subproject: Int?
        public var tasks: [TaskOut]
    }
    public struct AppendixOut: Hashable, Sendable, Codable {
        public var number: Int
        public var group: String
        public var text: String
        public var leads: [String]
        public var coordinators: [String]
        public var assignments: [Assignment]
        public var deadline: Deadline
        public var relatedTasks: [String]
    }
    public struct ObligationOut: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var reporters: [String]
        public var receiver: String
        public var via: String
        @NullEncoded public var dueOn: CivilDate?
        public var deadline: Deadline
        public var sourceClause: String
    }

    public var plan: Header
    public var targets: [TargetOut]
    public var taskGroups: [TaskGroupOut]
    public var appendixGroups: [AppendixGroup]
    public var appendix: [AppendixOut]
    public var reportObligations: [ObligationOut]
    public var funding: [FundingSource]
    public var legalDocuments: [LegalDocument]
    public var footnotes: [Footnote]
    public var places: [PlaceReference]
    public var inconsistencies: [Inconsistency]
    public var clauses: [Clause]

    public init(_ document: PlanDocument) {
        let p = document.plan
        plan = Header(id: document.id, number: p.number, documentType: p.documentType, issuedOn: p.issuedOn,
                      issuer: p.issuer, signer: p.signer, signerTitle: p.signerTitle, title: p.title, year: p.year,
                      coordinator: p.coordinator, basis: p.basis, signatureBlock: p.signatureBlock, recipients: p.recipients,
                      appendixTitle: p.appendixTitle)
        targets = document.targets.map { target in
            TargetOut(code: target.code, text: target.text, indicators: target.indicators.map { i in
                IndicatorOut(code: i.code, name: i.name, unit: i.unit, comparator: i.comparator.symbol,
                             targetValue: i.targetValue.decimal, baseline: i.baseline?.value.decimal,
                             baselineYear: i.baseline?.year, dueOn: i.dueOn, scope: i.scope, sourceClause: i.sourceClause,
                             quote: i.quote,
                             readings: i.readings.map { Reading(comparator: $0.comparator.symbol, targetValue: $0.targetValue.decimal,
                                                                sourceClause: $0.sourceClause, quote: $0.quote) },
                             inconsistency: i.inconsistency)
            })
        }
        taskGroups = document.taskGroups.map { group in
            TaskGroupOut(code: group.code, title: group.title, projects: group.projects, subproject: group.subproject,
                         tasks: group.tasks.map { task in
                TaskOut(code: task.code, text: task.text, leads: TaskQuery.names(task.leads),
                        coordinators: TaskQuery.names(task.coordinators), assignments: task.assignments)
            })
        }
        appendixGroups = document.appendixGroups
        appendix = document.appendix.map { row in
            AppendixOut(number: row.number, group: row.group, text: row.text, leads: TaskQuery.names(row.leads),
                        coordinators: TaskQuery.names(row.coordinators), assignments: row.assignments,
                        deadline: row.deadline, relatedTasks: row.relatedTasks)
        }
        reportObligations = document.reportObligations.map { o in
            ObligationOut(id: o.id, name: o.name, reporters: o.reporters, receiver: o.receiver, via: o.via,
                          dueOn: o.dueOn, deadline: o.deadline, sourceClause: o.sourceClause)
        }
        funding = document.funding
        legalDocuments = document.legalDocuments
        footnotes = document.footnotes
        places = document.places
        inconsistencies = document.inconsistencies
        clauses = document.clauses
    }

    /// Pretty, key-sorted JSON: the same plan always gives the same bytes.
    public func json() throws -> Data {
        try PlanExport.encoder.encode(self)
    }

    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Every task of the plan as one CSV table that opens cleanly in Excel (UTF-8 with BOM, CRLF, RFC 4180 quoting).
public enum PlanCSV {
    public static let header = ["Nguồn", "Mã", "Nhóm", "Nội dung", "Chủ trì", "Phối hợp",
                                "Thời hạn (theo văn bản)", "Thời hạn", "Loại thời hạn", "Nhiệm vụ liên quan"]

    public static func tasks(_ listings: [TaskListing]) -> String {
        let rows = listings.map { t in
            [t.source == .section ? "Mục III" : "Phụ lục", t.code, t.group, t.text,
             t.leads.joined(separator: "; "), t.coordinators.joined(separator: "; "),
             t.deadline?.text ?? "", t.deadline?.date?.vietnamese ?? "", t.deadline.map { $0.kind.rawValue } ?? "",
             t.relatedTasks.joined(separator: "; ")]
        }
        return "\u{FEFF}" + ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting; a leading =, +, - or @ is neutralised so Excel never runs text as a formula.
    public static func quote(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// An optional field that is written as `null` rather than left out, so readers of the export can rely on every key.
@propertyWrapper
public struct NullEncoded<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// Lets a `NullEncoded` key be missing as well as null.
    public func decode<Value>(_ type: NullEncoded<Value>.Type, forKey key: Key) throws -> NullEncoded<Value> {
        try decodeIfPresent(type, forKey: key) ?? NullEncoded(wrappedValue: nil)
    }
}
