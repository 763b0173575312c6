import FluentKit

/// Progress updates on tasks, their evidence files, and the hash-chained audit log.
struct CreateReportingTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("task_updates")
            .text("plan_id").text("task_code").text("reporter").text("reporter_unit_code", required: false)
            .text("role").text("status").integer("progress").text("note")
            .text("evidence_number", required: false).text("evidence_date", required: false)
            .text("username").text("created_at")
            .create()
        try await database.table("evidence_files")
            .integer("update_id").text("file_name").text("content_type").integer("size")
            .field("content", .data, .required).text("username").text("created_at")
            .create()
        try await database.table("audit_entries")
            .integer("seq").text("at").text("actor").text("address", required: false)
            .text("entity").text("entity_id").text("field", required: false)
            .text("old_value", required: false).text("new_value", required: false).text("reason", required: false)
            .text("previous_hash").text("hash")
            .unique(on: "seq")
            .create()
        // One row: the last entry's number and hash, locked by each append so entries stay in one chain,
        // and compared by `audit verify` so deleting the newest entries is noticed too.
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .integer("seq").text("hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["audit_head", "audit_entries", "evidence_files", "task_updates"] {
            try await database.schema(table).delete()
        }
    }
}
