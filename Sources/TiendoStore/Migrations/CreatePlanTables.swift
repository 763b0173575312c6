import FluentKit

/// A plan in its own structure. Child rows carry `plan_id` and `position` so the document reads back in order.
/// Short lists of strings (scope, paragraphs) are JSON arrays in text columns.
struct CreatePlanTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .field("id", .string, .identifier(auto: false))
            .text("number").text("document_type").text("issued_on").text("issuer").text("issuer_code").text("place")
            .text("signer").text("signer_title").text("signature_block").text("title").integer("year")
            .text("coordinator").text("province_code").text("basis").text("proposed_by").text("preamble").text("recipients")
            .create()
        try await database.table("plan_clauses")
            .text("plan_id").integer("position").text("code").text("heading", required: false).text("paragraphs")
            .create()
        try await database.table("targets")
            .text("plan_id").integer("position").text("code").integer("number").text("text").text("footnotes", required: false)
            .unique(on: "plan_id", "code")
            .create()
        try await database.table("indicators")
            .text("plan_id").text("target_code").integer("position").text("code").text("name").text("unit")
            .text("comparator").text("target_value").text("baseline_value", required: false)
            .integer("baseline_year", required: false).text("due_on").text("scope").text("source_clause")
            .text("quote", required: false).text("inconsistency", required: false).integer("footnote", required: false)
            .unique(on: "plan_id", "code")
            .create()
        try await database.table("indicator_readings")
            .text("plan_id").text("indicator_code").integer("position").text("comparator").text("target_value")
            .text("source_clause").text("quote", required: false)
            .create()
        try await database.table("task_groups")
            .text("plan_id").integer("position").text("code").integer("number").text("title").text("projects")
            .integer("subproject", required: false).text("intro", required: false).text("assignment_text", required: false)
            .unique(on: "plan_id", "code")
            .create()
        try await database.table("appendix_groups")
            .text("plan_id").integer("position").text("code").text("title")
            .create()
        try await database.table("tasks")
            .text("plan_id").text("source").integer("position").text("code").text("group_code").integer("number")
            .text("text").text("deadline_text", required: false).text("deadline_date", required: false)
            .text("deadline_kind", required: false).text("assignment_text", required: false)
            .text("related_obligations", required: false)
            .unique(on: "plan_id", "code")
            .create()
        try await database.table("task_assignments")
            .text("plan_id").text("task_code").integer("position").text("assignee").text("role").text("as_written")
            .text("note", required: false).text("unit_code", required: false)
            .create()
        try await database.table("task_links")
            .text("plan_id").text("appendix_code").integer("position").text("task_code")
            .create()
        try await database.table("report_obligations")
            .text("plan_id").integer("position").text("code").text("name").text("kind").text("reporters")
            .text("receiver").text("via").text("deadline_text").text("deadline_date", required: false)
            .text("deadline_kind").text("source_clause").text("note", required: false)
            .unique(on: "plan_id", "code")
            .create()
        try await database.table("funding_sources")
            .text("plan_id").integer("position").text("code").text("name").text("kind")
            .text("capital_type", required: false).text("source_clause").text("legal_document", required: false)
            .create()
        try await database.table("legal_documents")
            .text("plan_id").integer("position").text("type").text("number", required: false)
            .text("title", required: false).text("issued_on", required: false).text("issuer").text("issuer_code")
            .create()
        try await database.table("legal_citations")
            .text("plan_id").integer("document_position").integer("position").text("clause")
            .create()
        try await database.table("footnotes")
            .text("plan_id").integer("number").text("text").text("marked_in").text("marker")
            .create()
        try await database.table("place_references")
            .text("plan_id").integer("position").text("name").text("level").text("unit_code")
            .text("village_name", required: false).text("source_clause").text("note", required: false)
            .create()
        try await database.table("inconsistencies")
            .text("plan_id").integer("position").text("code").text("kind").text("clauses").text("description")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["inconsistencies", "place_references", "footnotes", "legal_citations", "legal_documents",
                      "funding_sources", "report_obligations", "task_links", "task_assignments", "tasks",
                      "appendix_groups", "task_groups", "indicator_readings", "indicators", "targets", "plan_clauses", "plans"] {
            try await database.schema(table).delete()
        }
    }

    /// Every table a plan writes to, children after `plans`.
    static let planTables = ["plans", "plan_clauses", "targets", "indicators", "indicator_readings", "task_groups",
                             "appendix_groups", "tasks", "task_assignments", "task_links", "report_obligations",
                             "funding_sources", "legal_documents", "legal_citations", "footnotes", "place_references",
                             "inconsistencies"]
}
