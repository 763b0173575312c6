import FluentKit

/// A work's month waits for Ban Dân tộc's approval: who approved it and when.
struct AddWorkProgressApproval: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("work_progress").field("approved_by", .string).update()
        try await database.schema("work_progress").field("approved_at", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("work_progress").deleteField("approved_at").update()
        try await database.schema("work_progress").deleteField("approved_by").update()
    }
}
