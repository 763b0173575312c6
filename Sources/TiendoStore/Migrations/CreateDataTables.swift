import FluentKit

/// Reported figures and the state of each reporter's submission per obligation and period.
struct CreateDataTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("data_values")
            .text("plan_id").text("obligation_id").text("reporter").text("period").text("period_start").text("period_end")
            .text("element").text("unit_code").field("value", .int64, .required).text("comment", required: false)
            .text("entered_by").text("entered_at")
            .unique(on: "plan_id", "obligation_id", "reporter", "period", "element", "unit_code")
            .create()
        try await database.table("submissions")
            .text("plan_id").text("obligation_id").text("reporter").text("period").text("state")
            .text("updated_by").text("updated_at").text("comment", required: false).text("submitted_at", required: false)
            .unique(on: "plan_id", "obligation_id", "reporter", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("submissions").delete()
        try await database.schema("data_values").delete()
    }
}
