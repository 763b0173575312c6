import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Every role against every write of the API. In scope: it succeeds and is audited. Out of scope: 403 and the
/// database is exactly what it was, whatever id the caller guesses.
@Suite struct AccessMatrixTests {
    struct Case: Sendable {
        var role: Role
        var what: String
        var method: HTTPMethod
        var path: String
        var body: String?
        var expected: HTTPResponseStatus
    }

    static func report(_ task: String, _ unit: String?) -> String {
        let unitField = unit.map { ", \"unit\": \"\($0)\"" } ?? ""
        return "{\"status\": \"in_progress\", \"progress\": 40, \"note\": \"Đã triển khai bước đầu\"\(unitField)}"
    }

    static let cases: [Case] = {
        var list: [Case] = []
        func add(_ role: Role, _ what: String, _ method: HTTPMethod, _ path: String, _ body: String?, _ status: HTTPResponseStatus) {
            list.append(Case(role: role, what: what, method: method, path: path, body: body, expected: status))
        }
        let gtvtTask = "/api/v1/tasks/III.4.(1)/updates", districtTask = "/api/v1/tasks/III.4.(2)/updates"
        let communeTask = "/api/v1/tasks/III.10.(6)/updates", nnTask = "/api/v1/tasks/III.2.(1)/updates"
        // Reporting on tasks.
        add(.agencyOfficer, "own task, own agency", .POST, gtvtTask, report("III.4.(1)", nil), .created)
        add(.agencyOfficer, "another agency's task", .POST, nnTask, report("III.2.(1)", nil), .forbidden)
        add(.agencyOfficer, "speaking for another agency", .POST, nnTask, report("III.2.(1)", "Sở Nông nghiệp và Phát triển nông thôn"), .forbidden)
        add(.agencyOfficer, "speaking for a district", .POST, districtTask, report("III.4.(2)", "193"), .forbidden)
        add(.districtOfficer, "own unit through the collective", .POST, districtTask, report("III.4.(2)", nil), .created)
        add(.districtOfficer, "task only Sở GTVT leads", .POST, gtvtTask, report("III.4.(1)", "193"), .forbidden)
        add(.districtOfficer, "speaking for Sở GTVT", .POST, gtvtTask, report("III.4.(1)", "Sở Giao thông vận tải"), .forbidden)
        add(.districtOfficer, "speaking for another district", .POST, districtTask, report("III.4.(2)", "198"), .forbidden)
        add(.communeOfficer, "own commune", .POST, communeTask, report("III.10.(6)", nil), .created)
        add(.communeOfficer, "district task", .POST, districtTask, report("III.4.(2)", "06649"), .forbidden)
        add(.coordinator, "for any assignee", .POST, gtvtTask, report("III.4.(1)", "Sở Giao thông vận tải"), .created)
        add(.coordinator, "for a body not assigned", .POST, gtvtTask, report("III.4.(1)", "193"), .forbidden)
        add(.admin, "task report", .POST, gtvtTask, report("III.4.(1)", "Sở Giao thông vận tải"), .forbidden)
        add(.viewer, "task report", .POST, gtvtTask, report("III.4.(1)", "Sở Giao thông vận tải"), .forbidden)
        // Managing users.
        let newUser = "{\"username\": \"moi\", \"password\": \"mot-mat-khau-dai\", \"role\": \"viewer\"}"
        let newRole = "{\"role\": \"viewer\", \"scope\": \"193\"}"
        for role in Role.allCases {
            let allowed = role == .admin
            add(role, "create user", .POST, "/api/v1/users", newUser, allowed ? .created : .forbidden)
            add(role, "grant role", .POST, "/api/v1/users/nguoixem/roles", newRole, allowed ? .created : .forbidden)
            add(role, "unlock user", .POST, "/api/v1/users/nguoixem/unlock", nil, allowed ? .noContent : .forbidden)
            add(role, "create own token", .POST, "/api/v1/tokens", nil, .created)
        }
        return list
    }()

    /// One database per run: refused cases change nothing, and each allowed case is allowed once.
    @Test(arguments: TestDatabase.available)
    func everyRoleAgainstEveryWrite(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            for testCase in AccessMatrixTests.cases {
                let before = try await snapshot(app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: holders.tokens[testCase.role]!)
                headers.contentType = .json
                let body = testCase.body.map { ByteBuffer(string: $0) }
                try await app.testing().test(testCase.method, testCase.path, headers: headers, body: body) { res in
                    #expect(res.status == testCase.expected, "\(testCase.role.rawValue): \(testCase.what) → \(res.body.string)")
                }
                let after = try await snapshot(app.db)
                if testCase.expected == .forbidden {
                    #expect(after == before, "\(testCase.role.rawValue): \(testCase.what) changed the database")
                } else {
                    #expect(after != before)
                    #expect(try await AuditLog.verify(on: app.db) == nil)
                    #expect(try await AuditLog.entries(on: app.db).last?.actor == holders.usernames[testCase.role])
                }
            }
        }
    }

    /// Revoking someone else's token: the admin may, nobody else.
    @Test(arguments: TestDatabase.available)
    func revokingAnotherUsersToken(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            let victim = holders.tokens[.viewer]!
            let id = String(victim.dropFirst(4).prefix(8))
            for role in Role.allCases where role != .viewer && role != .admin {
                let before = try await snapshot(app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: holders.tokens[role]!)
                try await app.testing().test(.DELETE, "/api/v1/tokens/\(id)", headers: headers) { res in
                    #expect(res.status == .forbidden, "\(role.rawValue)")
                }
                #expect(try await snapshot(app.db) == before)
            }
            var admin = HTTPHeaders()
            admin.bearerAuthorization = BearerAuthorization(token: holders.tokens[.admin]!)
            try await app.testing().test(.DELETE, "/api/v1/tokens/\(id)", headers: admin) { res in #expect(res.status == .noContent) }
            var revoked = HTTPHeaders()
            revoked.bearerAuthorization = BearerAuthorization(token: victim)
            try await app.testing().test(.GET, "/api/v1/session", headers: revoked) { res in #expect(res.status == .unauthorized) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func readsNeedTheRightRole(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            for role in Role.allCases {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: holders.tokens[role]!)
                try await app.testing().test(.GET, "/api/v1/audit", headers: headers) { res in
                    #expect(res.status == (role == .admin || role == .coordinator ? .ok : .forbidden), "\(role.rawValue)")
                }
            }
            try await app.testing().test(.GET, "/api/v1/audit") { res in #expect(res.status == .unauthorized) }
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(1)/updates", headers: ["Content-Type": "application/json"],
                                         body: ByteBuffer(string: AccessMatrixTests.report("III.4.(1)", nil))) { res in
                #expect(res.status == .unauthorized)
            }
        }
    }
}
