import FluentKit

/// A survey's households are stored under a key of their own (staged before the survey row points at them), so an
/// import writes in short batches and replaces the year in one short transaction. NULL: the key is the year.
struct AddSurveyHouseholdKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("surveys").field("households_key", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("surveys").deleteField("households_key").update()
    }
}
