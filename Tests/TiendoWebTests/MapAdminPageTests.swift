import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// `/quan-tri/thay-doi`: an administrator records an agency change and a split unit's shares from the page; a refused
/// form keeps what was typed; Ban Dân tộc reads, cannot write; task pages name today's successor.
@Suite struct MapAdminPageTests {
    func post(_ app: Application, _ path: String, _ token: String, _ form: [String: String], _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .urlEncodedForm
        let body = form.map { "\($0.key)=\(query($0.value))" }.joined(separator: "&")
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { try await check($0) }
    }

    func get(_ app: Application, _ path: String, _ token: String?, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        try await app.testing().test(.GET, path, headers: headers) { try await check($0) }
    }

    @Test func anAdministratorRecordsChangesFromThePage() async throws {
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            let (admin, bdt) = (holders.tokens[.admin]!, holders.tokens[.coordinator]!)
            try await get(app, "/quan-tri/thay-doi", admin) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Phường Hà Khẩu (06655) → Phường Việt Hưng, Phường Tuần Châu"))
                #expect(res.body.string.contains("Chưa có tỷ lệ"))
            }
            let key = try #require(try SeedData.units().unit(code: "06655", at: CivilDate(year: 2024, month: 12, day: 1)!)).versionKey
            try await post(app, "/quan-tri/thay-doi/ty-le", admin, ["unit": key, "share-06661": "1/2", "share-06706": "1/3", "source": "dân số (thử)"]) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("value=\"1/2\"") && res.body.string.contains("value=\"dân số (thử)\""))
            }
            try await post(app, "/quan-tri/thay-doi/ty-le", admin, ["unit": key, "share-06661": "2/3", "share-06706": "1/3", "source": "dân số (thử)"]) { res in
                #expect(res.status == .seeOther)
            }
            try await post(app, "/quan-tri/thay-doi/co-quan", bdt, ["kind": "rename", "from": "Sở Du lịch", "into": "Sở Du lịch (tên thử)",
                                                                     "effectiveOn": "2025-03-01", "decision": "99/QĐ-THU"]) { res in
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("Chỉ quản trị viên được ghi thay đổi"))
            }
            try await post(app, "/quan-tri/thay-doi/co-quan", admin, ["kind": "rename", "from": "Sở Du lịch", "into": "Sở Du lịch (tên thử)",
                                                                       "effectiveOn": "2025-03-01", "decision": "99/QĐ-THU"]) { res in
                #expect(res.status == .seeOther)
            }
            try await get(app, "/quan-tri/thay-doi", bdt) { res in
                let page = res.body.string
                #expect(page.contains("Tỷ lệ đang dùng: 06661 2/3; 06706 1/3 (dân số (thử))"))
                #expect(page.contains("99/QĐ-THU") && !page.contains("Ghi thay đổi"))
            }
            // The plan keeps its own words; the page adds today's name.
            try await get(app, "/nhiem-vu/III.6.(3)", nil) { res in
                #expect(res.body.string.contains("Sở Du lịch (nay là Sở Du lịch (tên thử))"))
            }
            try await get(app, "/quan-tri/thay-doi", nil) { res in #expect(res.status == .seeOther) }
            // Hạ Long's officer is told the district ended and that the account still reads its history.
            app.today = CivilDate(year: 2026, month: 11, day: 30)!
            try await get(app, "/tai-khoan", holders.tokens[.districtOfficer]!) { res in
                #expect(res.body.string.contains("Thành phố Hạ Long (193) đã kết thúc ngày 01/07/2025. Cấp này không còn"))
            }
            try await get(app, "/tai-khoan", bdt) { res in #expect(!res.body.string.contains("đã kết thúc ngày")) }
        }
    }

    /// A district officer's scope ends with the district: in 2024 the officer reports on the district's task; once the
    /// district has ended the same request is refused and changes nothing, while its pages still read.
    @Test func aDistrictOfficerNoLongerWritesOnceTheDistrictEnded() async throws {
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            let token = holders.tokens[.districtOfficer]!
            func report(_ note: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                headers.contentType = .json
                try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: headers,
                                             body: ByteBuffer(string: "{\"status\": \"in_progress\", \"progress\": 40, \"note\": \"\(note)\"}")) { res in
                    status = res.status
                }
                return status
            }
            #expect(try await report("Năm 2024") == .created)
            app.today = CivilDate(year: 2025, month: 7, day: 1)!
            let before = try await snapshot(app.db)
            #expect(try await report("Sau khi huyện kết thúc") == .forbidden)
            #expect(try await snapshot(app.db) == before)
            try await get(app, "/nhiem-vu/III.4.(2)", token) { res in
                #expect(res.status == .ok && res.body.string.contains("Năm 2024"))
            }
        }
    }
}
