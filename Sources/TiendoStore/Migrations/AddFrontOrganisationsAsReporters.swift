import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// Section V.4 of Kế hoạch 54 obliges "các sở, ban, ngành, đoàn thể, đơn vị thuộc tỉnh" to report: the Front and
/// the mass organisations (Ủy ban MTTQ, Hội LHPN, Hội Nông dân, Tỉnh Đoàn, Hội CCB…) lead tasks and report too.
/// Databases seeded before listed only the departments; each obligation of V.4 gets the collective, audited.
struct AddFrontOrganisationsAsReporters: AsyncMigration {
    static let front = "Ủy ban MTTQ và các Tổ chức chính trị - xã hội tỉnh"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        struct Row: Decodable { var code: String; var reporters: String }
        let rows = try await sql.select().column("code").column("reporters").from("report_obligations")
            .where("plan_id", .equal, CorrectSeedComparators.planId).where("source_clause", .equal, "V.4").all(decoding: Row.self)
        var changes: [AuditChange] = []
        for row in rows {
            guard var reporters = try? JSONDecoder().decode([String].self, from: Data(row.reporters.utf8)), !reporters.contains(Self.front) else { continue }
            reporters.insert(Self.front, at: min(1, reporters.count))
            let text = JSONText.encode(reporters)
            try await sql.update("report_obligations").set("reporters", to: text)
                .where("plan_id", .equal, CorrectSeedComparators.planId).where("code", .equal, row.code).run()
            changes.append(AuditChange(.reportObligation, AuditKey(CorrectSeedComparators.planId, row.code), field: "reporters",
                                       oldValue: row.reporters, newValue: text))
        }
        try await AuditLog.append(changes, by: Actor(username: "hệ thống", address: nil),
                                  reason: "Mục V.4 giao cả các đoàn thể báo cáo.", on: sql)
    }

    func revert(on database: any Database) async throws {}
}
