import TiendoCore
import TiendoStore
import Vapor

/// Login, logout, the current session, API tokens and user administration.
enum AccessAPI {
    static func register(_ app: any RoutesBuilder, api: any RoutesBuilder) {
        app.post("login", use: login)
        app.post("logout", use: logout)
        api.get("session", use: session)
        api.post("tokens", use: createToken)
        api.delete("tokens", ":id", use: revokeToken)
        api.get("users", use: users)
        api.post("users", use: createUser)
        api.post("users", ":username", "roles", use: grantRole)
        api.post("users", ":username", "unlock", use: unlock)
    }

    struct LoginForm: Content { var username: String; var password: String }

    struct SessionOut: Content {
        var username: String
        var roles: [RoleGrant]
        var csrfToken: String?
    }

    @Sendable static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let grant = try await Credentials(req.db, policy: req.application.loginPolicy).login(
            username: form.username, password: form.password, address: req.clientAddress,
            previousCookie: req.cookies[Authentication.cookieName]?.string)
        let response = try JSONResponse.make(SessionOut(username: grant.principal.username, roles: grant.principal.grants,
                                                        csrfToken: grant.csrfToken))
        setSessionCookie(response, grant, req)
        return response
    }

    /// HttpOnly and SameSite=Lax always; Secure when the request came over TLS (directly or through a proxy).
    static func setSessionCookie(_ response: Response, _ grant: SessionGrant, _ req: Request) {
        let secure = req.url.scheme == "https" || req.headers.first(name: "X-Forwarded-Proto") == "https"
        response.cookies[Authentication.cookieName] = HTTPCookies.Value(
            string: grant.cookieValue, maxAge: Credentials.sessionHours * 3600, path: "/", isSecure: secure,
            isHTTPOnly: true, sameSite: .lax)
    }

    @Sendable static func logout(_ req: Request) async throws -> Response {
        if let cookie = req.cookies[Authentication.cookieName]?.string, req.caller != nil {
            try await Credentials(req.db).logout(cookie: cookie)
        }
        let response = Response(status: .noContent)
        response.cookies[Authentication.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0),
                                                                        path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable static func session(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        return try JSONResponse.make(SessionOut(username: principal.username, roles: principal.grants, csrfToken: req.caller?.csrfToken))
    }

    struct TokenForm: Content { var expiresOn: CivilDate? }

    /// Any signed-in user may create a token for themself; it carries exactly their roles.
    @Sendable static func createToken(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let form = req.body.data == nil ? TokenForm(expiresOn: nil) : try req.content.decode(TokenForm.self)
        let token = try await Credentials(req.db).createToken(for: principal.username, expiresOn: form.expiresOn, by: req.actor)
        return try JSONResponse.make(token, status: .created)
    }

    @Sendable static func revokeToken(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        try await Credentials(req.db).revokeToken(id: req.parameters.get("id") ?? "", by: req.actor) { owner in
            try AccessPolicy.mayRevokeToken(principal, owner: owner).get()
        }
        return Response(status: .noContent)
    }

    struct UserOut: Content { var username: String; var locked: Bool; var roles: [RoleGrant] }

    @Sendable static func users(_ req: Request) async throws -> Response {
        try AccessPolicy.mayManageUsers(try req.principal()).get()
        return try JSONResponse.make(try await Accounts(req.db).users().map { UserOut(username: $0.user, locked: $0.locked, roles: $0.grants) })
    }

    struct NewUser: Content { var username: String; var password: String; var role: Role; var scope: String? }

    @Sendable static func createUser(_ req: Request) async throws -> Response {
        try AccessPolicy.mayManageUsers(try req.principal()).get()
        let form = try req.content.decode(NewUser.self)
        let grant = try RoleGrant.make(role: form.role, scope: form.scope, directory: try await directory(req))
        try await Accounts(req.db).create(username: form.username, password: form.password, grant: grant, by: req.actor)
        return try JSONResponse.make(UserOut(username: form.username, locked: false, roles: [grant]), status: .created)
    }

    struct NewRole: Content { var role: Role; var scope: String? }

    @Sendable static func grantRole(_ req: Request) async throws -> Response {
        try AccessPolicy.mayManageUsers(try req.principal()).get()
        let form = try req.content.decode(NewRole.self)
        let grant = try RoleGrant.make(role: form.role, scope: form.scope, directory: try await directory(req))
        try await Accounts(req.db).grant(grant, to: req.parameters.get("username") ?? "", by: req.actor)
        return try JSONResponse.make(grant, status: .created)
    }

    @Sendable static func unlock(_ req: Request) async throws -> Response {
        try AccessPolicy.mayManageUsers(try req.principal()).get()
        try await Accounts(req.db).unlock(req.parameters.get("username") ?? "", by: req.actor)
        return Response(status: .noContent)
    }

    static func directory(_ req: Request) async throws -> AgencyDirectory {
        try await PlanRepository(req.db).directory(province: "22")
    }
}

extension Application {
    private struct LoginPolicyKey: StorageKey { typealias Value = LoginPolicy }

    /// Throttling and lockout thresholds; tests lower them.
    public var loginPolicy: LoginPolicy {
        get { storage[LoginPolicyKey.self] ?? .standard }
        set { storage[LoginPolicyKey.self] = newValue }
    }
}
