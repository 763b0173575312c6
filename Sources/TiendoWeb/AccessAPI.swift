import TiendoApp
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

    /// For programs (JSON or form body); a browser's post from a page of another site is refused (login CSRF).
    @Sendable static func login(_ req: Request) async throws -> Response {
        if req.comesFromAnotherSite { throw AppError.forbidden("Không đăng nhập từ trang của nơi khác.") }
        let form = try req.content.decode(LoginForm.self)
        let grant = try await SignIn(username: form.username, password: form.password, address: req.clientAddress,
                                     previousCookie: req.cookies[Authentication.cookieName]?.string).run(req.app())
        let response = try JSONResponse.make(SessionOut(username: grant.principal.username, roles: grant.principal.grants,
                                                        csrfToken: grant.csrfToken))
        setSessionCookie(response, grant, req)
        return response
    }

    /// HttpOnly and SameSite=Lax always; Secure when the request came over TLS (directly or through a proxy).
    static func setSessionCookie(_ response: Response, _ grant: SessionGrant, _ req: Request) {
        response.cookies[Authentication.cookieName] = HTTPCookies.Value(
            string: grant.cookieValue, maxAge: Credentials.sessionHours * 3600, path: "/", isSecure: req.isSecure,
            isHTTPOnly: true, sameSite: .lax)
    }

    @Sendable static func logout(_ req: Request) async throws -> Response {
        if req.pendingCaller != nil { throw AppError.csrfRefused }
        if let cookie = req.cookies[Authentication.cookieName]?.string, req.caller != nil {
            try await SignOut(cookie: cookie).run(req.app())
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
        let caller = try req.useCaseCaller()
        let form = req.body.data == nil ? TokenForm(expiresOn: nil) : try req.content.decode(TokenForm.self)
        let token = try await CreateToken(expiresOn: form.expiresOn).run(req.app(), by: caller)
        return try JSONResponse.make(token, status: .created)
    }

    @Sendable static func revokeToken(_ req: Request) async throws -> Response {
        try await RevokeToken(id: req.parameters.get("id") ?? "").run(req.app(), by: try req.useCaseCaller())
        return Response(status: .noContent)
    }

    struct UserOut: Content { var username: String; var locked: Bool; var roles: [RoleGrant] }

    @Sendable static func users(_ req: Request) async throws -> Response {
        return try JSONResponse.make(try await ListUsers().run(req.app(), by: try req.useCaseCaller()).map { UserOut(username: $0.user, locked: $0.locked, roles: $0.grants) })
    }

    /// `mapDate` (YYYY-MM-DD): the day of the map a unit code is read in; today when absent.
    struct NewUser: Content { var username: String; var password: String; var role: Role; var scope: String?; var mapDate: String? }

    @Sendable static func createUser(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let form = try req.content.decode(NewUser.self)
        let grant = try await CreateUser(username: form.username, password: form.password, role: form.role, scope: form.scope,
                                         mapDate: try mapDate(form.mapDate))
            .run(req.app(), by: caller)
        return try JSONResponse.make(UserOut(username: form.username, locked: false, roles: [grant]), status: .created)
    }

    struct NewRole: Content { var role: Role; var scope: String?; var mapDate: String? }

    static func mapDate(_ text: String?) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = CivilDate(iso: text) else { throw AppError.invalid("Trường \"mapDate\" phải là ngày YYYY-MM-DD; nhận \"\(text.clipped(to: 40))\".") }
        return date
    }

    @Sendable static func grantRole(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let form = try req.content.decode(NewRole.self)
        let grant = try await GrantRole(username: req.parameters.get("username") ?? "", role: form.role, scope: form.scope, mapDate: try mapDate(form.mapDate))
            .run(req.app(), by: caller)
        return try JSONResponse.make(grant, status: .created)
    }

    @Sendable static func unlock(_ req: Request) async throws -> Response {
        try await UnlockUser(username: req.parameters.get("username") ?? "").run(req.app(), by: try req.useCaseCaller())
        return Response(status: .noContent)
    }

}

extension Application {
    private struct LoginPolicyKey: StorageKey { typealias Value = LoginPolicy }
    private struct TodayKey: StorageKey { typealias Value = CivilDate }

    /// The day the server takes as today (`AppClock`); tests fix it.
    public var today: CivilDate {
        get { storage[TodayKey.self] ?? AppClock.today() }
        set { storage[TodayKey.self] = newValue }
    }

    /// Throttling and lockout thresholds; tests lower them.
    public var loginPolicy: LoginPolicy {
        get { storage[LoginPolicyKey.self] ?? .standard }
        set { storage[LoginPolicyKey.self] = newValue }
    }
}
