import FluentKit
import SQLKit
import TiendoCore

/// Loads the shipped data into an empty database, once.
public enum SeedLoader {
    public struct Outcome: Hashable, Sendable {
        /// Whether this call wrote the seed plan (false when it was already there).
        public var loadedPlan: Bool
        public var loadedUnits: Bool
        public var loadedAgencies: Bool
    }

    /// Writes the seed plan, Quảng Ninh's units and agencies, each only if absent, each all-or-nothing.
    public static func loadSeed(on db: any Database) async throws -> Outcome {
        let directory = try SeedData.directory()
        let units = try await syncUnits(directory.units, on: db)
        let agencies = try await loadAgenciesIfAbsent(directory, on: db)
        let plan = try await loadPlanIfAbsent(try SeedData.plan(), on: db)
        // The works the plan names (section III.4), by name and task only; like the plan itself, audited only when they
        // reach a database that was already in use.
        try await CapitalBook(db).seedWorks(of: try SeedData.plan(), by: Actor(username: "hệ thống", address: nil), audited: !plan)
        return Outcome(loadedPlan: plan, loadedUnits: units, loadedAgencies: agencies)
    }

    public static func loadPlanIfAbsent(_ plan: PlanDocument, on db: any Database) async throws -> Bool {
        try await loadOnce(on: db, unlessRowsIn: PlanRecord.table, where: ("id", plan.id)) { sql in
            try await PlanRows(plan).insert(into: sql)
        }
    }

    /// Brings the stored map up to the shipped one: every unit version and link not yet stored is added, and a version
    /// the shipped lists end (the districts on 01/07/2025) gets its end date. Nothing stored is removed or renamed, so a
    /// database made before a reorganisation takes the new map on its next start. True when anything was written;
    /// on a database that already held units, the additions are audited.
    public static func syncUnits(_ units: AdminUnitRegistry, on db: any Database) async throws -> Bool {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["admin-units"], on: sql)
            let stored = try await sql.rows(AdminUnitRecord.self, orderBy: ["version_key"])
            let storedLinks = Set(try await sql.rows(AdminUnitLinkRecord.self, orderBy: ["from_key", "to_key"]).map { "\($0.fromKey)>\($0.toKey)" })
            let byKey = Dictionary(stored.map { ($0.versionKey, $0) }, uniquingKeysWith: { first, _ in first })
            let added = units.units.filter { byKey[$0.versionKey] == nil }.sorted { $0.versionKey < $1.versionKey }
            let ended = units.units.filter { unit in byKey[unit.versionKey].map { $0.validTo == nil && unit.validTo != nil } ?? false }
            let links = units.links.filter { !storedLinks.contains("\($0.fromKey)>\($0.toKey)") }
            guard !added.isEmpty || !ended.isEmpty || !links.isEmpty else { return false }
            if !added.isEmpty { try await sql.insert(added.map(AdminUnitRecord.init)) }
            for unit in ended {
                try await sql.update(AdminUnitRecord.table).set("valid_to", to: unit.validTo?.iso).where("version_key", .equal, unit.versionKey).run()
            }
            if !links.isEmpty { try await sql.insert(links.map(AdminUnitLinkRecord.init)) }
            guard !stored.isEmpty else { return true }
            let changes = added.map { AuditChange(.adminUnit, AuditKey($0.versionKey), field: "added", newValue: "\($0.name), từ \($0.validFrom?.vietnamese ?? "")") }
                + ended.map { AuditChange(.adminUnit, AuditKey($0.versionKey), field: "validTo", newValue: $0.validTo?.vietnamese ?? "") }
            try await AuditLog.append(changes, by: Actor(username: "hệ thống", address: nil),
                                      reason: "Nạp bản đồ hành chính mới theo danh mục và bảng đối chiếu kèm theo phần mềm.", on: sql)
            return true
        }
    }

    public static func loadAgenciesIfAbsent(_ directory: AgencyDirectory, on db: any Database) async throws -> Bool {
        try await loadOnce(on: db, unlessRowsIn: AgencyRecord.table, where: ("province_code", directory.provinceCode)) { sql in
            try await AgencyRows(directory).insert(into: sql)
        }
    }

    /// Runs `insert` in one transaction unless `table` already has matching rows; true when it ran.
    static func loadOnce(on db: any Database, unlessRowsIn table: String, where filter: (String, String)? = nil,
                         insert: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Bool {
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard try await count(sql, table, where: filter?.0, filter?.1) == 0 else { return false }
            try await insert(sql)
            return true
        }
    }

    static func count(_ sql: any SQLDatabase, _ table: String, where column: String? = nil, _ value: String? = nil) async throws -> Int {
        var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let column, let value { query = query.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
