import FluentKit
import SQLKit
import TiendoCore

/// Kế hoạch 54's targets read as the plan means them: a number of communes or villages to complete ("tại 15 xã",
/// "04 làng") and a rate of 100% are reached at or above the figure; "các xã không còn hộ nghèo" is an upper limit
/// of 0. Databases seeded before this carried "=" for all of them, so 45 communes against 15 read "không đạt".
/// Income (II.1.1) is "đạt khoảng 100,0" in II.1 and "đạt trên 100,0" in III.1.(1): both readings are kept, the
/// first as "≈", instead of a silent "≥". Each correction is audited; an indicator someone already changed is left alone.
struct CorrectSeedComparators: AsyncMigration {
    static let planId = "kh-54-ubnd-2024"
    static let upperLimits: Set<String> = ["II.1.2"]
    static let reachAtLeast = ["II.1.4", "II.1.5", "II.2.1", "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.4.1", "II.5.3",
                               "II.7.1", "II.7.2", "II.7.3", "II.8.1", "II.8.2", "II.9.1", "II.9.2", "II.10.1"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var changes: [AuditChange] = []
        for code in Self.reachAtLeast + Self.upperLimits.sorted() {
            let to = Self.upperLimits.contains(code) ? Comparator.lte : .gte
            let updated = try await sql.update("indicators").set("comparator", to: to.rawValue)
                .where("plan_id", .equal, Self.planId).where("code", .equal, code).where("comparator", .equal, Comparator.eq.rawValue)
                .returning("code").all()
            if !updated.isEmpty {
                changes.append(AuditChange(.indicator, AuditKey(Self.planId, code), field: "comparator", oldValue: Comparator.eq.rawValue, newValue: to.rawValue))
            }
        }
        let income = try await sql.update("indicators").set("comparator", to: Comparator.about.rawValue)
            .set("inconsistency", to: "thu-nhap-khoang-tren")
            .where("plan_id", .equal, Self.planId).where("code", .equal, "II.1.1").where("comparator", .equal, Comparator.gte.rawValue)
            .returning("code").all()
        if !income.isEmpty {
            try await sql.insert(into: "indicator_readings")
                .columns("plan_id", "indicator_code", "position", "comparator", "target_value", "source_clause", "quote")
                .values(SQLBind(Self.planId), SQLBind("II.1.1"), SQLBind(0), SQLBind(Comparator.gt.rawValue), SQLBind("100.0"),
                        SQLBind("III.1.(1)"), SQLBind("đạt trên 100,0 triệu đồng/người/năm"))
                .run()
            changes.append(AuditChange(.indicator, AuditKey(Self.planId, "II.1.1"), field: "comparator", oldValue: Comparator.gte.rawValue,
                                       newValue: Comparator.about.rawValue))
        }
        try await AuditLog.append(changes, by: Actor(username: "hệ thống", address: nil),
                                  reason: "Đọc lại chỉ tiêu theo câu chữ của kế hoạch: số lượng cần đạt là ngưỡng tối thiểu, \"không còn\" là giới hạn trên.", on: sql)
    }

    func revert(on database: any Database) async throws {}
}
