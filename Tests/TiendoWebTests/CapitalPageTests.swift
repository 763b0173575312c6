import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoReports
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// `/nguon-von` and `/api/v1/capital`: the funnel written the way officials write it, for the plan year and cut-off
/// chosen; the works the plan names are listed with no figure invented.
@Suite struct CapitalPageTests {
    @Test func theFunnelAndTheWorksReadAsOfADate() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/nguon-von") { res in
                #expect(res.status == .ok && res.body.string.contains("Chưa có dòng vốn nào"))
                #expect(res.body.string.contains("Dự án cải tạo, nâng cấp, mở rộng Quốc lộ 279") && res.body.string.contains("chưa có số liệu"))
            }
            let finance = Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "kiểm thử")
            let context = AppContext(db: app.db)
            let line = CapitalLine(id: "2024-DA4-GT", year: 2024, project: 4, capitalType: .investment, source: "nstw", origin: .assigned,
                                   holder: .agency("Sở Giao thông vận tải"))
            try await AddCapitalLine(line).run(context, by: finance)
            try await RecordCapitalEvent(CapitalEvent(lineId: line.id, kind: .assign, amount: Dong(981_947_000_000),
                                                      decision: CapitalDecision(number: "1/QĐ-UBND", date: CivilDate(year: 2024, month: 1, day: 10)!, issuer: "UBND tỉnh")))
                .run(context, by: finance)
            try await RecordDisbursement(Disbursement(lineId: line.id, month: CivilDate(year: 2024, month: 5, day: 31)!, disbursed: Dong(381_822_000_000), reportedBy: ""))
                .run(context, by: finance, today: CivilDate(year: 2024, month: 6, day: 3)!)
            try await app.testing().test(.GET, "/nguon-von?nam=2024&ngay=2024-06-30") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("381.822/981.947 triệu đồng (38,88 %)"))
                #expect(res.body.string.contains("Sở Giao thông vận tải") && res.body.string.contains("1/QĐ-UBND ngày 10/01/2024"))
            }
            try await app.testing().test(.GET, "/nguon-von?nam=2024&ngay=2024-04-30") { res in
                #expect(res.body.string.contains("0/981.947 triệu đồng (0,00 %)"))   // May's month is after the cut-off
            }
            try await app.testing().test(.GET, "/api/v1/capital?as-of=2025-02-01&year=2024") { res in
                let body = res.body.string
                #expect(res.status == .ok && body.contains("\"disbursed\":381822000000") && body.contains("\"lapsed\":600125000000"))
            }
            try await app.testing().test(.GET, "/api/v1/capital?year=abc") { res in #expect(res.status == .badRequest) }
            try await app.testing().test(.GET, "/nguon-von?ngay=hom-nay") { res in #expect(res.status == .badRequest) }
            try await app.testing().test(.GET, "/cong-trinh/III.4.(1).1") { res in
                #expect(res.status == .ok && res.body.string.contains("Quốc lộ 279") && res.body.string.contains("Chưa có quyết định phân bổ vốn"))
            }
            try await app.testing().test(.GET, "/cong-trinh/khong-co") { res in #expect(res.status == .notFound) }
            // Once the work has an investor, its months appear on its page, and a month not reported by the 25th is a follow-up.
            let coordinator = Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử")
            var work = try #require(try await CapitalBook(app.db).works().first { $0.code == "III.4.(1).1" })
            (work.investor, work.status) = (.agency("Sở Giao thông vận tải"), .underway)
            try await UpdateWork(work).run(context, by: finance)
            try await ReportWorkProgress(WorkProgress(workCode: work.code, month: CivilDate(year: 2024, month: 11, day: 30)!, valueDone: Dong(5_000_000_000),
                                                      disbursed: Dong(4_000_000_000), physicalPercent: 35, landCleared: ExactNumber("12,5"),
                                                      landNeeded: ExactNumber(40), causes: "Vướng mặt bằng", reportedBy: ""))
                .run(context, by: coordinator, today: CivilDate(year: 2024, month: 12, day: 2)!)
            try await app.testing().test(.GET, "/cong-trinh/III.4.(1).1") { res in
                let page = res.body.string
                #expect(page.contains("35 %") && page.contains("12,5/40") && page.contains("Vướng mặt bằng") && page.contains("<polyline"))
                #expect(page.contains("chưa báo cáo tháng 12/2024"))   // the server's day is 31/12/2024
            }
            try await app.testing().test(.GET, "/nguon-von?nam=2024") { res in #expect(res.body.string.contains("Công trình cần đôn đốc")) }
        }
    }

    /// The work's chủ đầu tư reports its month from the page, without JavaScript; a refused form keeps what was typed;
    /// another agency sees no form and its forged post is refused.
    @Test func theInvestorReportsAMonthFromThePage() async throws {
        try await withTiendo(.sqlite) { app in
            let tokens = try await tokens([("sogtvt", RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")),
                                           ("soyte", RoleGrant(role: .agencyOfficer, scope: "Sở Y tế")), ("bdt", RoleGrant(role: .coordinator))], on: app.db)
            var work = try #require(try await CapitalBook(app.db).works().first { $0.code == "III.4.(1).1" })
            (work.investor, work.status) = (.agency("Sở Giao thông vận tải"), .underway)
            try await UpdateWork(work).run(AppContext(db: app.db), by: Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "x"))
            func send(_ token: String, _ form: [String: String], _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                headers.contentType = .urlEncodedForm
                try await app.testing().test(.POST, "/cong-trinh/III.4.(1).1/bao-cao", headers: headers,
                                             body: ByteBuffer(string: form.map { "\($0.key)=\(query($0.value))" }.joined(separator: "&"))) { try await check($0) }
            }
            func page(_ token: String) async throws -> String {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                var body = ""
                try await app.testing().test(.GET, "/cong-trinh/III.4.(1).1", headers: headers) { body = $0.body.string }
                return body
            }
            #expect(try await page(tokens["sogtvt"]!).contains("Báo cáo tiến độ tháng"))
            #expect(!(try await page(tokens["soyte"]!)).contains("Báo cáo tiến độ tháng"))
            let typed = ["month": "2024-11", "valueDone": "5.000.000.000", "disbursed": "4.000.000.000", "percent": "140",
                         "landCleared": "12,5", "landNeeded": "40", "causes": "Vướng mặt bằng đoạn Km3"]
            let before = try await snapshot(app.db)
            try await send(tokens["sogtvt"]!, typed) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("value=\"5.000.000.000\"") && res.body.string.contains("Vướng mặt bằng đoạn Km3"))
            }
            try await send(tokens["soyte"]!, typed.merging(["percent": "35"]) { $1 }) { res in #expect(res.status == .forbidden) }
            #expect(try await snapshot(app.db) == before)
            try await send(tokens["sogtvt"]!, typed.merging(["percent": "35"]) { $1 }) { res in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/cong-trinh/III.4.(1).1?da-gui=1")
            }
            #expect(try await CapitalBook(app.db).progress().map(\.physicalPercent) == [35])
            // Ban Dân tộc approves the month from the table; the investor sees it waiting and cannot approve it.
            #expect(try await page(tokens["sogtvt"]!).contains("chờ duyệt"))
            func approve(_ who: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: tokens[who]!)
                headers.contentType = .urlEncodedForm
                try await app.testing().test(.POST, "/cong-trinh/III.4.(1).1/duyet", headers: headers, body: ByteBuffer(string: "month=2024-11")) { try await check($0) }
            }
            try await approve("sogtvt") { res in #expect(res.status == .forbidden) }
            #expect(try await page(tokens["bdt"]!).contains("Duyệt tháng 11/2024"))
            try await approve("bdt") { res in #expect(res.status == .seeOther) }
            #expect(try await page(tokens["sogtvt"]!).contains("đã duyệt (bdt)"))
        }
    }

    /// The finance side opens a line, records its decision and imports a month from a spreadsheet on the page; the
    /// line's holder records a month; a refused form keeps what was typed and stores nothing; an account with no line
    /// and no right to manage capital gets no forms and its posts are refused.
    @Test func capitalIsEnteredFromThePages() async throws {
        try await withTiendo(.sqlite) { app in
            let tokens = try await tokens([("stc", RoleGrant(role: .financeOfficer)),
                                           ("sogtvt", RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")),
                                           ("soyte", RoleGrant(role: .agencyOfficer, scope: "Sở Y tế"))], on: app.db)
            func headers(_ who: String, _ type: HTTPMediaType = .urlEncodedForm) -> HTTPHeaders {
                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: tokens[who]!)
                h.contentType = type
                return h
            }
            func post(_ who: String, _ form: String, _ fields: [String: String], _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                try await app.testing().test(.POST, "/nguon-von/nhap/\(form)", headers: headers(who),
                                             body: ByteBuffer(string: fields.map { "\($0.key)=\(query($0.value))" }.joined(separator: "&"))) { try await check($0) }
            }
            try await app.testing().test(.GET, "/nguon-von/nhap", headers: headers("sogtvt")) { res in #expect(res.status == .forbidden) }
            try await post("stc", "dong-von", ["id": "2024-DA4-GT", "year": "2024", "project": "4", "capitalType": "dtpt", "source": "nstw",
                                               "holder": "Sở Giao thông vận tải"]) { res in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/nguon-von/nhap?da-ghi=dong-von")
            }
            try await post("stc", "quyet-dinh", ["decisionLine": "2024-DA4-GT", "kind": "giao", "amount": "981.947.000.000", "number": "1/QĐ-UBND",
                                                 "date": "2024-01-10", "issuer": "UBND tỉnh"]) { res in #expect(res.status == .seeOther) }
            // The holder sees the month form only; an overrun without a comment comes back as typed, nothing stored.
            try await app.testing().test(.GET, "/nguon-von/nhap", headers: headers("sogtvt")) { res in
                #expect(res.status == .ok && res.body.string.contains("Ghi giải ngân tháng") && !res.body.string.contains("Mở dòng vốn"))
            }
            let before = try await snapshot(app.db)
            try await post("sogtvt", "giai-ngan", ["line": "2024-DA4-GT", "month": "2024-05", "disbursed": "990.000.000.000"]) { res in
                #expect(res.status == .badRequest && res.body.string.contains("value=\"990.000.000.000\"") && res.body.string.contains("vượt kế hoạch vốn"))
            }
            try await post("soyte", "giai-ngan", ["line": "2024-DA4-GT", "month": "2024-05", "disbursed": "1"]) { res in #expect(res.status == .forbidden) }
            try await post("sogtvt", "dong-von", ["id": "x", "year": "2024", "source": "nstw", "holder": "Sở Y tế"]) { res in #expect(res.status == .forbidden) }
            #expect(try await snapshot(app.db) == before)
            try await post("sogtvt", "giai-ngan", ["line": "2024-DA4-GT", "month": "2024-05", "disbursed": "300.000.000.000"]) { res in
                #expect(res.status == .seeOther)
            }
            // The finance side's cumulative figure for June, from its own layout (line id in B, cumulative in triệu đồng in D).
            let sheet = try Workbook(sheets: [Workbook.Sheet(name: "Báo cáo", rows: [["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ"].map { .text($0, .header) },
                                                                                     [.integer(1), .text("2024-DA4-GT"), .integer(981_947), .integer(381_822), .text("")]])]).data()
            let boundary = "----tiendo-von"
            var body = ByteBuffer()
            for (name, value) in [("cutoff", "2024-06"), ("layout", "cot"), ("keyColumn", "B"), ("amountColumn", "D"), ("firstRow", "2"), ("unit", "trieu")] {
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            }
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"giai-ngan.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(sheet)
            body.writeString("\r\n--\(boundary)--\r\n")
            try await app.testing().test(.POST, "/nguon-von/nhap/tep", headers: headers("stc", HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])),
                                         body: body) { res in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/nguon-von/nhap?da-ghi=tep&so-dong=1", "\(res.body.string.prefix(400))")
            }
            let june = try await CapitalBook(app.db).funnel(asOf: CivilDate(year: 2024, month: 6, day: 30)!, year: 2024)
            #expect(june.lines[0].disbursed == Dong(381_822_000_000))
            try await app.testing().test(.GET, "/nguon-von/nhap/mau?nam=2024", headers: headers("stc")) { res in
                #expect(res.status == .ok && res.headers.contentType == Download.xlsx && res.body.readableBytes > 1000)
            }
        }
    }

    /// The same writes through the API, in đồng as JSON integers; a work's month and its photo; what each refuses.
    @Test func moneyAndWorkMonthsAreWrittenThroughTheAPI() async throws {
        try await withTiendo(.sqlite) { app in
            let tokens = try await tokens([("stc", RoleGrant(role: .financeOfficer)),
                                           ("sogtvt", RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")),
                                           ("soyte", RoleGrant(role: .agencyOfficer, scope: "Sở Y tế"))], on: app.db)
            func send(_ method: HTTPMethod, _ who: String, _ path: String, json: String? = nil, bytes: [UInt8]? = nil, type: String = "application/json",
                      _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: tokens[who]!)
                headers.replaceOrAdd(name: .contentType, value: type)
                let body = json.map { ByteBuffer(string: $0) } ?? ByteBuffer(bytes: bytes ?? [])
                try await app.testing().test(method, path, headers: headers, body: body) { try await check($0) }
            }
            try await send(.POST, "stc", "/api/v1/capital/lines", json: #"{"id":"2024-DA4-GT","year":2024,"project":4,"capitalType":"investment","source":"nstw","holderAgency":"Sở Giao thông vận tải"}"#) {
                #expect($0.status == .created)
            }
            try await send(.POST, "stc", "/api/v1/capital/lines/2024-DA4-GT/events", json: #"{"kind":"tang","amount":1,"decisionNumber":"1","decisionDate":"2024-01-10","issuer":"UBND tỉnh"}"#) {
                #expect($0.status == .badRequest)
            }
            try await send(.POST, "stc", "/api/v1/capital/lines/2024-DA4-GT/events", json: #"{"kind":"giao","amount":981947000000,"decisionNumber":"1/QĐ-UBND","decisionDate":"2024-01-10","issuer":"UBND tỉnh"}"#) {
                #expect($0.status == .created)
            }
            try await send(.POST, "soyte", "/api/v1/capital/lines/2024-DA4-GT/disbursements", json: #"{"month":"2024-05","disbursed":1}"#) { #expect($0.status == .forbidden) }
            try await send(.POST, "sogtvt", "/api/v1/capital/lines/2024-DA4-GT/disbursements", json: #"{"month":"2024-05","disbursed":9223372036854775807}"#) {
                #expect($0.status == .badRequest)
            }
            try await send(.POST, "sogtvt", "/api/v1/capital/lines/2024-DA4-GT/disbursements", json: #"{"month":"2024-05","disbursed":381822000000}"#) {
                #expect($0.status == .created)
            }
            try await app.testing().test(.GET, "/api/v1/capital?year=2024") { res in #expect(res.body.string.contains("381.822/981.947 triệu đồng (38,88 %)")) }

            var work = try #require(try await CapitalBook(app.db).works().first { $0.code == "III.4.(1).1" })
            (work.investor, work.status) = (.agency("Sở Giao thông vận tải"), .underway)
            try await UpdateWork(work).run(AppContext(db: app.db), by: Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "x"))
            let month = #"{"month":"2024-11","valueDone":5000000000,"disbursed":4000000000,"physicalPercent":35,"landCleared":"12,5","landNeeded":"40"}"#
            try await send(.POST, "soyte", "/api/v1/works/III.4.(1).1/progress", json: month) { #expect($0.status == .forbidden) }
            try await send(.POST, "sogtvt", "/api/v1/works/III.4.(1).1/progress", json: month) { #expect($0.status == .created) }
            try await send(.POST, "sogtvt", "/api/v1/works/III.4.(1).1/progress", json: month) { #expect($0.status == .conflict) }
            let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 64)
            try await send(.POST, "sogtvt", "/api/v1/works/III.4.(1).1/progress/2024-10/photos?name=anh.jpg", bytes: jpeg, type: "image/jpeg") { #expect($0.status == .notFound) }
            try await send(.POST, "sogtvt", "/api/v1/works/III.4.(1).1/progress/2024-11/photos?name=anh.jpg", bytes: [0x89, 0x50, 0x4E, 0x47], type: "image/jpeg") {
                #expect($0.status == .badRequest)
            }
            try await send(.POST, "soyte", "/api/v1/works/III.4.(1).1/progress/2024-11/photos?name=anh.jpg", bytes: jpeg, type: "image/jpeg") { #expect($0.status == .forbidden) }
            try await send(.POST, "sogtvt", "/api/v1/works/III.4.(1).1/progress/2024-11/photos?name=c%C3%B4ng%20tr%C6%B0%E1%BB%9Dng.jpg", bytes: jpeg, type: "image/jpeg") {
                #expect($0.status == .created)
            }
            let photos = try await WorkPhotos(app.db).list(work: "III.4.(1).1")
            #expect(photos.map(\.fileName) == ["công trường.jpg"] && photos[0].month == CivilDate(year: 2024, month: 11, day: 30)!)
            try await send(.GET, "soyte", "/api/v1/works/III.4.(1).1/progress") { res in
                #expect(res.status == .ok && res.body.string.contains("\"physicalPercent\":35") && res.body.string.contains("công trường.jpg"))
            }
            try await send(.GET, "soyte", "/api/v1/works/III.4.(1).1/photos/\(photos[0].id)") { res in
                #expect(res.status == .ok && Array(res.body.readableBytesView) == jpeg && res.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
            try await send(.GET, "soyte", "/api/v1/works/III.4.(1).2/photos/\(photos[0].id)") { res in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "/cong-trinh/III.4.(1).1") { res in
                #expect(res.body.string.contains("đăng nhập để xem") && !res.body.string.contains("công trường.jpg"))
            }
            try await send(.GET, "sogtvt", "/cong-trinh/III.4.(1).1") { res in
                #expect(res.body.string.contains("/cong-trinh/III.4.(1).1/anh/\(photos[0].id)") && res.body.string.contains("Đính kèm ảnh hiện trường"))
            }
        }
    }
}
