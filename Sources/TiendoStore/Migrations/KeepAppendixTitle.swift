import FluentKit
import SQLKit
import TiendoCore

/// Plans keep their appendix's own title ("PHÂN CÔNG THỰC HIỆN MỘT SỐ NHIỆM VỤ CỤ THỂ", "(Kèm theo …)"); a database
/// seeded before gets Kế hoạch 54's, transcribed from the seed, audited.
struct KeepAppendixTitle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans").field("appendix_title", .string).update()
        guard let sql = database as? any SQLDatabase, let seed = try? SeedData.plan() else { return }
        let text = JSONText.encode(seed.plan.appendixTitle)
        let updated = try await sql.update("plans").set("appendix_title", to: text)
            .where("id", .equal, seed.id).where("appendix_title", .is, SQLLiteral.null).returning("id").all()
        guard !updated.isEmpty else { return }
        try await AuditLog.append([AuditChange(.plan, AuditKey(seed.id), field: "appendix_title", newValue: text)],
                                  by: Actor(username: "hệ thống", address: nil), reason: "Giữ tiêu đề phụ lục của kế hoạch.", on: sql)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plans").deleteField("appendix_title").update()
    }
}
