import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// A signed-in browser session: the cookie value is shown once; only its hash is stored.
public struct SessionGrant: Sendable {
    public var cookieValue: String
    public var csrfToken: String
    public var principal: Principal
    public var expiresAt: String
}

/// An API token as created: the secret is printed once and never stored.
public struct IssuedToken: Sendable, Codable {
    public var id: String
    public var token: String
    public var username: String
    public var expiresOn: CivilDate?
}

/// A live session as one request reads it (`Credentials.sessionState`).
public struct SessionState: Sendable, Equatable {
    public var username: String
    public var csrfToken: String
    /// The audit log's head when the session was read: accounts and grants change only with it.
    public var auditHead: Int
    public var unread: Int
}

/// Passwords, sessions and API tokens.
public struct Credentials: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }
    public var policy: LoginPolicy
    public static let sessionHours = 12

    public init(_ db: any Database, policy: LoginPolicy = .standard) {
        self.db = db
        self.policy = policy
    }

    // MARK: Login

    /// A bcrypt hash (cost 12) of no password anyone has: an unknown name is checked against it, so a wrong name
    /// takes as long and answers the same as a wrong password.
    static let unknownAccountHash = "$2b$12$4T7Dhp4A9HouSf4oSWmoVOGWi8Zj.BBLnoMqSURc5BNABmBbgDLF."

    /// Checks a password against throttling and lockout, records the attempt, and on success opens a new session,
    /// closing the one the browser came with (`previousCookie`) so a session id never survives a login.
    ///
    /// The attempt is counted (as a failure until the password proves right) in the same transaction that checks
    /// the throttle, before any hashing: parallel guesses are each counted, never all let through. The hash runs
    /// off the event loop.
    public func login(username: String, password: String, address: String, previousCookie: String?,
                      hasher: any PasswordHasher) async throws -> SessionGrant {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let since = Timestamp.string(Date().addingTimeInterval(-Double(policy.windowMinutes) * 60))
        let policy = self.policy
        let (attempt, user) = try await WriteTransaction.run(on: db) { sql -> (Int, UserRecord?) in
            try await WriteTransaction.lock(["login|\(name)", "login-address|\(address)"], on: sql)
            let user = try await Accounts.user(name, on: sql)
            // An unknown name is "locked" after as many failures as lock a real account, so that 423 does not tell
            // which accounts exist.
            let locked = if let user { user.lockedAt != nil } else {
                try await Credentials.failures(column: "username", name, since: "", on: sql) >= policy.lockAfter
            }
            let gate = policy.gate(locked: locked,
                                   accountFailuresInWindow: try await Credentials.failures(column: "username", name, since: since, on: sql),
                                   addressFailuresInWindow: try await Credentials.failures(column: "address", address, since: since, on: sql))
            guard gate == .open else { throw AppError.throttled(gate) }
            let id = try await sql.insert(into: LoginAttemptRecord.table)
                .model(LoginAttemptRecord(username: name, address: address, at: Timestamp.now(), succeeded: 0),
                       keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .returning("id").first(decodingColumn: "id", as: Int.self)!
            return (id, user)
        }
        let hash = user?.passwordHash ?? Credentials.unknownAccountHash
        let verified = try await Task.detached { try hasher.verify(password, against: hash) }.value
        let matches = verified && user != nil
        return try await WriteTransaction.run(on: db) { sql in
            guard matches, user != nil else {
                if let user {
                    let failures = user.consecutiveFailures + 1
                    let lock = failures >= policy.lockAfter
                    try await sql.update(UserRecord.table).set("consecutive_failures", to: failures)
                        .set("locked_at", to: lock ? SQLBind(Timestamp.now()) as any SQLExpression : SQLLiteral.null)
                        .where("username", .equal, name).run()
                    if lock {
                        try await AuditLog.append([AuditChange(.user, AuditKey(name), field: "locked_at", newValue: "khóa do đăng nhập sai \(failures) lần")],
                                                  by: Actor(username: "hệ thống", address: address), on: sql)
                    }
                }
                // A wrong password and an unknown user get the same answer.
                return nil as SessionGrant?
            }
            try await sql.update(LoginAttemptRecord.table).set("succeeded", to: 1).where("id", .equal, attempt).run()
            try await sql.update(UserRecord.table).set("consecutive_failures", to: 0).where("username", .equal, name).run()
            if let previousCookie {
                try await sql.delete(from: SessionRecord.table).where("token_hash", .equal, AuditLog.hash(previousCookie)).run()
            }
            let cookie = Credentials.randomToken(), csrf = Credentials.randomToken()
            let expires = Timestamp.string(Date().addingTimeInterval(Double(Credentials.sessionHours) * 3600))
            try await sql.insert([SessionRecord(tokenHash: AuditLog.hash(cookie), username: name, csrfToken: csrf,
                                                createdAt: Timestamp.now(), expiresAt: expires)])
            let principal = try await Accounts.principal(name, on: sql)!
            return SessionGrant(cookieValue: cookie, csrfToken: csrf, principal: principal, expiresAt: expires)
        } ?? { throw AppError.unauthenticated("Sai tên đăng nhập hoặc mật khẩu.") }()
    }

    static func failures(column: String, _ value: String, since: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(LoginAttemptRecord.table)
            .where(SQLIdentifier(column), .equal, SQLBind(value)).where("succeeded", .equal, 0).where("at", .greaterThanOrEqual, since)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The session behind a cookie, if it is current.
    public func session(cookie: String) async throws -> (principal: Principal, csrfToken: String)? {
        guard let state = try await sessionState(cookie: cookie), let principal = try await principal(of: state.username) else { return nil }
        return (principal, state.csrfToken)
    }

    /// What a request from a session needs, in one statement: whose it is, its form token, the audit log's head
    /// and the owner's unread messages. Nil when there is no such session or it has expired.
    public func sessionState(cookie: String) async throws -> SessionState? {
        guard let row = try await sql.raw("\(unsafeRaw: Self.sessionStateSQL(where: "=")) \(bind: AuditLog.hash(cookie))").first(),
              try row.decode(column: "expires_at", as: String.self) > Timestamp.now() else { return nil }
        return try Self.sessionState(row)
    }

    /// A session as a row of `sessionStateSQL` gives it (its expiry checked by the caller).
    static func sessionState(_ row: any SQLRow) throws -> SessionState {
        SessionState(username: try row.decode(column: "username", as: String.self),
                     csrfToken: try row.decode(column: "csrf_token", as: String.self),
                     auditHead: try row.decode(column: "head", as: Int?.self) ?? 0,
                     unread: try row.decode(column: "unread", as: Int.self))
    }

    /// The statement behind `sessionState`, ending in `condition` on the cookie's hash (`= ?1`; or `=`, `IN` with the
    /// binds appended): the pool, `SQLiteQuickReads` and `SharedReads.sessions` all ask it, and read its columns in
    /// this order.
    static func sessionStateSQL(where condition: String) -> String {
        """
        SELECT s.username, s.csrf_token, s.expires_at, (\(AuditLog.headSQL)) AS head,
               (SELECT COUNT(*) FROM notifications n WHERE n.username = s.username AND n.read_at IS NULL) AS unread, s.token_hash
        FROM \(SessionRecord.table) s WHERE s.token_hash \(condition)
        """
    }

    /// `username`'s account and grants; nil when there is no such account.
    public func principal(of username: String) async throws -> Principal? {
        try await Accounts.principal(username, on: sql)
    }

    public func logout(cookie: String) async throws {
        _ = try await WriteTransaction.run(on: db) { sql in
            try await sql.delete(from: SessionRecord.table).where("token_hash", .equal, AuditLog.hash(cookie)).run()
        }
    }

    // MARK: API tokens

    public func createToken(for username: String, expiresOn: CivilDate?, by actor: Actor) async throws -> IssuedToken {
        if let expiresOn, expiresOn <= CivilDate.today() {
            throw AppError.invalid("Ngày hết hạn \(expiresOn.vietnamese) đã qua; chọn một ngày sau hôm nay.")
        }
        let id = String(Credentials.randomToken().filter(\.isLetter).prefix(8)).lowercased()
        let token = "tdo_\(id)_\(Credentials.randomToken())"
        try await WriteTransaction.run(on: db) { sql in
            guard try await Accounts.user(username, on: sql) != nil else { throw Accounts.unknown(username) }
            try await sql.insert([TokenRecord(tokenId: id, tokenHash: AuditLog.hash(token), username: username,
                                              createdAt: Timestamp.now(), expiresOn: expiresOn?.iso, revokedAt: nil)])
            try await AuditLog.append([AuditChange(.apiToken, AuditKey(id), field: "username", newValue: username),
                                       AuditChange(.apiToken, AuditKey(id), field: "expires_on", newValue: expiresOn?.iso)],
                                      by: actor, on: sql)
        }
        return IssuedToken(id: id, token: token, username: username, expiresOn: expiresOn)
    }

    /// The owner of a token, checked by `mayRevoke` before the token is revoked.
    public func revokeToken(id: String, by actor: Actor, authorise: @escaping @Sendable (String) throws -> Void) async throws {
        try await WriteTransaction.run(on: db) { sql in
            guard let row = try await sql.select().column("*").from(TokenRecord.table).where("token_id", .equal, id)
                .first(decoding: TokenRecord.self, keyDecodingStrategy: .snakeCase) else {
                throw AppError.notFound("Không có mã truy cập \"\(id)\".")
            }
            try authorise(row.username)
            guard row.revokedAt == nil else { return }
            let now = Timestamp.now()
            try await sql.update(TokenRecord.table).set("revoked_at", to: now).where("token_id", .equal, id).run()
            try await AuditLog.append([AuditChange(.apiToken, AuditKey(id), field: "revoked_at", newValue: now)],
                                      by: actor, on: sql)
        }
    }

    /// The user behind a bearer token, if it exists, has not expired and was not revoked.
    public func principal(token: String) async throws -> Principal? {
        guard let row = try await sql.select().column("*").from(TokenRecord.table)
            .where("token_hash", .equal, AuditLog.hash(token))
            .first(decoding: TokenRecord.self, keyDecodingStrategy: .snakeCase),
              row.revokedAt == nil,
              row.expiresOn.flatMap(CivilDate.init(iso:)).map({ CivilDate.today() < $0 }) ?? true else { return nil }
        // A sign-in lockout stops password guessing; it does not switch off the account's tokens (anyone could
        // otherwise disable another user's integrations by guessing wrong on purpose).
        return try await Accounts.principal(row.username, on: sql)
    }

    public func tokens(of username: String? = nil) async throws -> [(id: String, username: String, expiresOn: String?, revoked: Bool)] {
        var query = sql.select().column("*").from(TokenRecord.table)
        if let username { query = query.where("username", .equal, username) }
        return try await query.orderBy("id").all(decoding: TokenRecord.self, keyDecodingStrategy: .snakeCase)
            .map { ($0.tokenId, $0.username, $0.expiresOn, $0.revokedAt != nil) }
    }

    /// 32 random bytes, URL-safe base64 without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
