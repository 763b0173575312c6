import SQLKit

struct UserRecord: TableRow {
    static let table = "users"
    var username: String
    var passwordHash: String
    var createdAt: String
    var lockedAt: String?
    var consecutiveFailures: Int
}

struct RoleRecord: TableRow {
    static let table = "user_roles"
    var username: String
    var role: String
    var scope: String?
    /// The day whose map a unit scope's code was read in (nil for grants made before this was recorded).
    var mapDate: String?
}

struct SessionRecord: TableRow {
    static let table = "sessions"
    var tokenHash: String
    var username: String
    var csrfToken: String
    var createdAt: String
    var expiresAt: String
}

struct TokenRecord: TableRow {
    static let table = "api_tokens"
    var tokenId: String
    var tokenHash: String
    var username: String
    var createdAt: String
    var expiresOn: String?
    var revokedAt: String?
}

struct LoginAttemptRecord: TableRow {
    static let table = "login_attempts"
    var username: String
    var address: String
    var at: String
    var succeeded: Int
}
