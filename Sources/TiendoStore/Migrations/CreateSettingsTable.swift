import FluentKit

/// Installation-wide settings, such as whether this database holds demo data.
struct CreateSettingsTable: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("settings").text("key").text("value").unique(on: "key").create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").delete()
    }
}
