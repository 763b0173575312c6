import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// What an attacker or a careless user sends: redirect targets, control characters in free text, repeated
/// elements, weak passwords. Each is refused (or made harmless) with a message naming the field, and nothing is stored.
@Suite struct HostileInputTests {
    func bearer(_ token: String) -> HTTPHeaders { .bearerJSON(token) }

    @Test func redirectTargetsStayOnThisSite() {
        for evil in ["/\r\nSet-Cookie: pwn=1", "/\n", "/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example",
                     "javascript:alert(1)", "", "evil", "/\u{0}x", "/\u{85}x"] {
            #expect(RedirectTarget.path(evil) == "/", "\(evil.debugDescription)")
        }
        #expect(RedirectTarget.path(nil) == "/")
        #expect(RedirectTarget.path("/nhiem-vu?co-quan=Sở Y tế") == "/nhiem-vu?co-quan=S%E1%BB%9F%20Y%20t%E1%BA%BF")
        #expect(RedirectTarget.path("/so-lieu/bao-cao-6-thang-2024/193?ky=2024-H1&da-luu=1") == "/so-lieu/bao-cao-6-thang-2024/193?ky=2024-H1&da-luu=1")
    }

    @Test func theLanguageSwitchCannotInjectHeadersOrLeave() async throws {
        try await withTiendo(.sqlite) { app in
            for next in ["%2F%0D%0ASet-Cookie%3A%20pwn%3D1", "%2F%09%2Fevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example"] {
                try await app.testing().test(.GET, "/ngon-ngu?lang=en&next=\(next)") { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location) == "/", "\(next)")
                    #expect(res.headers[.setCookie].allSatisfy { !$0.contains("pwn") })
                }
            }
            try await app.testing().test(.GET, "/ngon-ngu?lang=en&next=%2Fnhiem-vu%3Fnhom%3DIII.4") { res in
                #expect(res.headers.first(name: .location) == "/nhiem-vu?nhom=III.4")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func controlCharactersInFreeTextAreRefusedNamingTheField(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            let district = holders.tokens[.districtOfficer]!
            let before = try await snapshot(app.db)
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: bearer(district),
                                         body: ByteBuffer(string: #"{"status": "in_progress", "progress": 40, "note": "Đã khảo sát\u0000 phần còn lại"}"#)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("note"))
            }
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: bearer(district),
                                         body: ByteBuffer(string: #"{"status": "in_progress", "progress": 40, "note": "x", "evidenceNumber": "12/QĐ\u001b"}"#)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("evidenceNumber"))
            }
            #expect(try await snapshot(app.db) == before)
            // Text that is allowed is stored exactly as it was hashed: decomposed input comes back composed.
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: bearer(district),
                                         body: ByteBuffer(string: #"{"status": "in_progress", "progress": 40, "note": "Đa\u0303 kha\u0309o sa\u0301t\ndòng hai"}"#)) { res in
                #expect(res.status == .created)
                let note = try? res.content.get(String.self, at: "note")
                #expect(note == "Đã khảo sát\ndòng hai")
            }
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func figuresRefuseARepeatedElementAndControlCharactersInComments(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            let commune = holders.tokens[.communeOfficer]!
            let path = "/api/v1/data/bao-cao-6-thang-2024/06649?period=2024-H1"
            let before = try await snapshot(app.db)
            try await app.testing().test(.PUT, path, headers: bearer(commune),
                                         body: ByteBuffer(string: #"{"values": [{"element": "tong_so_ho", "value": 10}, {"element": "tong_so_ho", "value": 12}]}"#)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("tong_so_ho"))
            }
            try await app.testing().test(.PUT, path, headers: bearer(commune),
                                         body: ByteBuffer(string: #"{"values": [{"element": "tong_so_ho", "value": 10, "comment": "số\u0000liệu"}]}"#)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("comment"))
            }
            #expect(try await snapshot(app.db) == before)
        }
    }

    @Test func passwordsOfSpacesOrControlCharactersAreRefused() throws {
        let policy = LoginPolicy.standard
        #expect(throws: AppError.self) { try policy.checkPassword(String(repeating: " ", count: 12)) }
        #expect(throws: AppError.self) { try policy.checkPassword("mat-khau-dai\u{0}sau-nul") }
        #expect(throws: AppError.self) { try policy.checkPassword(String(repeating: "ă", count: 40)) }   // 80 bytes: bcrypt reads 72
        try policy.checkPassword("một mật khẩu đủ dài")
    }

    @Test func evidenceNamesCannotBreakTheDownloadHeader() throws {
        #expect(throws: AppError.self) {
            _ = try EvidenceUpload(content: Data("%PDF-1.4".utf8), fileName: "bien-ban.pdf\r\nSet-Cookie: x=1", contentType: "application/pdf")
        }
        let upload = try EvidenceUpload(content: Data("%PDF-1.4".utf8), fileName: " ../Biên bản số 12.pdf ", contentType: "application/pdf")
        #expect(upload.fileName == ".._Biên bản số 12.pdf")
    }
}

extension HostileInputTests {
    @Test(arguments: TestDatabase.available)
    func aFigureTooLargeToAddUpIsRefused(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            let before = try await snapshot(app.db)
            try await app.testing().test(.PUT, "/api/v1/data/bao-cao-6-thang-2024/06649?period=2024-H1", headers: bearer(holders.tokens[.communeOfficer]!),
                                         body: ByteBuffer(string: #"{"values": [{"element": "tong_so_ho", "value": 9223372036854775807}]}"#)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("giới hạn hợp lý"))
            }
            #expect(try await snapshot(app.db) == before)
        }
    }

    /// A coordinator's set of figures for every district is larger than a small JSON default allows.
    @Test func aLargeRealFigureSetIsNotRefusedForItsSize() async throws {
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            let values = (0..<1_200).map { i in #"{"element": "tong_so_ho", "unitCode": "X\#(i)", "value": \#(i), "comment": "ghi chú dài cho đủ cỡ"}"# }
            let body = #"{"values": ["# + values.joined(separator: ",") + "]}"
            #expect(body.utf8.count > 52_000)
            try await app.testing().test(.PUT, "/api/v1/data/bao-cao-6-thang-2024/06649?period=2024-H1", headers: bearer(holders.tokens[.communeOfficer]!),
                                         body: ByteBuffer(string: body)) { res in
                #expect(res.status != .payloadTooLarge, "\(res.status)")
            }
        }
    }
}

extension HostileInputTests {
    /// A page or a program renamed to .pdf is not stored; real files of each type are.
    @Test func evidenceBytesMustBeWhatTheTypeClaims() throws {
        let html = Data("<html><script>alert(1)</script></html>".utf8)
        let exe = Data([0x4D, 0x5A, 0x90, 0x00]) + Data(count: 60)
        for (bytes, type) in [(html, "application/pdf"), (exe, "application/pdf"), (html, "image/png"), (exe, "image/jpeg"),
                              (Data("PK\u{3}\u{4}not an office file".utf8), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")] {
            #expect(throws: AppError.self, "\(type)") { _ = try EvidenceUpload(content: bytes, fileName: "bien-ban.pdf", contentType: type) }
        }
        _ = try EvidenceUpload(content: Data("%PDF-1.7\n".utf8), fileName: "a.pdf", contentType: "application/pdf")
        _ = try EvidenceUpload(content: Data([0xFF, 0xD8, 0xFF, 0xE0]), fileName: "a.jpg", contentType: "image/jpeg")
        _ = try EvidenceUpload(content: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), fileName: "a.png", contentType: "image/png")
        let docx = Data("PK\u{3}\u{4}....[Content_Types].xml....word/document.xml".utf8)
        _ = try EvidenceUpload(content: docx, fileName: "a.docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(throws: AppError.self) {
            _ = try EvidenceUpload(content: docx, fileName: "a.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    @Test func downloadNamesAreEncodedNotCopied() {
        let header = Download.disposition("Báo cáo \"quý\"\r\nSet-Cookie: x=1.docx")
        #expect(!header.contains("\r") && !header.contains("\n"))
        #expect(header.hasPrefix("attachment; filename=\"B"))
        #expect(header.contains("filename*=UTF-8''B%C3%A1o"))
    }
}

extension HostileInputTests {
    static let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]

    /// Guesses sent at once are each counted before any password is hashed: no more get through than the limit.
    @Test(arguments: TestDatabase.available)
    func parallelGuessesAreCountedBeforeHashing(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            app.loginPolicy = LoginPolicy(accountFailures: 5, addressFailures: 1000, windowMinutes: 15, lockAfter: 1000, minimumPasswordLength: 12)
            _ = try await Accountholders.create(on: app.db)
            let statuses = await withTaskGroup(of: UInt.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var status: UInt = 0
                        try? await app.testing().test(.POST, "/login", headers: Self.form,
                                                      body: ByteBuffer(string: "username=halong&password=sai-mat-khau-roi")) { status = $0.status.code }
                        return status
                    }
                }
                return await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 7, "\(statuses)")
        }
    }

    /// Changing the password signs out every other session of the account, and says so.
    @Test(arguments: TestDatabase.available)
    func aNewPasswordEndsTheOtherSessions(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            func signIn() async throws -> String {
                var cookie = ""
                try await app.testing().test(.POST, "/login", headers: Self.form,
                                             body: ByteBuffer(string: "username=halong&password=\(Accountholders.password)")) { res in
                    cookie = res.headers.setCookie?[Authentication.cookieName]?.string ?? ""
                }
                return cookie
            }
            let (phone, laptop) = (try await signIn(), try await signIn())
            let credentials = Credentials(app.db)
            let csrf = try #require(try await credentials.session(cookie: laptop)?.csrfToken)
            var headers = Self.form
            headers.add(name: .cookie, value: "\(Authentication.cookieName)=\(laptop)")
            try await app.testing().test(.POST, "/tai-khoan/mat-khau", headers: headers,
                                         body: ByteBuffer(string: "csrf_token=\(csrf)&current=\(Accountholders.password)&new=mot-mat-khau-moi-hon")) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/tai-khoan?da-doi=1")
            }
            #expect(try await credentials.session(cookie: phone) == nil)
            #expect(try await credentials.session(cookie: laptop) != nil)
        }
    }

    @Test func forwardedAddressesCountOnlyBehindATrustedProxy() {
        let proxy: Set<String> = ["10.0.0.2"]
        #expect(TrustedProxies.client(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: proxy) == "203.0.113.9")
        #expect(TrustedProxies.client(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 198.51.100.7"], trusted: proxy) == "198.51.100.7")
        #expect(TrustedProxies.client(peer: "10.0.0.2", forwardedFor: [], trusted: proxy) == "10.0.0.2")
    }

    /// Login CSRF: a sign-in post without its form's token, or made by a page of another site, signs nobody in;
    /// the form comes back with the name typed.
    @Test func signInTakesOnlyItsOwnFormFromThisSite() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await Accountholders.create(on: app.db)
            let good = "username=halong&password=\(Accountholders.password)"
            try await app.testing().test(.POST, "/dang-nhap", headers: Self.form, body: ByteBuffer(string: good)) { res in
                #expect(res.status == .forbidden)
                #expect(res.headers.setCookie?[Authentication.cookieName] == nil)
                #expect(res.body.string.contains(#"value="halong""#))
            }
            try await WebSession.postSignIn(app, good, headers: ["Origin": "https://evil.example", "Host": "tiendo.example"]) { res in
                #expect(res.status == .forbidden)
                #expect(res.headers.setCookie?[Authentication.cookieName] == nil)
            }
            var evil = Self.form
            evil.add(name: "Sec-Fetch-Site", value: "cross-site")
            try await app.testing().test(.POST, "/login", headers: evil, body: ByteBuffer(string: good)) { res in #expect(res.status == .forbidden) }
            try await WebSession.postSignIn(app, good, headers: ["Origin": "https://tiendo.example", "Host": "tiendo.example"]) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.setCookie?[Authentication.cookieName] != nil)
            }
        }
    }

    /// After as many failures as lock an account, an unknown name answers exactly as a locked one: 423 tells nothing.
    @Test func aLockedAccountAndAnUnknownNameAnswerAlike() async throws {
        try await withTiendo(.sqlite) { app in
            app.loginPolicy = LoginPolicy(accountFailures: 1000, addressFailures: 1000, windowMinutes: 15, lockAfter: 3, minimumPasswordLength: 12)
            _ = try await Accountholders.create(on: app.db)
            func answers(_ name: String) async throws -> [UInt] {
                var statuses: [UInt] = []
                for _ in 0..<5 {
                    try await app.testing().test(.POST, "/login", headers: Self.form,
                                                 body: ByteBuffer(string: "username=\(name)&password=sai-mat-khau-roi")) { statuses.append($0.status.code) }
                }
                return statuses
            }
            let real = try await answers("halong"), unknown = try await answers("khong-co-ai")
            #expect(real == [401, 401, 401, 423, 423])
            #expect(unknown == real)
        }
    }

    /// PostgreSQL refusing connections: every request answers 503 in Vietnamese (JSON for the API, a page for
    /// browsers) instead of 500, and once the server takes connections again the next request succeeds by itself.
    @Test func aDatabaseOutageAnswers503AndRecovers() async throws {
        guard TestDatabase.available.contains(.postgres), let base = TestDatabase.postgresURL else { return }
        try await withTiendo(.postgres) { app in
            let holders = try await Accountholders.create(on: app.db)
            let headers = bearer(holders.tokens[.districtOfficer]!)
            let sql = try #require(app.db as? any SQLDatabase)
            let name = try #require(try await sql.raw("SELECT current_database() AS name").first(decodingColumn: "name", as: String.self))
            try await TestDatabase.admin(base, "ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS false")
            try await TestDatabase.admin(base, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
            try await app.testing().test(.GET, "/api/v1/session", headers: headers) { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("Cơ sở dữ liệu tạm thời không trả lời"))
                #expect(res.headers.first(name: .retryAfter) == "30")
            }
            try await app.testing().test(.GET, "/tai-khoan", headers: headers) { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("<html"))
            }
            // The probes: alive, not ready.
            try await app.testing().test(.GET, "/healthz") { res in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/readyz") { res in
                #expect(res.status == .serviceUnavailable && res.body.string.contains("cơ sở dữ liệu không trả lời"))
            }
            try await TestDatabase.admin(base, "ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS true")
            try await app.testing().test(.GET, "/api/v1/session", headers: headers) { res in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/readyz") { res in #expect(res.status == .ok && res.body.string == "ok\n") }
        }
    }

    /// A database whose schema is behind this build (a migration not run) is not ready: 503 naming the step.
    @Test func readinessNamesAMigrationNotRun() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/readyz") { res in #expect(res.status == .ok) }
            try await (app.db as! any SQLDatabase).raw("DELETE FROM _fluent_migrations WHERE name LIKE '%AddNoticeDelivery'").run()
            try await app.testing().test(.GET, "/readyz") { res in
                #expect(res.status == .serviceUnavailable && res.body.string.contains("AddNoticeDelivery"))
            }
            try await app.testing().test(.GET, "/healthz") { res in #expect(res.status == .ok && res.body.string == "ok\n") }
        }
    }

    /// The server's log is JSON lines an operator can filter by the request id each response names; a log line
    /// with quotes, line breaks or Vietnamese stays one valid line; an unknown LOG_LEVEL is refused.
    @Test func logsAreJSONLinesWithTheRequestId() async throws {
        final class Lines: @unchecked Sendable { var all: [String] = []; let lock = NSLock() }
        let lines = Lines()
        let logger = Logger(label: "tiendo.test") { label in
            JSONLinesLogHandler(label: label, level: .info) { line in lines.lock.withLock { lines.all.append(line) } }
        }
        var scoped = logger
        scoped[metadataKey: "request-id"] = "9F2C"
        scoped.debug("không ghi")
        scoped.info("Đã gửi \"báo cáo\"\nxong", metadata: ["user": "halong", "count": .stringConvertible(3)])
        let hostile = "a\u{0}b\u{85}\u{1B}[31mc\\d\u{7F}\u{2028}é\r\t/"
        scoped.warning("\(hostile)", metadata: ["path": .string(hostile), "list": ["x", .dictionary(["k": "v\""])]])
        #expect(lines.all.count == 2 && lines.all.allSatisfy { $0.hasSuffix("\n") && !$0.dropLast().contains { $0.isNewline } })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: Any])
        #expect(object["request-id"] as? String == "9F2C" && object["level"] as? String == "info" && object["user"] as? String == "halong")
        #expect(object["message"] as? String == "Đã gửi \"báo cáo\"\nxong" && object["count"] as? String == "3")
        #expect((object["time"] as? String)?.hasSuffix("+07:00") == true)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == hostile && second["path"] as? String == hostile)
        #expect((second["list"] as? [Any])?.count == 2 && ((second["list"] as? [Any])?.last as? [String: String])?["k"] == "v\"")
        #expect(try JSONLinesLogHandler.level(from: ["LOG_LEVEL": "Debug"], fallback: .info) == .debug)
        #expect(try JSONLinesLogHandler.level(from: [:], fallback: .notice) == .notice)
        #expect(throws: JSONLinesLogHandler.LogLevelInvalid.self) { try JSONLinesLogHandler.level(from: ["LOG_LEVEL": "verbose"], fallback: .info) }
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/healthz") { res in
                #expect((res.headers.first(name: "X-Request-Id") ?? "").count >= 8)
            }
        }
    }

    /// Every request leaves one line at `info` with its status and the id its response names, kept pages and
    /// refusals included; the query string (a sign-in link's token) stays out of the log.
    @Test func everyRequestIsLoggedOnceWithItsId() async throws {
        final class Lines: @unchecked Sendable { var all: [[String: Any]] = []; let lock = NSLock() }
        let lines = Lines()
        try await withTiendo(.sqlite) { app in
            app.logger = Logger(label: "tiendo.test") { label in
                JSONLinesLogHandler(label: label, level: .info) { line in
                    let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
                    lines.lock.withLock { lines.all.append(object) }
                }
            }
            var ids: [String] = []
            for path in ["/nhiem-vu", "/nhiem-vu", "/api/v1/plans/khong-co", "/dang-nhap?token=bi-mat-123"] {
                try await app.testing().test(.GET, path) { res in ids.append(res.headers.first(name: "X-Request-Id") ?? "") }
            }
            let logged = lines.lock.withLock { lines.all.filter { $0["path"] != nil } }
            #expect(logged.map { $0["request-id"] as? String ?? "" } == ids, "\(logged)")
            #expect(logged.map { $0["status"] as? String ?? "" } == ["200", "200", "404", "200"])
            #expect(logged.map { $0["path"] as? String ?? "" } == ["/nhiem-vu", "/nhiem-vu", "/api/v1/plans/khong-co", "/dang-nhap"])
            #expect(!logged.contains { "\($0)".contains("bi-mat-123") })
            #expect(logged.allSatisfy { Double($0["ms"] as? String ?? "") != nil })
        }
    }

    /// A Prometheus scrape: requests by route and status with their latency histogram, and Tiendo's own counters.
    @Test func metricsAreScrapedInPrometheusFormat() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/nhiem-vu") { res in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/api/v1/plans/khong-co") { res in #expect(res.status == .notFound) }
            _ = try await SendNotices(day: CivilDate(year: 2024, month: 5, day: 13)!, mail: nil).run(AppContext(db: app.db))
            try await app.testing().test(.GET, "/metrics") { res in
                let text = res.body.string
                #expect(res.status == .ok && res.headers.contentType?.parameters["version"] == "0.0.4")
                #expect(text.contains(#"http_requests_total{method="GET",path="/nhiem-vu",status="200"}"#), "\(text.prefix(2000))")
                #expect(text.contains(#"status="404""#) && text.contains("http_request_duration_seconds_bucket{"))
                #expect(text.contains("# TYPE tiendo_notice_runs_total counter") && text.contains("tiendo_write_wait_seconds_count"))
                #expect(text.contains("tiendo_db_up 1") && text.contains("tiendo_db_query_seconds "))
                // Listed before any import: an alert on it sees a number from the first scrape.
                #expect(text.contains("# TYPE tiendo_households_imported_total counter"))
            }
        }
    }

    /// Text that turns the line around it or hides in it is dropped from pages and download names, kept as stored.
    @Test func invisibleControlsAreDroppedOnDisplay() async throws {
        let name = "bao-cao\u{202E}fdp.exe"
        #expect(FreeText.displayable(name) == "bao-caofdp.exe")
        #expect(FreeText.displayable("Nguy\u{200B}ễn Văn\u{FEFF} A – 1.500.000 đồng") == "Nguyễn Văn A – 1.500.000 đồng")
        #expect(FreeText.displayable("a\u{0}b\u{1}c\u{7F}\td\r\ne") == "abc\td\r\ne")
        #expect(!Download.disposition(name).contains("%E2%80%AE"))
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: bearer(holders.tokens[.districtOfficer]!),
                                         body: ByteBuffer(string: #"{"status": "in_progress", "progress": 40, "note": "Đã khảo sát\u202Eabc"}"#)) { res in
                #expect(res.status == .created)
            }
            try await app.testing().test(.GET, "/nhiem-vu/III.4.(2)") { res in
                #expect(res.body.string.contains("Đã khảo sátabc"))
                #expect(!res.body.string.unicodeScalars.contains("\u{202E}"))
            }
            // A NUL typed into an address is not echoed by the "not found" page.
            for path in ["/cong-trinh/%00abc", "/nhiem-vu/%00abc"] {
                try await app.testing().test(.GET, path) { res in
                    #expect(res.status == .notFound && res.body.string.contains("abc") && !res.body.string.unicodeScalars.contains("\u{0}"), "\(path)")
                }
            }
        }
    }

    /// Served over HTTPS (directly or behind a proxy that says so), every response tells the browser to stay on HTTPS.
    @Test func httpsResponsesCarryHSTS() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/", headers: ["X-Forwarded-Proto": "https"]) { res in
                #expect(res.headers.first(name: .strictTransportSecurity) == "max-age=31536000")
            }
            try await app.testing().test(.GET, "/") { res in #expect(res.headers.first(name: .strictTransportSecurity) == nil) }
        }
    }
}
