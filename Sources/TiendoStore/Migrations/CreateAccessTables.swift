import FluentKit

/// Accounts, their roles, sessions, API tokens and the login history that throttling reads.
struct CreateAccessTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.table("users")
            .text("username").text("password_hash").text("created_at").text("locked_at", required: false)
            .integer("consecutive_failures")
            .unique(on: "username")
            .create()
        try await database.table("user_roles")
            .text("username").text("role").text("scope", required: false)
            .create()
        try await database.table("sessions")
            .text("token_hash").text("username").text("csrf_token").text("created_at").text("expires_at")
            .unique(on: "token_hash")
            .create()
        try await database.table("api_tokens")
            .text("token_id").text("token_hash").text("username").text("created_at")
            .text("expires_on", required: false).text("revoked_at", required: false)
            .unique(on: "token_id").unique(on: "token_hash")
            .create()
        try await database.table("login_attempts")
            .text("username").text("address").text("at").integer("succeeded")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["login_attempts", "api_tokens", "sessions", "user_roles", "users"] {
            try await database.schema(table).delete()
        }
    }
}
