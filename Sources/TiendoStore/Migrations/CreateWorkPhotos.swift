import FluentKit

/// Photos and other evidence files of a work's monthly report, stored in the database like a task update's.
struct CreateWorkPhotos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("work_photos")
            .text("work_code").text("month").text("file_name").text("content_type").integer("size")
            .field("content", .data, .required).text("username").text("created_at")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("work_photos").delete()
    }
}
