import FluentKit

/// E-mail and digests: how each person wants to be told, which inbox messages a mail carried, the mails waiting or
/// retried, and a line per run of the notice job.
struct AddNoticeDelivery: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("users").field("email", .string).update()
        try await database.schema("users").field("digest", .string).update()
        try await database.schema("users").field("urgent_now", .int).update()
        try await database.schema("notifications").field("urgent", .int).update()
        try await database.schema("notifications").field("mail_key", .string).update()
        // A mail is composed once per person and key ("ngay|2024-05-13", "khan|812"), then tried until it goes.
        try await database.table("mail_outbox")
            .text("username").text("address").text("mail_key").text("subject").text("body").text("created_at")
            .integer("attempts").text("next_attempt_at").text("claimed_until", required: false)
            .text("sent_at", required: false).text("last_error", required: false)
            .unique(on: "username", "mail_key")
            .create()
        try await database.table("notice_runs")
            .text("day").text("instance").text("started_at").text("finished_at", required: false)
            .integer("notices").integer("delivered").integer("queued").integer("sent").integer("failed")
            .text("outcome", required: false)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notice_runs").delete()
        try await database.schema("mail_outbox").delete()
        for (table, field) in [("notifications", "mail_key"), ("notifications", "urgent"), ("users", "urgent_now"), ("users", "digest"), ("users", "email")] {
            try await database.schema(table).deleteField(.string(field)).update()
        }
    }
}
