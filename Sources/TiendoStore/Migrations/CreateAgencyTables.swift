import FluentKit

/// Provincial agencies, the collectives that stand for many of them, and the other spellings of both.
struct CreateAgencyTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("agencies")
            .text("province_code").integer("position").text("name").text("kind").text("unit_code", required: false)
            .unique(on: "province_code", "name")
            .create()
        try await database.table("collectives")
            .text("province_code").integer("position").text("name").text("rule").text("kinds", required: false)
            .unique(on: "province_code", "name")
            .create()
        try await database.table("assignee_aliases")
            .text("province_code").text("owner").integer("position").text("alias")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["assignee_aliases", "collectives", "agencies"] {
            try await database.schema(table).delete()
        }
    }
}
