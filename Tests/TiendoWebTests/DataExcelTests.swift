import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoReports
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// The Excel template round trip over the API and the web, and the district's grid of its communes.
@Suite struct DataExcelTests {
    static let obligation = "bao-cao-6-thang-2024"
    let api = DataAPITests()

    func download(_ app: Application, _ reporter: String, _ token: String) async throws -> Data {
        var data = Data()
        try await api.call(app, .GET, "/api/v1/data/\(Self.obligation)/\(reporter)/xlsx?period=2024-H1", token) { res in
            #expect(res.status == .ok, "\(res.body.string)")
            #expect(res.headers.contentDisposition?.filename?.hasSuffix(".xlsx") == true)
            data = Data(buffer: res.body)
        }
        return data
    }

    func upload(_ app: Application, _ reporter: String, _ token: String, _ file: Data,
                _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        try await app.testing().test(.PUT, "/api/v1/data/\(Self.obligation)/\(reporter)/xlsx?period=2024-H1", headers: headers,
                                     body: ByteBuffer(data: file)) { try await check($0) }
    }

    /// The template with the value column set on the lines of `figures` (commune|element → value).
    func filled(_ data: Data, _ figures: [String: Workbook.Cell]) throws -> Data {
        let sheet = try XLSXReader.read(data)
        let columns = DataSheet.Column.allCases.count
        let rows: [[Workbook.Cell]] = (1...sheet.lastRow).map { r in
            let key = "\(sheet.value(row: r, column: 0)?.asText ?? "")|\(sheet.value(row: r, column: 2)?.asText ?? "")"
            return (0..<columns).map { column -> Workbook.Cell in
                if column == DataSheet.Column.value.rawValue, r >= DataSheet.firstDataRow, let cell = figures[key] { return cell }
                switch sheet.value(row: r, column: column) {
                case let .text(t)?: return .text(t)
                case let .number(n)?: return .integer(Int(n)!)
                default: return .empty
                }
            }
        }
        return try Workbook(sheets: [.init(name: DataSheet.sheetName, rows: rows)]).data()
    }

    @Test(arguments: TestDatabase.available)
    func aDistrictFillsItsCommunesInOneUploadAllOrNothing(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let t = try await api.tokens(app)
            let template = try await download(app, "202", t["bache"]!)
            let sheet = try XLSXReader.read(template, sheet: DataSheet.sheetName)
            let reporters = Set((DataSheet.firstDataRow...sheet.lastRow).compactMap { sheet.value(row: $0, column: 0)?.asText })
            #expect(reporters == ["06970", "06973", "06976", "06979", "06982", "06985", "06988", "06991"])

            // Bad cells anywhere refuse the whole file, naming each cell; nothing changes.
            let before = try await snapshot(app.db)
            let bad = try filled(template, ["06970|tong_so_ho": .integer(1_000), "06973|tong_so_ho": .text("nhiều"),
                                            "06976|tong_so_ho": .integer(100), "06976|ho_nuoc_sach_qcvn": .integer(120)])
            try await upload(app, "202", t["bache"]!, bad) { res in
                #expect(res.status == .badRequest)
                let issues = try res.content.get([UploadIssue].self, at: "issues")
                #expect(issues.count == 1 && issues[0].cell.hasPrefix("H"), "\(issues)")
            }
            let ratio = try filled(template, ["06970|tong_so_ho": .integer(1_000), "06976|tong_so_ho": .integer(100), "06976|ho_nuoc_sach_qcvn": .integer(120)])
            try await upload(app, "202", t["bache"]!, ratio) { res in
                #expect(res.status == .badRequest)
                let issues = try res.content.get([UploadIssue].self, at: "issues")
                #expect(issues.map(\.message).contains { $0.contains("lớn hơn") }, "\(issues)")
            }
            try await upload(app, "202", t["bache"]!, Data("không phải Excel".utf8)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("không phải là tệp Excel"))
            }
            // Another district's officer, and a commune, may not upload the district's template.
            try await upload(app, "202", t["xaB"]!, ratio) { res in #expect(res.status == .forbidden) }
            #expect(try await snapshot(app.db) == before)

            let good = try filled(template, ["06970|tong_so_ho": .integer(1_000), "06976|tong_so_ho": .text("1.200"),
                                             "06976|ho_nuoc_sach_qcvn": .integer(1_100)])
            try await upload(app, "202", t["bache"]!, good) { res in #expect(res.status == .ok, "\(res.body.string)") }
            let entry = DataEntry(app.db)
            let first = try await entry.load(obligation: Self.obligation, reporter: "06970", period: "2024-H1")
            let third = try await entry.load(obligation: Self.obligation, reporter: "06976", period: "2024-H1")
            #expect(first.values.map(\.value) == [1_000])
            #expect(Set(third.values.map(\.value)) == [1_200, 1_100])
            let audited = try await AuditLog.entries(on: app.db, entity: .dataValue, user: "bache", since: nil)
            #expect(audited.count == 3)

            // The commune sends and its district approves: its lines are locked, yet the district's template still uploads.
            _ = try await MoveSubmission(.submit, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: nil)
                .run(AppContext(db: app.db), by: Caller(principal: Principal(username: "bache", grants: [RoleGrant(role: .districtOfficer, scope: "202")]), address: "kiểm thử"))
            let again = try await download(app, "202", t["bache"]!)
            let refilled = try filled(again, ["06973|tong_so_ho": .integer(640)])
            try await upload(app, "202", t["bache"]!, refilled) { res in #expect(res.status == .ok, "\(res.body.string)") }
            let changedLocked = try filled(again, ["06970|tong_so_ho": .integer(999)])
            try await upload(app, "202", t["bache"]!, changedLocked) { res in #expect(res.status == .conflict, "the commune's figures were sent meanwhile") }
            #expect(try await entry.load(obligation: Self.obligation, reporter: "06970", period: "2024-H1").values.map(\.value) == [1_000])
        }
    }

    @Test func theWebUploadAndTheDistrictGrid() async throws {
        try await withTiendo(.sqlite) { app in
            let t = try await api.tokens(app)
            let session = try await WebSession.signIn(app, "bache")
            let template = try await download(app, "202", t["bache"]!)
            let file = try filled(template, ["06979|tong_so_ho": .integer(321)])
            let boundary = "----tiendo-test"
            var body = Data()
            for (name, value) in [("csrf_token", session.csrf), ("ky", "2024-H1")] {
                body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"so-lieu.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file + Data("\r\n--\(boundary)--\r\n".utf8)
            try await app.testing().test(.POST, "/so-lieu/\(Self.obligation)/202/excel",
                                         headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": session.cookieHeader],
                                         body: ByteBuffer(data: body)) { res in
                #expect(res.status == .seeOther, "\(res.body.string)")
            }
            #expect(try await DataEntry(app.db).load(obligation: Self.obligation, reporter: "06979", period: "2024-H1").values.map(\.value) == [321])

            // The grid: every commune's figures on one page, saved together, approved together once sent.
            try await app.testing().test(.GET, "/so-lieu/\(Self.obligation)/202/xa?ky=2024-H1", headers: ["Cookie": session.cookieHeader]) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("name=\"v_06979_tong_so_ho\""))
                #expect(res.body.string.contains("value=\"321\""))
            }
            let form = "ky=2024-H1&v_06970_tong_so_ho=800&v_06970_ho_nuoc_sach_qcvn=700&v_06973_tong_so_ho=1.500&v_06979_tong_so_ho=321"
            try await session.post(app, "/so-lieu/\(Self.obligation)/202/xa", form) { res in #expect(res.status == .seeOther, "\(res.body.string)") }
            let before = try await snapshot(app.db)
            try await session.post(app, "/so-lieu/\(Self.obligation)/202/xa", "ky=2024-H1&v_06970_tong_so_ho=800&v_06970_ho_nuoc_sach_qcvn=900") { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("lớn hơn"))
            }
            #expect(try await snapshot(app.db) == before)
            let entry = DataEntry(app.db)
            #expect(try await entry.load(obligation: Self.obligation, reporter: "06973", period: "2024-H1").values.map(\.value) == [1_500])
            let commune = Principal(username: "xaa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")])
            _ = try await MoveSubmission(.submit, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: nil)
                .run(AppContext(db: app.db), by: Caller(principal: commune, address: "kiểm thử"))
            try await session.post(app, "/so-lieu/\(Self.obligation)/202/xa/duyet", "ky=2024-H1") { res in #expect(res.status == .seeOther) }
            #expect(try await entry.load(obligation: Self.obligation, reporter: "06970", period: "2024-H1").state == .districtApproved)
            #expect(try await entry.load(obligation: Self.obligation, reporter: "06973", period: "2024-H1").state == .draft)
        }
    }
}

/// A signed-in browser session: its cookie and CSRF token.
struct WebSession {
    var cookie: String
    var csrf: String
    var cookieHeader: String { "\(Authentication.cookieName)=\(cookie)" }

    static func signIn(_ app: Application, _ user: String) async throws -> WebSession {
        var cookie = ""
        try await postSignIn(app, "username=\(user)&password=\(Accountholders.password)") { res in
            cookie = res.headers.setCookie?[Authentication.cookieName]?.string ?? ""
        }
        var csrf = ""
        try await app.testing().test(.GET, "/tai-khoan", headers: ["Cookie": "\(Authentication.cookieName)=\(cookie)"]) { res in
            csrf = String(res.body.string.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1 ?? "")
        }
        return WebSession(cookie: cookie, csrf: csrf)
    }

    /// Posts the sign-in form as a browser does: the form is fetched first for its token and cookie.
    static func postSignIn(_ app: Application, _ body: String, headers extra: HTTPHeaders = [:],
                           _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var token = "", cookie = ""
        try await app.testing().test(.GET, "/dang-nhap") { res in
            token = String(res.body.string.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1 ?? "")
            cookie = res.headers.setCookie?[SignInToken.cookieName]?.string ?? ""
        }
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(SignInToken.cookieName)=\(cookie)"]
        headers.add(contentsOf: extra)
        try await app.testing().test(.POST, "/dang-nhap", headers: headers, body: ByteBuffer(string: "csrf_token=\(token)&" + body)) { try await check($0) }
    }

    func post(_ app: Application, _ path: String, _ body: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookieHeader]
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: "csrf_token=\(csrf)&" + body)) { try await check($0) }
    }
}
