import FluentKit
import SQLKit
import TiendoCore

/// Plans as data: drafts read from a plan's document and reviewed before publishing; a published plan's parent
/// (a district's or agency's plan under the province's) and the parent tasks each of its tasks implements; the
/// versions an amendment replaced. The directory learns the two words V.4 of the seed uses for its reporters.
struct CreatePlanDraftTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("plan_drafts")
            .text("plan_id").text("file_name").text("status").text("parent_plan_id", required: false)
            .text("amends", required: false).text("draft").text("created_by").text("created_at").text("updated_at")
            .text("published_at", required: false)
            .create()
        try await database.schema("plans").field("parent_id", .string).update()
        try await database.schema("plans").field("version", .int).update()
        try await database.table("plan_versions")
            .text("plan_id").integer("version").text("document").text("replaced_at").text("replaced_by").text("amended_by", required: false)
            .unique(on: "plan_id", "version")
            .create()
        try await database.table("plan_task_links")
            .text("plan_id").text("task_code").text("parent_plan_id").text("parent_task_code")
            .unique(on: "plan_id", "task_code", "parent_task_code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // "Các sở, ban, ngành, đoàn thể, đơn vị thuộc tỉnh" (V.4): the directory reads both words as the collectives
        // the hand transcription named.
        let aliases = [("Ủy ban MTTQ và các Tổ chức chính trị - xã hội tỉnh", "đoàn thể"), ("Các sở, ban, ngành", "đơn vị thuộc tỉnh")]
        var changes: [AuditChange] = []
        for (owner, alias) in aliases {
            let existing = try await sql.select().column("alias").from(AliasRecord.table).where("alias", .equal, alias).all()
            let owners = try await sql.select().column("province_code").column("position").from(AliasRecord.table).where("owner", .equal, owner).all()
            guard existing.isEmpty, let province = try owners.first?.decode(column: "province_code", as: String.self) else { continue }
            let position = try owners.map { try $0.decode(column: "position", as: Int.self) }.max() ?? 0
            try await sql.insert([AliasRecord(provinceCode: province, owner: owner, position: position + 1, alias: alias)])
            changes.append(AuditChange(.plan, AuditKey("danh bạ", owner), field: "alias", newValue: alias))
        }
        try await AuditLog.append(changes, by: Actor(username: "hệ thống", address: nil),
                                  reason: "Bí danh cơ quan dùng khi đọc kế hoạch từ văn bản.", on: sql)
    }

    func revert(on database: any Database) async throws {
        for table in ["plan_task_links", "plan_versions", "plan_drafts"] { try await database.schema(table).delete() }
        try await database.schema("plans").deleteField("parent_id").update()
        try await database.schema("plans").deleteField("version").update()
    }
}
