import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Two servers on one database, as behind a load balancer: a session opened on one is valid on the other, signing
/// out on one ends it on both, and a change made through one (a task's update, a person's grant) shows on the other's
/// next page, cached or not.
@Suite struct InstancesTests {
    @Test(arguments: TestDatabase.available)
    func twoInstancesShareSessionsAndSeeEachOthersChanges(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await withApp(configure: { try await TiendoServer.configure($0, location: location); $0.today = CivilDate(year: 2024, month: 12, day: 31)! }) { one in
                try await withApp(configure: { try await TiendoServer.configure($0, location: location); $0.today = CivilDate(year: 2024, month: 12, day: 31)! }) { two in
                    let holders = try await Accountholders.create(on: one.db)
                    // Signed in through the first; the second knows the session.
                    var cookie = ""
                    try await one.testing().test(.POST, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "username=halong&password=\(Accountholders.password)")) { res in
                        cookie = res.headers.setCookie?[Authentication.cookieName]?.string ?? ""
                    }
                    #expect(!cookie.isEmpty)
                    let session: HTTPHeaders = [HTTPHeaders.Name.cookie.description: "\(Authentication.cookieName)=\(cookie)"]
                    try await two.testing().test(.GET, "/api/v1/session", headers: session) { res in
                        #expect(res.status == .ok && res.body.string.contains("halong"))
                    }
                    // The second renders the task page (and caches what it can); an update posted through the first shows there next.
                    let path = "/nhiem-vu/III.4.(2)"
                    try await two.testing().test(.GET, path) { res in #expect(res.status == .ok && !res.body.string.contains("Khảo sát xong 7 thôn")) }
                    let bearer = HTTPHeaders.bearerJSON(holders.tokens[.districtOfficer]!)
                    try await postSurveyedVillages(through: one, token: holders.tokens[.districtOfficer]!)
                    try await two.testing().test(.GET, path) { res in #expect(res.body.string.contains("Khảo sát xong 7 thôn")) }
                    try await two.testing().test(.GET, "/api/v1/tasks/III.4.(2)/updates", headers: bearer) { res in #expect(res.body.string.contains("Khảo sát xong 7 thôn")) }
                    // The second keeps who the session's owner is while nothing is audited; a grant made through the
                    // first is a new audit head, so the second's next request sees it.
                    try await two.testing().test(.GET, "/quan-tri/nhac-han", headers: session) { res in #expect(res.status == .forbidden) }
                    try await Accounts(one.db).grant(RoleGrant(role: .coordinator), to: "halong", by: Actor(username: "admin", address: nil))
                    try await two.testing().test(.GET, "/quan-tri/nhac-han", headers: session) { res in #expect(res.status == .ok) }
                    // Signed out on the second: the first no longer knows the session.
                    let csrf = try await Self.csrf(two, session)
                    try await two.testing().test(.POST, "/dang-xuat", headers: session.merging(["Content-Type": "application/x-www-form-urlencoded"]),
                                                 body: ByteBuffer(string: "csrf_token=\(csrf)")) { res in #expect(res.status == .seeOther) }
                    try await one.testing().test(.GET, "/api/v1/session", headers: session) { res in #expect(res.status == .unauthorized) }
                }
            }
        }
    }

    static func csrf(_ app: Application, _ headers: HTTPHeaders) async throws -> String {
        var token = ""
        try await app.testing().test(.GET, "/api/v1/session", headers: headers) { res in
            token = (try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])?["csrfToken"] as? String ?? ""
        }
        return token
    }
}

extension HTTPHeaders {
    func merging(_ other: HTTPHeaders) -> HTTPHeaders {
        var all = self
        for (name, value) in other { all.add(name: name, value: value) }
        return all
    }
}
