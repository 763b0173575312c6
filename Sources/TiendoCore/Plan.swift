/// A plan document (Kế hoạch) in its own structure: sections I–V, the appendix and the footnotes.
///
/// This is the whole of what a plan says; who the agencies and units are lives in `AgencyDirectory`
/// and `AdminUnitRegistry`, because they outlive any one plan.
public struct PlanDocument: Hashable, Sendable, Codable {
    /// Stable identifier used in URLs ("kh-54-ubnd-2024").
    public var id: String
    public var plan: Plan
    /// Numbered text of sections I, II, III, IV and V that is not a target, task or obligation.
    public var clauses: [Clause]
    public var targets: [Target]
    public var taskGroups: [TaskGroup]
    public var appendixGroups: [AppendixGroup]
    public var appendix: [AppendixTask]
    public var reportObligations: [ReportObligation]
    public var funding: [FundingSource]
    public var footnotes: [Footnote]
    public var places: [PlaceReference]
    public var legalDocuments: [LegalDocument]
    public var inconsistencies: [Inconsistency]

    /// Every task of section III, in the plan's order.
    public var sectionTasks: [PlanTask] { taskGroups.flatMap(\.tasks) }

    public func taskGroup(containing task: PlanTask) -> TaskGroup? {
        taskGroups.first { $0.tasks.contains { $0.code == task.code } }
    }

    public func indicator(code: String) -> Indicator? {
        targets.lazy.flatMap(\.indicators).first { $0.code == code }
    }
}

/// The document's identity: number, date, issuer and signer.
public struct Plan: Hashable, Sendable, Codable {
    public var number: String
    public var documentType: String
    public var issuedOn: CivilDate
    public var issuer: String
    public var issuerCode: String
    public var place: String
    public var signer: String
    public var signerTitle: String
    public var signatureBlock: [String]
    public var title: String
    public var year: Int
    /// The agency that consolidates reports and monitors the plan (Ban Dân tộc).
    public var coordinator: String
    public var provinceCode: String
    /// Numbers of the documents the plan says it implements (căn cứ).
    public var basis: [String]
    /// Numbers of the documents that proposed and cleared it.
    public var proposedBy: [String]
    /// The preamble paragraphs, verbatim.
    public var preamble: [String]
    /// The "Nơi nhận" list, verbatim.
    public var recipients: [String]
}

/// A numbered piece of the plan's text ("I.1", "V.4") kept verbatim.
public struct Clause: Hashable, Sendable, Codable {
    public var code: String
    public var heading: String?
    public var paragraphs: [String]
}

/// A footnote of the plan, with the words its marker is glued to in the source.
public struct Footnote: Hashable, Sendable, Codable {
    public var number: Int
    public var text: String
    public var markedIn: String
    public var marker: String
}

/// A place the plan names, linked to the admin unit it means at the plan's date.
public struct PlaceReference: Hashable, Sendable, Codable {
    public enum Level: String, Hashable, Sendable, Codable { case district, commune, village }
    public var name: String
    public var level: Level
    /// The unit's code; for a village, the code of its commune.
    public var unitCode: String
    public var villageName: String?
    public var sourceClause: String
    public var note: String?
}

/// A place where the plan contradicts itself or writes a name badly; shown, never silently fixed.
public struct Inconsistency: Hashable, Sendable, Codable {
    public var id: String
    public var kind: String
    public var clauses: [String]
    public var description: String
}

/// A funding source of section IV.
public struct FundingSource: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case stateBudget, integrated, mobilised, credit
    }
    public enum CapitalType: String, Hashable, Sendable, Codable { case investment, recurrent }
    public var code: String
    public var name: String
    public var kind: Kind
    public var capitalType: CapitalType?
    public var sourceClause: String
    public var legalDocument: String?
}

/// A document the plan cites, with every clause that cites it.
public struct LegalDocument: Hashable, Sendable, Codable {
    /// "Quyết định", "Nghị quyết", "Kế hoạch", …
    public var type: String
    /// "1719/QĐ-TTg"; nil for a law the plan names without a number.
    public var number: String?
    public var title: String?
    public var issuedOn: CivilDate?
    public var issuer: String
    public var issuerCode: String
    public var citedIn: [String]

    /// What users call it: its number, or its title when it has none.
    public var reference: String { number ?? title ?? type }
}
