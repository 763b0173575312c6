import Foundation
import SQLKit
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Logging in, staying logged in safely, and being stopped when guessing.
@Suite struct AuthTests {
    static let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]

    func login(_ app: Application, _ user: String, _ password: String, cookie: String? = nil,
               _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = AuthTests.form
        if let cookie { headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(cookie)") }
        let body = "username=\(user)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        try await app.testing().test(.POST, "/login", headers: headers, body: ByteBuffer(string: body)) { try await check($0) }
    }

    func sessionCookie(_ res: TestingHTTPResponse) -> String? {
        res.headers.setCookie?[Authentication.cookieName]?.string
    }

    func csrf(_ res: TestingHTTPResponse) throws -> String {
        try #require(try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])["csrfToken"] as! String
    }

    @Test(arguments: TestDatabase.available)
    func loginSetsAHardenedCookieAndRotatesIt(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            var first = ""
            try await login(app, "halong", Accountholders.password) { res in
                #expect(res.status == .ok)
                let header = res.headers.first(name: .setCookie) ?? ""
                #expect(header.contains("HttpOnly"))
                #expect(header.contains("SameSite=Lax"))
                first = try #require(sessionCookie(res))
            }
            var second = ""
            try await login(app, "halong", Accountholders.password, cookie: first) { res in
                second = try #require(sessionCookie(res))
            }
            #expect(first != second)
            try await app.testing().test(.GET, "/api/v1/session", headers: [HTTPHeaders.Name.cookie.description: "\(Authentication.cookieName)=\(first)"]) { res in
                #expect(res.status == .unauthorized)
            }
            try await app.testing().test(.GET, "/api/v1/session", headers: [HTTPHeaders.Name.cookie.description: "\(Authentication.cookieName)=\(second)"]) { res in
                #expect(res.status == .ok)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func formPostsNeedTheSessionsCSRFToken(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            var cookie = "", token = ""
            try await login(app, "halong", Accountholders.password) { res in
                cookie = try #require(sessionCookie(res))
                token = try csrf(res)
            }
            let body = "status=in_progress&progress=10&note=ghi+chu"
            for sent in [nil, "sai-ma", token] {
                var headers = AuthTests.form
                headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(cookie)")
                let before = try await snapshot(app.db)
                let payload = body + (sent.map { "&csrf_token=\($0)" } ?? "")
                try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: headers, body: ByteBuffer(string: payload)) { res in
                    #expect(res.status == (sent == token ? .created : .forbidden), "csrf \(sent ?? "missing")")
                }
                if sent != token { #expect(try await snapshot(app.db) == before) }
            }
            // The header works as well as the form field.
            var headers: HTTPHeaders = ["Content-Type": "application/json", "X-CSRF-Token": token]
            headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(cookie)")
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: headers,
                                         body: ByteBuffer(string: "{\"status\":\"done\",\"progress\":100,\"note\":\"xong\"}")) { res in
                #expect(res.status == .created)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func wrongPasswordAndUnknownUserLookTheSame(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            var messages: [String] = []
            for user in ["halong", "khongco"] {
                try await login(app, user, "sai-mat-khau-roi") { res in
                    #expect(res.status == .unauthorized)
                    messages.append(res.body.string)
                }
            }
            #expect(messages[0] == messages[1])
        }
    }

    @Test(arguments: TestDatabase.available)
    func accountIsThrottledAfterRepeatedFailures(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            app.loginPolicy = LoginPolicy(accountFailures: 3, addressFailures: 100, windowMinutes: 15, lockAfter: 100, minimumPasswordLength: 12)
            _ = try await Accountholders.create(on: app.db)
            for _ in 1...3 { try await login(app, "halong", "sai-mat-khau-roi") { #expect($0.status == .unauthorized) } }
            // Even the right password waits now; another account from the same address does not.
            try await login(app, "halong", Accountholders.password) { #expect($0.status == .tooManyRequests) }
            try await login(app, "hakhanh", Accountholders.password) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func addressIsThrottledAcrossAccounts(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            app.loginPolicy = LoginPolicy(accountFailures: 100, addressFailures: 4, windowMinutes: 15, lockAfter: 100, minimumPasswordLength: 12)
            _ = try await Accountholders.create(on: app.db)
            for user in ["halong", "hakhanh", "sogtvt", "nguoixem"] {
                try await login(app, user, "sai-mat-khau-roi") { #expect($0.status == .unauthorized) }
            }
            try await login(app, "bandantoc", Accountholders.password) { #expect($0.status == .tooManyRequests) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func lockoutHoldsUntilAnAdminLiftsIt(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            app.loginPolicy = LoginPolicy(accountFailures: 100, addressFailures: 100, windowMinutes: 15, lockAfter: 3, minimumPasswordLength: 12)
            let holders = try await Accountholders.create(on: app.db)
            for _ in 1...3 { try await login(app, "halong", "sai-mat-khau-roi") { #expect($0.status == .unauthorized) } }
            try await login(app, "halong", Accountholders.password) { #expect($0.status == .locked) }
            // The lockout stops password guessing only: the account's tokens keep working (a stranger guessing wrong
            // on purpose must not switch off someone's integrations).
            var halong = HTTPHeaders()
            halong.bearerAuthorization = BearerAuthorization(token: holders.tokens[.districtOfficer]!)
            try await app.testing().test(.GET, "/api/v1/session", headers: halong) { #expect($0.status == .ok) }
            #expect(try await AuditLog.entries(on: app.db, entity: .user).contains { $0.entityId == "halong" && $0.field == "locked_at" })
            var admin = HTTPHeaders()
            admin.bearerAuthorization = BearerAuthorization(token: holders.tokens[.admin]!)
            try await app.testing().test(.POST, "/api/v1/users/halong/unlock", headers: admin) { #expect($0.status == .noContent) }
            try await login(app, "halong", Accountholders.password) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func tokensExpireAndCanBeRevoked(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            let credentials = Credentials(app.db)
            let tomorrow = try #require(CivilDate(iso: Timestamp.string(Date().addingTimeInterval(2 * 86_400)).prefix(10).description))
            let token = try await credentials.createToken(for: "halong", expiresOn: tomorrow, by: Actor(username: "t", address: nil))
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token.token)
            try await app.testing().test(.GET, "/api/v1/session", headers: headers) { #expect($0.status == .ok) }
            // Time passes: the stored expiry is now in the past.
            try await (app.db as! any SQLDatabase).update("api_tokens").set("expires_on", to: "2020-01-01")
                .where("token_id", .equal, token.id).run()
            try await app.testing().test(.GET, "/api/v1/session", headers: headers) { res in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("hết hạn"))
            }
            await #expect(throws: AppError.self) {
                try await credentials.createToken(for: "halong", expiresOn: CivilDate(year: 2020, month: 1, day: 1), by: Actor(username: "t", address: nil))
            }
            // Revocation by the owner through the API.
            var own = HTTPHeaders()
            own.bearerAuthorization = BearerAuthorization(token: holders.tokens[.districtOfficer]!)
            let id = String(holders.tokens[.districtOfficer]!.dropFirst(4).prefix(8))
            try await app.testing().test(.DELETE, "/api/v1/tokens/\(id)", headers: own) { #expect($0.status == .noContent) }
            try await app.testing().test(.GET, "/api/v1/session", headers: own) { #expect($0.status == .unauthorized) }
            var forged = HTTPHeaders()
            forged.bearerAuthorization = BearerAuthorization(token: "tdo_abcdefgh_khongphaima")
            try await app.testing().test(.GET, "/api/v1/session", headers: forged) { #expect($0.status == .unauthorized) }
        }
    }
}
