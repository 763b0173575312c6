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

    public init(id: String, plan: Plan, clauses: [Clause], targets: [Target], taskGroups: [TaskGroup], appendixGroups: [AppendixGroup], appendix: [AppendixTask], reportObligations: [ReportObligation], funding: [FundingSource], footnotes: [Footnote], places: [PlaceReference], legalDocuments: [LegalDocument], inconsistencies: [Inconsistency]) {
        self.id = id
        self.plan = plan
        self.clauses = clauses
        self.targets = targets
        self.taskGroups = taskGroups
        self.appendixGroups = appendixGroups
        self.appendix = appendix
        self.reportObligations = reportObligations
        self.funding = funding
        self.footnotes = footnotes
        self.places = places
        self.legalDocuments = legalDocuments
        self.inconsistencies = inconsistencies
    }

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
    /// The appendix's own heading lines, verbatim ("PHÂN CÔNG THỰC HIỆN MỘT SỐ NHIỆM VỤ CỤ THỂ", "(Kèm theo …)");
    /// empty when the plan has no appendix.
    public var appendixTitle: [String] = []

    public init(number: String, documentType: String, issuedOn: CivilDate, issuer: String, issuerCode: String, place: String, signer: String, signerTitle: String, signatureBlock: [String], title: String, year: Int, coordinator: String, provinceCode: String, basis: [String], proposedBy: [String], preamble: [String], recipients: [String], appendixTitle: [String] = []) {
        self.number = number
        self.documentType = documentType
        self.issuedOn = issuedOn
        self.issuer = issuer
        self.issuerCode = issuerCode
        self.place = place
        self.signer = signer
        self.signerTitle = signerTitle
        self.signatureBlock = signatureBlock
        self.title = title
        self.year = year
        self.coordinator = coordinator
        self.provinceCode = provinceCode
        self.basis = basis
        self.proposedBy = proposedBy
        self.preamble = preamble
        self.recipients = recipients
        self.appendixTitle = appendixTitle
    }

    enum CodingKeys: String, CodingKey {
        case number, documentType, issuedOn, issuer, issuerCode, place, signer, signerTitle, signatureBlock, title, year,
             coordinator, provinceCode, basis, proposedBy, preamble, recipients, appendixTitle
    }

    /// A plan document written before the appendix title was kept reads with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(number: try c.decode(String.self, forKey: .number), documentType: try c.decode(String.self, forKey: .documentType),
                  issuedOn: try c.decode(CivilDate.self, forKey: .issuedOn), issuer: try c.decode(String.self, forKey: .issuer),
                  issuerCode: try c.decode(String.self, forKey: .issuerCode), place: try c.decode(String.self, forKey: .place),
                  signer: try c.decode(String.self, forKey: .signer), signerTitle: try c.decode(String.self, forKey: .signerTitle),
                  signatureBlock: try c.decode([String].self, forKey: .signatureBlock), title: try c.decode(String.self, forKey: .title),
                  year: try c.decode(Int.self, forKey: .year), coordinator: try c.decode(String.self, forKey: .coordinator),
                  provinceCode: try c.decode(String.self, forKey: .provinceCode), basis: try c.decode([String].self, forKey: .basis),
                  proposedBy: try c.decode([String].self, forKey: .proposedBy), preamble: try c.decode([String].self, forKey: .preamble),
                  recipients: try c.decode([String].self, forKey: .recipients),
                  appendixTitle: try c.decodeIfPresent([String].self, forKey: .appendixTitle) ?? [])
    }
}

/// A numbered piece of the plan's text ("I.1", "V.4") kept verbatim.
public struct Clause: Hashable, Sendable, Codable {
    public var code: String
    public var heading: String?
    public var paragraphs: [String]

    public init(code: String, heading: String? = nil, paragraphs: [String]) {
        self.code = code
        self.heading = heading
        self.paragraphs = paragraphs
    }
}

/// A footnote of the plan, with the words its marker is glued to in the source.
public struct Footnote: Hashable, Sendable, Codable {
    public var number: Int
    public var text: String
    public var markedIn: String
    public var marker: String

    public init(number: Int, text: String, markedIn: String, marker: String) {
        self.number = number
        self.text = text
        self.markedIn = markedIn
        self.marker = marker
    }
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

    public init(name: String, level: Level, unitCode: String, villageName: String? = nil, sourceClause: String, note: String? = nil) {
        self.name = name
        self.level = level
        self.unitCode = unitCode
        self.villageName = villageName
        self.sourceClause = sourceClause
        self.note = note
    }
}

/// A place where the plan contradicts itself or writes a name badly; shown, never silently fixed.
public struct Inconsistency: Hashable, Sendable, Codable {
    public var id: String
    public var kind: String
    public var clauses: [String]
    public var description: String

    public init(id: String, kind: String, clauses: [String], description: String) {
        self.id = id
        self.kind = kind
        self.clauses = clauses
        self.description = description
    }
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

    public init(code: String, name: String, kind: Kind, capitalType: CapitalType? = nil, sourceClause: String, legalDocument: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.capitalType = capitalType
        self.sourceClause = sourceClause
        self.legalDocument = legalDocument
    }
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

    public init(type: String, number: String? = nil, title: String? = nil, issuedOn: CivilDate? = nil, issuer: String, issuerCode: String, citedIn: [String]) {
        self.type = type
        self.number = number
        self.title = title
        self.issuedOn = issuedOn
        self.issuer = issuer
        self.issuerCode = issuerCode
        self.citedIn = citedIn
    }

    /// What users call it: its number, or its title when it has none.
    public var reference: String { number ?? title ?? type }
}
