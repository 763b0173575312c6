import FluentKit

/// The in-app inbox: one row per person and notice, unique on both, so a notice is delivered once however many
/// runs or instances deliver it.
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("notifications")
            .text("username").text("notice_key").text("kind").text("text").text("link").text("day").text("created_at")
            .text("read_at", required: false)
            .unique(on: "username", "notice_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}
