import FluentKit

/// Unit versions and the links between them (see `AdminUnit`, `AdminUnitLink`).
struct CreateAdminUnitTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("admin_units")
            .text("version_key").text("code").text("name").text("kind").text("level")
            .text("parent_code", required: false).text("valid_from", required: false).text("valid_to", required: false)
            .unique(on: "version_key")
            .create()
        try await database.table("admin_unit_links")
            .text("from_key").text("to_key").text("kind").text("effective_on")
            .text("decision", required: false).text("note", required: false)
            .unique(on: "from_key", "to_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admin_unit_links").delete()
        try await database.schema("admin_units").delete()
    }
}
