import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Each page's key content, and the form flow a browser without JavaScript goes through.
@Suite struct PageTests {
    func page(_ app: Application, _ path: String, cookie: String? = nil) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(cookie)") }
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        try await app.testing().test(.GET, path, headers: headers) { res in result = (res.status, res.body.string, res.headers) }
        return result
    }

    func signIn(_ app: Application, _ user: String) async throws -> (cookie: String, csrf: String) {
        var cookie = ""
        try await WebSession.postSignIn(app, "username=\(user)&password=\(Accountholders.password)&next=/nhiem-vu") { res in
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/nhiem-vu")
            cookie = try #require(res.headers.setCookie?[Authentication.cookieName]?.string)
        }
        let (_, body, _) = try await page(app, "/tai-khoan", cookie: cookie)
        let csrf = try #require(body.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1)
        return (cookie, String(csrf))
    }

    @Test func everyMainPageRendersItsKeyContent() async throws {
        try await withTiendo(.sqlite) { app in
            let (status, home, headers) = try await page(app, "/")
            #expect(status == .ok)
            #expect(headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            for n in 1...10 { #expect(home.contains("href=\"/ke-hoach#II.\(n)\""), "II.\(n)") }
            #expect(home.contains("<svg class=\"chart\""))
            #expect(home.contains("Báo cáo 6 tháng đầu năm 2024"))
            #expect(home.contains("UBND huyện Bình Liêu"))
            let (_, plan, _) = try await page(app, "/ke-hoach")
            for n in 1...31 { #expect(plan.contains("href=\"/nhiem-vu/PL.\(n)\""), "PL.\(n)") }
            #expect(plan.contains("dưới 10,8%"))
            #expect(plan.contains("1719/QĐ-TTg"))
            #expect(plan.contains("Chương trình hành động 4594/CTr-UBND"))
            // The plan as printed: its "Nơi nhận", its signature block and its appendix's own title.
            #expect(plan.contains("Lưu: VT, VX2."))
            #expect(plan.contains("KT. CHỦ TỊCH"))
            #expect(plan.contains("PHỤ LỤC — PHÂN CÔNG THỰC HIỆN MỘT SỐ NHIỆM VỤ CỤ THỂ"))
            #expect(plan.contains("(Kèm theo Kế hoạch số: 54/KH-UBND ngày 23/02/2024 của UBND tỉnh Quảng Ninh)"))
            let (_, tasks, _) = try await page(app, "/nhiem-vu")
            #expect(tasks.contains("91 nhiệm vụ"))
            let (_, filtered, _) = try await page(app, "/nhiem-vu?huyen=198&han-den=2024-03-31")
            #expect(filtered.contains("PL.25"))
            #expect(!filtered.contains("href=\"/nhiem-vu/PL.20\""))
            let (_, indicators, _) = try await page(app, "/chi-tieu")
            #expect(indicators.contains("id=\"II.4.4\""))
            let (_, unit, _) = try await page(app, "/don-vi/huyen/198")
            #expect(unit.contains("UBND huyện Bình Liêu"))
            let (missing, _, _) = try await page(app, "/nhiem-vu/III.99.(1)")
            #expect(missing == .notFound)
            let (english, en, _) = try await page(app, "/nhiem-vu?lang=en")
            #expect(english == .ok)
            #expect(en.contains("<html lang=\"en\">"))
            #expect(en.contains(">Tasks<"))
        }
    }

    @Test func planTextIsEscaped() async throws {
        #expect(Escape.attribute("\"><script>") == "&quot;&gt;&lt;script&gt;")
        let markup = el("a", [("title", "a\" onmouseover=\"x")], text: "<b>")
        let html = markup.render()
        #expect(html == "<a title=\"a&quot; onmouseover=&quot;x\">&lt;b&gt;</a>")
    }

    @Test(arguments: TestDatabase.available)
    func officerReportsThroughTheFormWithoutJavaScript(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            let (_, before, _) = try await page(app, "/")
            let session = try await signIn(app, "halong")
            let (_, taskPage, _) = try await page(app, "/nhiem-vu/III.4.(2)", cookie: session.cookie)
            #expect(taskPage.contains("action=\"/nhiem-vu/III.4.(2)/cap-nhat\""))
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(session.cookie)")
            let form = "csrf_token=\(session.csrf)&unit=193&status=done&progress=100&note=\(query("Đã hoàn thành sửa chữa 2 trường"))&evidenceNumber=&evidenceDate="
            try await app.testing().test(.POST, "/nhiem-vu/III.4.(2)/cap-nhat", headers: headers, body: ByteBuffer(string: form)) { res in
                #expect(res.status == .seeOther)
            }
            let (_, after, _) = try await page(app, "/nhiem-vu/III.4.(2)", cookie: session.cookie)
            #expect(after.contains("Đã hoàn thành sửa chữa 2 trường"))
            let (_, home, _) = try await page(app, "/")
            #expect(home != before)
            let row = try #require(home.firstMatch(of: /UBND thành phố Hạ Long<\/a><\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td>/))
            #expect(row.2 == "1")
            #expect(row.3 == "1")
        }
    }

    @Test(arguments: TestDatabase.available)
    func viewerSeesNoFormAndAForgedPostIsRefused(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            let session = try await signIn(app, "nguoixem")
            let (_, taskPage, _) = try await page(app, "/nhiem-vu/III.4.(2)", cookie: session.cookie)
            #expect(!taskPage.contains("/cap-nhat\""))
            let before = try await snapshot(app.db)
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(session.cookie)")
            for body in ["csrf_token=\(session.csrf)&unit=193&status=done&progress=100&note=gia",
                         "unit=193&status=done&progress=100&note=gia"] {
                try await app.testing().test(.POST, "/nhiem-vu/III.4.(2)/cap-nhat", headers: headers, body: ByteBuffer(string: body)) { res in
                    #expect(res.status == .forbidden)
                }
            }
            #expect(try await snapshot(app.db) == before)
            // Anonymous visitors read the plan but are sent to sign in for the administration.
            let (status, _, redirect) = try await page(app, "/quan-tri")
            #expect(status == .seeOther)
            #expect(redirect.first(name: .location)?.hasPrefix("/dang-nhap") == true)
        }
    }

    @Test func staticAssetsAreCachedAndLocal() async throws {
        try await withTiendo(.sqlite) { app in
            let (_, home, _) = try await page(app, "/")
            #expect(!home.contains("http://") || !home.contains("<link rel=\"stylesheet\" href=\"http"))
            #expect(!home.contains("<script>"))
            let css = try #require(home.firstMatch(of: /href="(\/static\/app\.css\?v=[0-9a-f]+)"/)?.1)
            let (status, _, headers) = try await page(app, String(css))
            #expect(status == .ok)
            #expect(headers.first(name: .cacheControl)?.contains("immutable") == true)
        }
    }

    @Test func administrationIsForAdminsAndCoordinators() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await Accountholders.create(on: app.db)
            let coordinator = try await signIn(app, "bandantoc")
            let (status, body, _) = try await page(app, "/quan-tri?doi-tuong=api_token", cookie: coordinator.cookie)
            #expect(status == .ok)
            #expect(body.contains("api_token"))
            #expect(body.contains("halong"))
            let officer = try await signIn(app, "sogtvt")
            let (refused, _, _) = try await page(app, "/quan-tri", cookie: officer.cookie)
            #expect(refused == .forbidden)
            let (_, officerHome, _) = try await page(app, "/", cookie: officer.cookie)
            #expect(!officerHome.contains("href=\"/quan-tri\""))
        }
    }

    @Test func changingThePasswordChecksTheCurrentOne() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await Accountholders.create(on: app.db)
            let session = try await signIn(app, "halong")
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(session.cookie)")
            let newPassword = "mat-khau-moi-cua-ha-long"
            try await app.testing().test(.POST, "/tai-khoan/mat-khau", headers: headers,
                                         body: ByteBuffer(string: "csrf_token=\(session.csrf)&current=sai-roi-nhe-ban&new=\(newPassword)")) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("Mật khẩu hiện tại không đúng"))
            }
            try await app.testing().test(.POST, "/tai-khoan/mat-khau", headers: headers,
                                         body: ByteBuffer(string: "csrf_token=\(session.csrf)&current=\(Accountholders.password)&new=\(newPassword)")) { res in
                #expect(res.status == .seeOther)
            }
            try await WebSession.postSignIn(app, "username=halong&password=\(newPassword)") { res in
                #expect(res.status == .seeOther)
            }
            #expect(try await AuditLog.entries(on: app.db, entity: .user).contains { $0.entityId == "halong" && $0.field == "password" && $0.newValue == "(đã đổi)" })
        }
    }
}
