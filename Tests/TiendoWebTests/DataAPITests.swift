import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Entering figures, the checks that refuse them whole, and the way up from commune to province.
@Suite struct DataAPITests {
    static let path = "/api/v1/data/bao-cao-6-thang-2024"

    func tokens(_ app: Application) async throws -> [String: String] {
        try await TiendoTestSupport.tokens([("xaA", RoleGrant(role: .communeOfficer, scope: "06970")), ("xaB", RoleGrant(role: .communeOfficer, scope: "06649")),
                                            ("bache", RoleGrant(role: .districtOfficer, scope: "202")), ("bdt", RoleGrant(role: .coordinator)),
                                            ("sogd", RoleGrant(role: .agencyOfficer, scope: "Sở Giáo dục và Đào tạo"))], on: app.db)
    }

    func call(_ app: Application, _ method: HTTPMethod, _ path: String, _ token: String, _ body: String? = nil,
              _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .json
        try await app.testing().test(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) { try await check($0) }
    }

    func state(_ res: TestingHTTPResponse) throws -> String? { try res.content.get(String.self, at: "state") }

    @Test(arguments: TestDatabase.available)
    func fromCommuneToProvince(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let t = try await tokens(app)
            let commune = "\(DataAPITests.path)/06970?period=2024-H1"
            let good = #"{"values": [{"element": "tong_so_ho", "value": 1000}, {"element": "ho_nuoc_sach_qcvn", "value": 900}]}"#
            try await call(app, .PUT, commune, t["xaA"]!, good) { res in
                #expect(res.status == .ok, "\(res.body.string)")
                let found = try state(res)
                #expect(found == "draft")
            }
            // Refused whole: a numerator above its denominator, an element that is not the commune's to enter,
            // another commune's figures, a period that does not parse.
            let before = try await snapshot(app.db)
            try await call(app, .PUT, commune, t["xaA"]!, #"{"values": [{"element": "tong_so_ho", "value": 1000}, {"element": "ho_nuoc_sach_qcvn", "value": 1100}]}"#) { res in
                #expect(res.status == .badRequest)
                let issues = try res.content.get([DataIssue].self, at: "issues")
                #expect(issues.map(\.rule) == ["ratio"])
            }
            try await call(app, .PUT, commune, t["xaA"]!, #"{"values": [{"element": "lao_dong", "value": 10}]}"#) { res in
                #expect(res.status == .badRequest)
                let found = try res.content.get([DataIssue].self, at: "issues").map(\.rule)
                #expect(found == ["source"])
            }
            try await call(app, .PUT, commune, t["xaB"]!, good) { res in #expect(res.status == .forbidden) }
            try await call(app, .PUT, "\(DataAPITests.path)/06970?period=2024-H3", t["xaA"]!, good) { res in #expect(res.status == .badRequest) }
            #expect(try await snapshot(app.db) == before)

            try await call(app, .POST, "\(DataAPITests.path)/06970/submit?period=2024-H1", t["xaA"]!) { res in
                let found = try state(res)
                #expect(found == "submitted")
            }
            try await call(app, .PUT, commune, t["xaA"]!, good) { res in #expect(res.status == .conflict) }      // submitted: no edits
            try await call(app, .POST, "\(DataAPITests.path)/06970/approve?period=2024-H1", t["bdt"]!) { res in #expect(res.status == .conflict) }
            try await call(app, .POST, "\(DataAPITests.path)/06970/approve?period=2024-H1", t["bache"]!) { res in
                let found = try state(res)
                #expect(found == "districtApproved")
            }
            try await call(app, .POST, "\(DataAPITests.path)/06970/approve?period=2024-H1", t["bdt"]!) { res in
                let found = try state(res)
                #expect(found == "approved")
            }
            try await call(app, .PUT, commune, t["xaA"]!, good) { res in #expect(res.status == .conflict) }      // locked
            try await call(app, .POST, "\(DataAPITests.path)/06970/reopen?period=2024-H1", t["bdt"]!) { res in #expect(res.status == .badRequest) }
            let approved = try await DataEntry(app.db).approvedValues(planId: SeedData.planID)
            #expect(Set(approved.map(\.value)) == [1000, 900])
            try await call(app, .POST, "\(DataAPITests.path)/06970/reopen?period=2024-H1", t["bdt"]!, #"{"comment": "Cục Thống kê điều chỉnh số hộ"}"#) { res in
                let found = try state(res)
                #expect(found == "draft")
            }
            #expect(try await DataEntry(app.db).approvedValues(planId: SeedData.planID).isEmpty)
            let steps = try await AuditLog.entries(on: app.db, entity: .submission).map { "\($0.oldValue ?? "")→\($0.newValue ?? "")" }
            #expect(steps == ["draft→submitted", "submitted→districtApproved", "districtApproved→approved", "approved→draft"])
            #expect(try await AuditLog.entries(on: app.db, entity: .submission).last?.reason == "Cục Thống kê điều chỉnh số hộ")
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func agenciesEnterTheirOwnElementsForEachDistrict(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let t = try await tokens(app)
            let body = #"{"values": [{"element": "co_so_giao_duc", "unitCode": "202", "value": 40}, {"element": "co_so_giao_duc_dat", "unitCode": "202", "value": 38}]}"#
            try await call(app, .PUT, "\(DataAPITests.path)/\(query("Sở Giáo dục và Đào tạo"))?period=2024-H1", t["sogd"]!, body) { res in
                #expect(res.status == .ok, "\(res.body.string)")
            }
            try await call(app, .PUT, "\(DataAPITests.path)/\(query("Sở Giáo dục và Đào tạo"))?period=2024-H1", t["sogd"]!,
                           #"{"values": [{"element": "tong_so_ho", "unitCode": "06970", "value": 1}]}"#) { res in
                #expect(res.status == .badRequest)
            }
        }
    }

    @Test func warningsNeedAComment() async throws {
        try await withTiendo(.sqlite) { app in
            let t = try await tokens(app)
            for year in ["2021", "2022", "2023"] {
                try await call(app, .PUT, "\(DataAPITests.path)/06970?period=\(year)", t["xaA"]!, #"{"values": [{"element": "tong_so_ho", "value": 1000}]}"#) { res in
                    #expect(res.status == .ok)
                }
            }
            let jump = "\(DataAPITests.path)/06970?period=2024"
            try await call(app, .PUT, jump, t["xaA"]!, #"{"values": [{"element": "tong_so_ho", "value": 9000}]}"#) { res in
                #expect(res.status == .badRequest)
                let found = try res.content.get([DataIssue].self, at: "issues").map(\.rule)
                #expect(found == ["outlier"])
            }
            try await call(app, .PUT, jump, t["xaA"]!, #"{"values": [{"element": "tong_so_ho", "value": 9000, "comment": "Sáp nhập thêm 3 thôn"}]}"#) { res in
                #expect(res.status == .ok)
                let found = try res.content.get([EntryValue].self, at: "values").first?.comment
                #expect(found == "Sáp nhập thêm 3 thôn")
            }
        }
    }

    @Test func approvedFiguresReachTheHomePageWithTheirStatus() async throws {
        try await withTiendo(.sqlite) { app in
            let t = try await tokens(app)
            let commune = "\(DataAPITests.path)/06970?period=2024-H1"
            try await call(app, .PUT, commune, t["xaA"]!, #"{"values": [{"element": "tong_so_ho", "value": 1000}, {"element": "ho_nuoc_sach_qcvn", "value": 900}]}"#) { _ in }
            var home = ""
            try await app.testing().test(.GET, "/") { res in home = res.body.string }
            #expect(!home.contains("t-met"))                      // drafts do not count
            for (who, action) in [("xaA", "submit"), ("bache", "approve"), ("bdt", "approve")] {
                try await call(app, .POST, "\(DataAPITests.path)/06970/\(action)?period=2024-H1", t[who]!) { res in #expect(res.status == .ok) }
            }
            try await app.testing().test(.GET, "/") { res in home = res.body.string }
            let row = try #require(home.firstMatch(of: /Tỷ lệ hộ gia đình sử dụng nước sạch đáp ứng QCVN 01-1:2018\/BYT<\/a><\/td>.*?<\/tr>/.dotMatchesNewlines()))
            #expect(row.0.contains(">90 (1/177 xã)<"), "the figure says it rests on one commune of 177")
            #expect(row.0.contains("badge t-met"))
            // Completeness: Ba Chẽ's commune reported for the 6-month obligation, but districts and agencies are expected.
            let sixMonths = try #require(home.firstMatch(of: /Báo cáo 6 tháng đầu năm 2024<\/td>(.*?)<\/tr>/.dotMatchesNewlines()))
            let cells = sixMonths.1.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.1) }
            #expect(Int(cells[2]) ?? 0 > 13)          // 13 districts plus the provincial agencies
            #expect(cells[3] == "0" && cells[4] == "0")   // a commune is not among the expected reporters of this obligation
            try await app.testing().test(.GET, "/chi-tieu") { res in
                #expect(res.body.string.contains("mục tiêu &gt; 70 % trước 31/12/2024: đạt."))
            }
        }
    }

    /// The same way through web forms, without JavaScript: a commune enters and sends, its district approves.
    @Test func throughTheWebForms() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await tokens(app)
            func signIn(_ user: String) async throws -> WebSession { try await WebSession.signIn(app, user) }
            func post(_ session: WebSession, _ path: String, _ body: String,
                      _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                try await session.post(app, path, body, check)
            }
            let commune = try await signIn("xaa")
            try await app.testing().test(.GET, "/so-lieu", headers: ["Cookie": "\(Authentication.cookieName)=\(commune.cookie)"]) { res in
                #expect(res.body.string.contains("/so-lieu/bao-cao-6-thang-2024/06970?ky=2024-H1"))
            }
            let path = "/so-lieu/bao-cao-6-thang-2024/06970"
            let rows = "ky=2024-H1&element[]=tong_so_ho&unit[]=06970&value[]=1.000&comment[]=&element[]=ho_nuoc_sach_qcvn&unit[]=06970&value[]=%@&comment[]="
            try await post(commune, path, rows.replacingOccurrences(of: "%@", with: "1200")) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("lớn hơn Tổng số hộ"))
            }
            try await post(commune, path, rows.replacingOccurrences(of: "%@", with: "850")) { res in #expect(res.status == .seeOther) }
            try await app.testing().test(.GET, "\(path)?ky=2024-H1", headers: ["Cookie": "\(Authentication.cookieName)=\(commune.cookie)"]) { res in
                #expect(res.body.string.contains("value=\"850\""))
                #expect(res.body.string.contains("value=\"1.000\""), "stored figures are shown the Vietnamese way")
                #expect(res.body.string.contains("value=\"submit\""))
                #expect(!res.body.string.contains("value=\"approve\""))
            }
            try await post(commune, path + "/buoc", "ky=2024-H1&action=submit&comment=") { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "\(path)?ky=2024-H1&buoc=submit")
            }
            try await app.testing().test(.GET, "\(path)?ky=2024-H1&buoc=submit", headers: ["Cookie": "\(Authentication.cookieName)=\(commune.cookie)"]) { res in
                #expect(res.body.string.contains("Đã gửi."), "the banner says what happened, not just \"Đã lưu\"")
            }
            let district = try await signIn("bache")
            try await post(district, path + "/buoc", "ky=2024-H1&action=return&comment=") { res in #expect(res.status == .badRequest) }
            try await post(district, path + "/buoc", "ky=2024-H1&action=approve&comment=") { res in #expect(res.status == .seeOther) }
            #expect(try await DataEntry(app.db).load(obligation: "bao-cao-6-thang-2024", reporter: "06970", period: "2024-H1").state == .districtApproved)
        }
    }

    /// A refused save shows back every value and comment as typed, each problem next to its field in words
    /// (unit · element: what is wrong), and stores nothing.
    @Test func aRefusedSaveKeepsEverythingTyped() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await tokens(app)
            let commune = try await WebSession.signIn(app, "xaa")
            let path = "/so-lieu/bao-cao-6-thang-2024/06970"
            let before = try await snapshot(app.db)
            let rows = "ky=2024-H1&element[]=tong_so_ho&unit[]=06970&value[]=1.000&comment[]=s%E1%BB%91%20h%E1%BB%99%20th%C3%A1ng%206"
                + "&element[]=ho_nuoc_sach_qcvn&unit[]=06970&value[]=1200&comment[]=theo%20tr%E1%BA%A1m%20y%20t%E1%BA%BF"
                + "&element[]=nhan_khau&unit[]=06970&value[]=12a&comment[]="
            try await commune.post(app, path, rows) { res in
                #expect(res.status == .badRequest)
                let page = res.body.string
                #expect(page.contains(#"value="1.000""#))
                #expect(page.contains(#"value="12a""#))
                #expect(page.contains(#"value="số hộ tháng 6""#))
                #expect(page.contains(#"aria-invalid="true""#))
                #expect(page.contains("\"12a\" không phải số nguyên"))
                #expect(!page.contains("[06970"))
            }
            try await commune.post(app, path, rows.replacingOccurrences(of: "12a", with: "4000")) { res in
                #expect(res.status == .badRequest)
                let page = res.body.string
                #expect(page.contains(#"value="1200""#))
                #expect(page.contains(#"value="theo trạm y tế""#))
                #expect(page.contains("· Số hộ sử dụng nước sạch") || page.contains("lớn hơn Tổng số hộ"))
                #expect(page.contains(#"class="field-error""#))
            }
            #expect(try await snapshot(app.db) == before)
        }
    }

    /// An agency with no figure to enter gets a sentence saying what to do, not an empty table and a Save button.
    @Test func aFormWithNothingToFillSaysWhatToDo() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await tokens(app)
            let coordinator = try await WebSession.signIn(app, "bdt")
            let path = "/so-lieu/bao-cao-nam-2024/" + "Sở Nội vụ".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "?ky=2024"
            try await app.testing().test(.GET, path, headers: ["Cookie": coordinator.cookieHeader]) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("không có số liệu nào để Sở Nội vụ nhập"))
                #expect(!res.body.string.contains(">Lưu</button>"))
            }
        }
    }
}

