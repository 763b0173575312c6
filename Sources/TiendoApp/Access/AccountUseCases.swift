import TiendoCore
import TiendoStore

/// An administrator creates an account with one role; the password is checked and stored hashed.
public struct CreateUser: Sendable {
    public var username: String, password: String, role: Role, scope: String?
    /// The day of the map a unit code is read in; nil: today.
    public var mapDate: CivilDate?

    public init(username: String, password: String, role: Role, scope: String?, mapDate: CivilDate? = nil) {
        (self.username, self.password, self.role, self.scope, self.mapDate) = (username, password, role, scope, mapDate)
    }

    @discardableResult
    public func run(_ app: AppContext, by caller: Caller) async throws -> RoleGrant {
        try Policy.require(caller.principal, .manageUsers)
        let name = try app.loginPolicy.checkUsername(username)
        try app.loginPolicy.checkPassword(password)
        let grant = try RoleGrant.make(role: role, scope: scope, directory: try await app.loadedPlan().directory, asOf: mapDate ?? .today())
        try await Accounts(app.db).create(username: name, passwordHash: try app.hasher.hash(password), grant: grant, by: caller.actor)
        return grant
    }
}

/// An administrator adds a role to an account.
public struct GrantRole: Sendable {
    public var username: String, role: Role, scope: String?
    /// The day of the map a unit code is read in; nil: today.
    public var mapDate: CivilDate?

    public init(username: String, role: Role, scope: String?, mapDate: CivilDate? = nil) {
        (self.username, self.role, self.scope, self.mapDate) = (username, role, scope, mapDate)
    }

    @discardableResult
    public func run(_ app: AppContext, by caller: Caller) async throws -> RoleGrant {
        try Policy.require(caller.principal, .manageUsers)
        let grant = try RoleGrant.make(role: role, scope: scope, directory: try await app.loadedPlan().directory, asOf: mapDate ?? .today())
        try await Accounts(app.db).grant(grant, to: username, by: caller.actor)
        return grant
    }
}

/// An administrator lifts a lockout.
public struct UnlockUser: Sendable {
    public var username: String

    public init(username: String) { self.username = username }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .manageUsers)
        try await Accounts(app.db).unlock(username, by: caller.actor)
    }
}

/// An administrator lists the accounts.
public struct ListUsers: Sendable {
    public init() {}

    public func run(_ app: AppContext, by caller: Caller) async throws -> [(user: String, locked: Bool, grants: [RoleGrant])] {
        try Policy.require(caller.principal, .manageUsers)
        return try await Accounts(app.db).users()
    }
}

/// A signed-in user changes their own password after giving the current one; their other sessions end.
public struct ChangePassword: Sendable {
    public var current: String, new: String
    /// The cookie of the session making the change, which stays signed in.
    public var session: String?

    public init(current: String, new: String, session: String? = nil) { (self.current, self.new, self.session) = (current, new, session) }

    /// How many other sessions ended.
    @discardableResult
    public func run(_ app: AppContext, by caller: Caller) async throws -> Int {
        try await Accounts(app.db).changePassword(caller.principal.username, current: current, new: new, by: caller.actor,
                                                  keeping: session, hasher: app.hasher, policy: app.loginPolicy)
    }
}

/// Signing in: throttled, locked after repeated failures, a new session replacing the one the browser came with.
public struct SignIn: Sendable {
    public var username: String, password: String, address: String, previousCookie: String?

    public init(username: String, password: String, address: String, previousCookie: String?) {
        (self.username, self.password, self.address, self.previousCookie) = (username, password, address, previousCookie)
    }

    public func run(_ app: AppContext) async throws -> SessionGrant {
        try await Credentials(app.db, policy: app.loginPolicy).login(username: username, password: password, address: address,
                                                                     previousCookie: previousCookie, hasher: app.hasher)
    }
}

/// Signing out ends the session behind the cookie.
public struct SignOut: Sendable {
    public var cookie: String

    public init(cookie: String) { self.cookie = cookie }

    public func run(_ app: AppContext) async throws {
        try await Credentials(app.db).logout(cookie: cookie)
    }
}

/// Any signed-in user creates an API token for themself (an operator, for any account); it carries the
/// account's roles and is shown once.
public struct CreateToken: Sendable {
    public var username: String?, expiresOn: CivilDate?

    /// `username` nil: the caller's own token.
    public init(for username: String? = nil, expiresOn: CivilDate?) { (self.username, self.expiresOn) = (username, expiresOn) }

    public func run(_ app: AppContext, by caller: Caller) async throws -> IssuedToken {
        let owner = username ?? caller.principal.username
        if owner != caller.principal.username { try Policy.require(caller.principal, .manageUsers) }
        return try await Credentials(app.db).createToken(for: owner, expiresOn: expiresOn, by: caller.actor)
    }
}

/// A token is revoked by its owner or an administrator.
public struct RevokeToken: Sendable {
    public var id: String

    public init(id: String) { self.id = id.hasPrefix("tdo_") ? String(id.dropFirst(4).prefix(8)) : id }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        let principal = caller.principal
        try await Credentials(app.db).revokeToken(id: id, by: caller.actor) { owner in
            try Policy.require(principal, .revokeToken(owner: owner))
        }
    }
}

/// Administrators list tokens (never their secrets).
public struct ListTokens: Sendable {
    public var username: String?

    public init(of username: String? = nil) { self.username = username }

    public func run(_ app: AppContext, by caller: Caller) async throws -> [(id: String, username: String, expiresOn: String?, revoked: Bool)] {
        try Policy.require(caller.principal, .manageUsers)
        return try await Credentials(app.db).tokens(of: username)
    }
}
