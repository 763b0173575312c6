import FluentKit
import SQLKit
import TiendoCore

/// A plan's identity, as listed by GET /api/v1/plans.
public struct PlanSummary: Hashable, Sendable, Codable {
    public var id: String
    public var number: String
    public var issuedOn: CivilDate
    public var issuer: String
    public var signer: String
    public var title: String
    public var year: Int
    /// The plan it implements (a district's or agency's plan under the province's); nil for a top-level plan.
    public var parentId: String?
    public var version: Int
}

/// Reads plans, units and agencies back as TiendoCore values.
public struct PlanRepository: Sendable {
    let sql: any SQLDatabase

    public init(_ db: any Database) {
        self.sql = db as! any SQLDatabase
    }

    public func plans() async throws -> [PlanSummary] {
        try await sql.select().column("*").from(PlanRecord.table).orderBy("issued_on").orderBy("id")
            .all(decoding: PlanRecord.self, keyDecodingStrategy: .snakeCase)
            .map { p in
                guard let issued = CivilDate(iso: p.issuedOn) else { throw StoreError.corrupt(column: "plans.issued_on", value: p.issuedOn) }
                return PlanSummary(id: p.id, number: p.number, issuedOn: issued, issuer: p.issuer, signer: p.signer, title: p.title, year: p.year,
                                   parentId: p.parentId, version: p.version ?? 1)
            }
    }

    /// The whole plan, or nil if there is none with that id.
    public func document(id: String) async throws -> PlanDocument? {
        try await PlanRows(db: sql, id: id)?.document()
    }

    /// The plan used when a request names none: the most recently issued top-level plan (a district's or an
    /// agency's own plan never displaces the province's).
    public func defaultDocument() async throws -> PlanDocument? {
        guard let latest = try await plans().last(where: { $0.parentId == nil }) else { return nil }
        return try await document(id: latest.id)
    }

    public func units() async throws -> AdminUnitRegistry {
        let units = try await sql.rows(AdminUnitRecord.self, orderBy: ["code", "version_key"]).map { try $0.unit() }
        let links = try await sql.rows(AdminUnitLinkRecord.self, orderBy: ["from_key", "to_key"]).map { try $0.link() }
        return AdminUnitRegistry(units: units, links: links)
    }

    public func directory(province: String) async throws -> AgencyDirectory {
        try await AgencyRows(db: sql, province: province).directory(units: units(), province: province)
    }
}

/// A plan with the directory its names and units are read against. Both change only when a plan is loaded,
/// so a caller making many writes (a server, the demo) reads them once and hands them to `DataEntry` and `TaskReporting`.
public struct LoadedPlan: Sendable {
    public var document: PlanDocument
    public var directory: AgencyDirectory

    public init(document: PlanDocument, directory: AgencyDirectory) {
        self.document = document
        self.directory = directory
    }
}

extension PlanRepository {
    /// The default plan and its directory, or nil before any plan is loaded.
    public func loadDefault() async throws -> LoadedPlan? {
        guard let plan = try await defaultDocument() else { return nil }
        return LoadedPlan(document: plan, directory: try await directory(province: plan.plan.provinceCode))
    }

    /// The plan `id` and its directory, or nil when there is no such plan.
    public func load(id: String) async throws -> LoadedPlan? {
        guard let plan = try await document(id: id) else { return nil }
        return LoadedPlan(document: plan, directory: try await directory(province: plan.plan.provinceCode))
    }

    /// Every province-wide plan (each year's; a district's or agency's own plan is under one of them), loaded, in
    /// the plans' order, with its summary.
    public func provinceWide() async throws -> [(summary: PlanSummary, plan: LoadedPlan)] {
        var loaded: [(summary: PlanSummary, plan: LoadedPlan)] = []
        for summary in try await plans() where summary.parentId == nil {
            if let plan = try await load(id: summary.id) { loaded.append((summary, plan)) }
        }
        return loaded
    }
}
