import FluentKit
import SQLKit

/// Households are looked up by their key (a survey's year, or an import's staging key) and by nothing else, so the
/// unique index on (key, household id) gives way to an index on the key alone. Keeping ids unique within a file is the
/// reader's job (a repeated id refuses the file before anything is stored); the index only made every import keep a
/// text b-tree: on PostgreSQL it took half of a COPY's time.
///
/// PostgreSQL gets a BRIN index: an import appends its households together, so the key's block ranges are few and the
/// index costs almost nothing to keep. Ranges are summarised by autovacuum after an import (`autosummarize` asked
/// for one per filled range during the COPY, more than autovacuum's queue holds, each refusal a log line); until then
/// a lookup reads the new ranges, which is still right. SQLite cannot drop a table's constraint, so the
/// table is rebuilt without it, in one transaction.
struct IndexHouseholdsByKey: AsyncMigration {
    func prepare(on database: any Database) async throws {
        if (database as? any SQLDatabase)?.dialect.name == "postgresql" {
            try await database.schema("households").deleteUnique(on: "survey_year", "household_id").update()
            try await (database as! any SQLDatabase)
                .raw("CREATE INDEX households_key ON households USING brin (survey_year)").run()
            return
        }
        try await database.transaction { database in
            let sql = database as! any SQLDatabase
            try await CreateHouseholdTables.households(database.table("households_rebuilt")).create()
            try await sql.raw("INSERT INTO households_rebuilt SELECT * FROM households").run()
            try await sql.raw("DROP TABLE households").run()
            try await sql.raw("ALTER TABLE households_rebuilt RENAME TO households").run()
            try await sql.raw("CREATE INDEX households_key ON households (survey_year)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX households_key").run()
        if sql.dialect.name == "postgresql" {
            try await database.schema("households").unique(on: "survey_year", "household_id").update()
        } else {
            try await sql.raw("CREATE UNIQUE INDEX households_survey_household ON households (survey_year, household_id)").run()
        }
    }
}
