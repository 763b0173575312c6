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
        let units = try await loadUnitsIfAbsent(directory.units, on: db)
        let agencies = try await loadAgenciesIfAbsent(directory, on: db)
        let plan = try await loadPlanIfAbsent(try SeedData.plan(), on: db)
        return Outcome(loadedPlan: plan, loadedUnits: units, loadedAgencies: agencies)
    }

    public static func loadPlanIfAbsent(_ plan: PlanDocument, on db: any Database) async throws -> Bool {
        try await loadOnce(on: db, unlessRowsIn: PlanRecord.table, where: ("id", plan.id)) { sql in
            try await PlanRows(plan).insert(into: sql)
        }
    }

    public static func loadUnitsIfAbsent(_ units: AdminUnitRegistry, on db: any Database) async throws -> Bool {
        try await loadOnce(on: db, unlessRowsIn: AdminUnitRecord.table) { sql in
            try await sql.insert(units.units.sorted { $0.versionKey < $1.versionKey }.map(AdminUnitRecord.init))
            try await sql.insert(units.links.map(AdminUnitLinkRecord.init))
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
