import FluentKit

/// Household surveys: one row per survey year, its households, and the aggregates pages read.
struct CreateHouseholdTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("surveys")
            .integer("year").text("standard_id").text("units_date").text("file_name").integer("households")
            .text("ignored_columns").text("imported_by").text("imported_at")
            .unique(on: "year")
            .create()
        try await CreateHouseholdTables.households(database.table("households")).unique(on: "survey_year", "household_id").create()
        try await database.table("survey_results")
            .integer("survey_year").text("level").text("code").text("population")
            .field("households", .int64, .required).field("members", .int64, .required)
            .field("poor", .int64, .required).field("near_poor", .int64, .required).field("income_total", .int64, .required)
            .text("income_by_source").text("estimates")
            .unique(on: "survey_year", "level", "code", "population")
            .create()
    }

    /// The households table's columns after `id`, as first created and as rebuilt by `IndexHouseholdsByKey`.
    static func households(_ table: SchemaBuilder) -> SchemaBuilder {
        var households = table
            .integer("survey_year").text("household_id").text("commune_code").text("area").integer("members")
            .integer("ethnic_minority").field("weight", .double, .required)
        for column in ["income_wages", "income_agriculture", "income_forestry", "income_fishery", "income_business",
                       "income_transfers", "income_other", "deprivations", "deprivation_flags"] {
            households = households.field(.string(column), .int64, .required)
        }
        return households.text("poverty_class")
    }

    func revert(on database: any Database) async throws {
        for table in ["survey_results", "households", "surveys"] { try await database.schema(table).delete() }
    }
}
