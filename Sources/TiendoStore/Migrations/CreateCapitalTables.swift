import FluentKit

/// Money: capital lines and the decisions that set their plans, each month's disbursement, the investment works.
/// Amounts are whole đồng in 64-bit integers.
struct CreateCapitalTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("capital_lines")
            .text("line_id").integer("year").integer("project", required: false).integer("subproject", required: false)
            .integer("content", required: false).text("capital_type").text("source").text("origin").integer("origin_year", required: false)
            .text("holder").text("created_by").text("created_at")
            .unique(on: "line_id")
            .create()
        try await database.table("capital_events")
            .text("line_id").text("kind").integer("amount").text("decision_number").text("decision_date").text("decision_issuer")
            .text("target", required: false).text("recorded_by").text("recorded_at")
            .create()
        try await database.table("disbursements")
            .text("line_id").text("month").text("source").integer("disbursed").integer("work_done", required: false)
            .text("reported_by").text("comment", required: false).text("recorded_at")
            .unique(on: "line_id", "month", "source")
            .create()
        try await database.table("investment_works")
            .text("code").text("plan_id").text("name").text("task_codes").text("investor", required: false).text("units")
            .integer("project", required: false).text("policy_decision", required: false).text("approval_decision", required: false)
            .integer("total_investment", required: false).text("planned_start", required: false).text("planned_finish", required: false)
            .text("actual_start", required: false).text("actual_finish", required: false).text("status", required: false)
            .unique(on: "code")
            .create()
        try await database.table("work_progress")
            .text("work_code").text("month").integer("value_done").integer("disbursed").integer("physical_percent")
            .text("land_cleared", required: false).text("land_needed", required: false).text("causes", required: false)
            .text("reported_by").text("recorded_at")
            .unique(on: "work_code", "month")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["work_progress", "investment_works", "disbursements", "capital_events", "capital_lines"] { try await database.schema(table).delete() }
    }
}
