import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// Users and their roles: creating, granting, unlocking, and reading who someone is.
public struct Accounts: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Stores a user with one role: a username already checked, the password already hashed.
    public func create(username name: String, passwordHash hash: String, grant: RoleGrant, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            guard try await Accounts.user(name, on: sql) == nil else {
                throw AppError.invalid("Tên đăng nhập \"\(name)\" đã có.")
            }
            try await sql.insert([UserRecord(username: name, passwordHash: hash, createdAt: Timestamp.now(),
                                             lockedAt: nil, consecutiveFailures: 0)])
            try await sql.insert([RoleRecord(username: name, role: grant.role.rawValue, scope: grant.scope, mapDate: grant.mapDate?.iso)])
            try await AuditLog.append([
                AuditChange(.user, AuditKey(name), field: "username", newValue: name),
                AuditChange(.role, AuditKey(name), field: grant.role.rawValue, newValue: grant.scopeDescription),
            ], by: actor, on: sql)
        }
    }

    /// Adds a role to an existing user.
    public func grant(_ grant: RoleGrant, to username: String, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            guard let principal = try await Accounts.principal(username, on: sql) else { throw Accounts.unknown(username) }
            guard !principal.grants.contains(grant) else { return }
            try await sql.insert([RoleRecord(username: username, role: grant.role.rawValue, scope: grant.scope, mapDate: grant.mapDate?.iso)])
            try await AuditLog.append([AuditChange(.role, AuditKey(username), field: grant.role.rawValue,
                                                   newValue: grant.scopeDescription)], by: actor, on: sql)
        }
    }

    /// Changes a user's own password after checking the current one; the log records that it changed, never the hash.
    /// Every other session of the account ends with the change (`keeping` the cookie of the one that made it):
    /// whoever knew the old password is signed out. Returns how many sessions ended.
    @discardableResult
    public func changePassword(_ username: String, current: String, new: String, by actor: Actor, keeping cookie: String? = nil,
                               hasher: any PasswordHasher, policy: LoginPolicy = .standard) async throws -> Int {
        guard let user = try await Accounts.user(username, on: sql) else { throw Accounts.unknown(username) }
        let stored = user.passwordHash
        guard try await Task.detached(operation: { try hasher.verify(current, against: stored) }).value else {
            throw AppError.invalid("Mật khẩu hiện tại không đúng.")
        }
        try policy.checkPassword(new)
        let hash = try hasher.hash(new)
        let kept = cookie.map(AuditLog.hash)
        return try await WriteTransaction.run(on: db) { sql in
            try await sql.update(UserRecord.table).set("password_hash", to: hash).where("username", .equal, username).run()
            var others = sql.select().column("token_hash").from(SessionRecord.table).where("username", .equal, username)
            if let kept { others = others.where("token_hash", .notEqual, kept) }
            let ended = try await others.all(decodingColumn: "token_hash", as: String.self)
            if !ended.isEmpty { try await sql.delete(from: SessionRecord.table).where("token_hash", .in, ended).run() }
            try await AuditLog.append([AuditChange(.user, AuditKey(username), field: "password", oldValue: "(ẩn)", newValue: "(đã đổi)")],
                                      by: actor, reason: "\(ended.count) phiên đăng nhập khác đã kết thúc", on: sql)
            return ended.count
        }
    }

    /// Lifts a lockout and clears the failure count.
    public func unlock(_ username: String, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            guard let user = try await Accounts.user(username, on: sql) else { throw Accounts.unknown(username) }
            try await sql.update(UserRecord.table).set("locked_at", to: SQLLiteral.null).set("consecutive_failures", to: 0)
                .where("username", .equal, username).run()
            try await AuditLog.append([AuditChange(.user, AuditKey(username), field: "locked_at",
                                                   oldValue: user.lockedAt, newValue: nil)], by: actor, on: sql)
        }
    }

    public func principal(_ username: String) async throws -> Principal? {
        try await Accounts.principal(username, on: sql)
    }

    public func users() async throws -> [(user: String, locked: Bool, grants: [RoleGrant])] {
        let users = try await sql.rows(UserRecord.self, orderBy: ["username"])
        var result: [(String, Bool, [RoleGrant])] = []
        for user in users {
            result.append((user.username, user.lockedAt != nil, try await Accounts.principal(user.username, on: sql)?.grants ?? []))
        }
        return result
    }

    static func user(_ username: String, on sql: any SQLDatabase) async throws -> UserRecord? {
        try await sql.select().column("*").from(UserRecord.table).where("username", .equal, username)
            .first(decoding: UserRecord.self, keyDecodingStrategy: .snakeCase)
    }

    static func principal(_ username: String, on sql: any SQLDatabase) async throws -> Principal? {
        guard try await user(username, on: sql) != nil else { return nil }
        let roles = try await sql.select().column("*").from(RoleRecord.table).where("username", .equal, username)
            .orderBy("id").all(decoding: RoleRecord.self, keyDecodingStrategy: .snakeCase)
        let grants = roles.compactMap { row -> RoleGrant? in
            guard let role = Role(rawValue: row.role) else { return nil }
            return RoleGrant(role: role, scope: row.scope, mapDate: row.mapDate.flatMap(CivilDate.init(iso:)))
        }
        return Principal(username: username, grants: grants)
    }

    /// Moves a unit-scoped grant of `username` from the unit that ended (`from`, a code) to its successor (`to`, a code
    /// read in the map of `date`), audited.
    public func moveScope(_ username: String, role: Role, from: String, to: String, mapDate date: CivilDate, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            let change = try await Accounts.moveScope(username, role: role, from: from, to: to, mapDate: date, on: sql)
            try await AuditLog.append([change], by: actor, reason: "Đơn vị cũ đã sáp nhập; quản trị viên xác nhận đơn vị kế tiếp.", on: sql)
        }
    }

    /// Within the caller's transaction: the grant's scope becomes `to` (with the day of the map a unit code is read in),
    /// and the audit entry to append with the rest of the change.
    static func moveScope(_ username: String, role: Role, from: String, to: String, mapDate date: CivilDate?,
                          on sql: any SQLDatabase) async throws -> AuditChange {
        let rows = try await sql.select().column("id").from(RoleRecord.table).where("username", .equal, username)
            .where("role", .equal, role.rawValue).where("scope", .equal, from).all()
        guard !rows.isEmpty else { throw AppError.notFound("Tài khoản \(username) không có phạm vi \(from).") }
        try await sql.update(RoleRecord.table).set("scope", to: to).set("map_date", to: date?.iso)
            .where("username", .equal, username).where("role", .equal, role.rawValue).where("scope", .equal, from).run()
        return AuditChange(.role, AuditKey(username), field: "scope", oldValue: from, newValue: to + (date.map { " (bản đồ ngày \($0.vietnamese))" } ?? ""))
    }

    static func unknown(_ username: String) -> AppError {
        .notFound("Không có tài khoản \"\(username)\".")
    }
}
