import Fluent

/// Provincial agencies, their aliases and the collectives that stand for many of them.
struct CreateAgencyTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("agencies")
            .text("province_code").integer("position").text("name").text("kind").text("unit_code", required: false)
            .unique(on: "province_code", "name")
            .create()
        try await database.table("agency_aliases")
            .text("province_code").text("agency_name").integer("position").text("alias")
            .create()
        try await database.table("collectives")
            .text("province_code").integer("position").text("name").text("rule").text("kinds", required: false)
            .unique(on: "province_code", "name")
            .create()
        try await database.table("collective_aliases")
            .text("province_code").text("collective_name").integer("position").text("alias")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["collective_aliases", "collectives", "agency_aliases", "agencies"] {
            try await database.schema(table).delete()
        }
    }
}
