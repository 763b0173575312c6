import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// A district's report is its communes' figures, approved by it; the province's approval of the report carries
/// down to them. Agencies without figures to enter still send (and are counted for) their reports.
@Suite struct DistrictReportTests {
    let api = DataAPITests()
    let path = DataAPITests.path

    @Test(arguments: TestDatabase.available)
    func theDistrictSendsOnceNoCommuneWaitsAndTheProvinceApprovesAll(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let t = try await api.tokens(app)
            let figures = #"{"values": [{"element": "tong_so_ho", "value": 700}]}"#
            try await api.call(app, .POST, "\(path)/202/submit?period=2024-H1", t["bache"]!) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("Chưa có xã nào"))
            }
            for commune in ["06970", "06973"] {
                try await api.call(app, .PUT, "\(path)/\(commune)?period=2024-H1", t["bache"]!, figures) { res in #expect(res.status == .ok) }
                try await api.call(app, .POST, "\(path)/\(commune)/submit?period=2024-H1", t["bache"]!) { res in #expect(res.status == .ok) }
            }
            try await api.call(app, .POST, "\(path)/06970/approve?period=2024-H1", t["bache"]!) { res in #expect(res.status == .ok) }
            let before = try await snapshot(app.db)
            try await api.call(app, .POST, "\(path)/202/submit?period=2024-H1", t["bache"]!) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("06973"))        // still waiting for the district
            }
            #expect(try await snapshot(app.db) == before)
            try await api.call(app, .POST, "\(path)/06973/return?period=2024-H1", t["bache"]!, #"{"comment": "Số hộ chưa khớp điều tra"}"#) { res in
                #expect(res.status == .ok)
            }
            try await api.call(app, .POST, "\(path)/202/submit?period=2024-H1", t["xaA"]!) { res in #expect(res.status == .forbidden) }
            try await api.call(app, .POST, "\(path)/202/submit?period=2024-H1", t["bache"]!) { res in
                let state = try api.state(res)
                #expect(state == "submitted")
            }
            try await api.call(app, .POST, "\(path)/202/approve?period=2024-H1", t["bache"]!) { res in #expect(res.status == .forbidden) }
            try await api.call(app, .POST, "\(path)/202/approve?period=2024-H1", t["bdt"]!) { res in
                let state = try api.state(res)
                #expect(state == "approved")
            }
            let entry = DataEntry(app.db)
            #expect(try await entry.load(obligation: "bao-cao-6-thang-2024", reporter: "06970", period: "2024-H1").state == .approved)
            #expect(try await entry.load(obligation: "bao-cao-6-thang-2024", reporter: "06973", period: "2024-H1").state == .returned)
            let cascade = try await AuditLog.entries(on: app.db, entity: .submission, user: "bdt", since: nil).map(\.entityId)
            #expect(cascade == ["bao-cao-6-thang-2024 · 202 · 2024-H1", "bao-cao-6-thang-2024 · 06970 · 2024-H1"])
            #expect(Set(try await entry.approvedValues(planId: SeedData.planID).map(\.unitCode)) == ["06970"])

            // The district's page: its own report on time, and each commune's.
            try await app.testing().test(.GET, "/don-vi/huyen/202") { res in
                let page = res.body.string
                #expect(page.contains("Các xã báo cáo huyện"))
                let own = try #require(page.firstMatch(of: /Báo cáo 6 tháng đầu năm 2024<\/a><\/td>(.*?)<\/tr>/.dotMatchesNewlines()))
                #expect(own.1.contains("muộn") && own.1.contains("đã duyệt"))   // sent today, after 15/05/2024
                let communes = String(page[page.range(of: "Các xã báo cáo huyện")!.upperBound...])
                let row = try #require(communes.firstMatch(of: /Báo cáo 6 tháng đầu năm 2024<\/a><\/td>(.*?)<\/tr>/.dotMatchesNewlines()))
                let cells = row.1.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.1) }
                #expect(cells.count == 5, "\(cells)")
                #expect(cells.first == "8")                            // Ba Chẽ's communes on 15/05/2024
                #expect(cells.last == "1")                             // approved: 06970 only
                #expect(page.contains("Xã Minh Cầm"))
                #expect(page.contains("không còn trên bản đồ ngày 15/11/2024"))   // merged into Lương Minh on 01/11/2024
            }
        }
    }

    @Test func anAgencyWithoutFiguresSendsItsReportAndCounts() async throws {
        try await withTiendo(.sqlite) { app in
            let t = try await api.tokens(app)
            let setup = Actor(username: "kiểm thử", address: nil)
            try await Accounts(app.db).create(username: "sonv", passwordHash: try BcryptHasher().hash(Accountholders.password),
                                              grant: RoleGrant(role: .agencyOfficer, scope: "Sở Nội vụ"), by: setup)
            let token = try await Credentials(app.db).createToken(for: "sonv", expiresOn: nil, by: setup).token
            let agency = "Sở Nội vụ".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            try await api.call(app, .POST, "\(path)/\(agency)/submit?period=2024-H1", token) { res in
                let state = try api.state(res)
                #expect(state == "submitted", "\(res.body.string)")
            }
            // Sở Giáo dục has figures to enter: it may not send an empty report.
            let education = "Sở Giáo dục và Đào tạo".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            try await api.call(app, .POST, "\(path)/\(education)/submit?period=2024-H1", t["sogd"]!) { res in #expect(res.status == .badRequest) }
            try await app.testing().test(.GET, "/don-vi/co-quan/\(agency)") { res in
                #expect(res.body.string.contains("Báo cáo số liệu"))
                #expect(res.body.string.contains("đúng hạn") || res.body.string.contains("muộn"))
            }
        }
    }
}
