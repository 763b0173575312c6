import FluentKit
import SQLKit

/// PostgreSQL keeps no index on households' `id`. Nothing looks a household up by it: a survey's households are read
/// and removed by their key, and backups and exports read every table through a cursor. Keeping its b-tree up to date
/// was a third of an import's COPY. The ids are still numbered from the table's sequence, so backups keep the rows'
/// order. SQLite's `id` is the row's own address (INTEGER PRIMARY KEY) and costs nothing to keep.
struct UnindexHouseholdIds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE households DROP CONSTRAINT households_pkey").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE households ADD CONSTRAINT households_pkey PRIMARY KEY (id)").run()
    }
}
