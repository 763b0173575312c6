import FluentKit

/// What administrators record about a reorganisation: the shares a split unit's figures are apportioned by, and
/// agencies renamed, merged or split by a decision.
struct CreateMapChangeTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("unit_shares")
            .text("from_key").text("to_code").integer("numerator").integer("denominator").text("source")
            .text("entered_by").text("entered_at")
            .unique(on: "from_key", "to_code")
            .create()
        try await database.table("agency_changes")
            .integer("position").text("province_code").text("kind").text("from_names").text("into_names").text("effective_on")
            .text("decision").text("decision_date", required: false).text("note", required: false)
            .text("entered_by").text("entered_at")
            .unique(on: "province_code", "position")
            .create()
        // A unit scope is a code read in a dated map: codes were reused on 01/07/2025.
        try await database.schema("user_roles").field("map_date", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agency_changes").delete()
        try await database.schema("unit_shares").delete()
    }
}
