import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import SQLKit
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Việc của tôi, on the seed plan on 31/12/2024: a commune's report due, sent, approved or returned with its reason;
/// the district's approvals; Ban Dân tộc's late reporters; each officer's tasks, overdue first; page and API alike.
@Suite struct MyWorkTests {
    static let obligation = "bao-cao-6-thang-2024"

    func work(_ app: Application, _ token: String) async throws -> MyWork {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        var work: MyWork?
        try await app.testing().test(.GET, "/api/v1/me/work", headers: headers) { res in
            #expect(res.status == .ok)
            work = try JSONDecoder().decode(MyWork.self, from: Data(buffer: res.body))
        }
        return try #require(work)
    }

    @Test func eachOfficerSeesTheirOwnWorkFirst() async throws {
        try await withTiendo(.sqlite) { app in
            let tokens = try await tokens([("xa", RoleGrant(role: .communeOfficer, scope: "06970")), ("bache", RoleGrant(role: .districtOfficer, scope: "202")),
                                           ("bdt", RoleGrant(role: .coordinator))], on: app.db)
            let context = AppContext(db: app.db)
            let commune = Caller(principal: Principal(username: "xa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")]), address: "x")
            let district = Caller(principal: Principal(username: "bache", grants: [RoleGrant(role: .districtOfficer, scope: "202")]), address: "x")

            // Nothing sent yet: the commune owes its half-year report, 184 days late on 31/12/2024 (due 30/06/2024 in the seed).
            let before = try await work(app, tokens["xa"]!)
            let owed = try #require(before.reportsDue.first { $0.obligation == Self.obligation && $0.reporter == "06970" })
            #expect(owed.daysLeft < 0 && owed.state == nil && before.returned.isEmpty)
            let coordinator = try await work(app, tokens["bdt"]!)
            #expect(coordinator.late.contains { $0.obligation == Self.obligation && $0.reporter == "202" && $0.daysLeft < 0 })
            #expect(coordinator.late.map(\.daysLeft) == coordinator.late.map(\.daysLeft).sorted())   // the latest first
            // Ban Dân tộc owes the consolidated report of what the others send through it: built on the report's page.
            let consolidated = try #require(coordinator.reportsDue.first { $0.obligation == Self.obligation })
            #expect(consolidated.reporter == "Ban Dân tộc" && !consolidated.figures && consolidated.reporterName.contains("tổng hợp gửi UBND tỉnh"))

            // Sent: it waits for the district, not for Ban Dân tộc; the commune owes nothing more.
            _ = try await SaveFigures(obligation: Self.obligation, reporter: "06970", period: "2024-H1",
                                      values: [EntryValue(element: "tong_so_ho", value: 1000), EntryValue(element: "ho_nuoc_sach_qcvn", value: 900)]).run(context, by: commune)
            _ = try await MoveSubmission(.submit, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: nil).run(context, by: commune)
            #expect(try await work(app, tokens["bache"]!).toApprove.map(\.reporter) == ["06970"])
            #expect(!(try await work(app, tokens["bdt"]!)).toApprove.contains { $0.reporter == "06970" })
            #expect(!(try await work(app, tokens["xa"]!)).reportsDue.contains { $0.obligation == Self.obligation })

            // Returned with a reason: the commune sees it with the reason; the district has nothing left to approve.
            _ = try await MoveSubmission(.return, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: "Thiếu số hộ nghèo").run(context, by: district)
            let returned = try await work(app, tokens["xa"]!)
            #expect(returned.returned.map(\.reason) == ["Thiếu số hộ nghèo"])
            #expect(try await work(app, tokens["bache"]!).toApprove.isEmpty)

            // Tasks: the district's, overdue first.
            let tasks = try await work(app, tokens["bache"]!).tasks
            #expect(!tasks.isEmpty && tasks.contains { $0.role == "chủ trì" })
            let overdue = tasks.firstIndex { $0.status != .overdue } ?? tasks.count
            #expect(tasks[overdue...].allSatisfy { $0.status != .overdue })

            // The page: every item a link to where it is done; signed out, the sign-in page.
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: tokens["xa"]!)
            try await app.testing().test(.GET, "/viec-cua-toi", headers: headers) { res in
                let page = res.body.string
                #expect(res.status == .ok && page.contains("Số liệu bị trả lại") && page.contains("Thiếu số hộ nghèo"))
                #expect(page.contains("/so-lieu/\(Self.obligation)/06970?ky=2024-H1"))
            }
            try await app.testing().test(.GET, "/", headers: headers) { res in
                #expect(res.body.string.contains("1 báo cáo bị trả lại"))
            }
            try await app.testing().test(.GET, "/viec-cua-toi") { res in #expect(res.status == .seeOther) }
            try await app.testing().test(.GET, "/api/v1/me/work") { res in #expect(res.status == .unauthorized) }
        }
    }

    /// The inbox: delivered notices with the unread count in the header of every page; opening it reads them.
    @Test func theInboxShowsWhatWasSentAndCountsTheUnread() async throws {
        try await withTiendo(.sqlite) { app in
            let tokens = try await tokens([("bache", RoleGrant(role: .districtOfficer, scope: "202", mapDate: CivilDate(year: 2024, month: 5, day: 1)!))], on: app.db)
            #expect(try await SendNotices(day: CivilDate(year: 2024, month: 5, day: 13)!).run(AppContext(db: app.db)).delivered == 1)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: tokens["bache"]!)
            try await app.testing().test(.GET, "/nhiem-vu", headers: headers) { res in #expect(res.body.string.contains("Thông báo (1)")) }
            try await app.testing().test(.GET, "/thong-bao", headers: headers) { res in
                #expect(res.status == .ok && res.body.string.contains("Báo cáo 6 tháng đầu năm 2024: còn 2 ngày, hạn 15/05/2024."))
                #expect(res.body.string.contains("href=\"/so-lieu/bao-cao-6-thang-2024/202?ky=2024-H1\""))
            }
            try await app.testing().test(.GET, "/nhiem-vu", headers: headers) { res in #expect(!res.body.string.contains("Thông báo (1)")) }
            try await app.testing().test(.GET, "/thong-bao") { res in #expect(res.status == .seeOther) }
        }
    }

    /// A person chooses on `/tai-khoan` how they are told; Ban Dân tộc sets the reminder rules on `/quan-tri/nhac-han`;
    /// a refused form keeps what was typed and stores nothing; every change is audited; nobody else may change them.
    @Test func peopleChooseHowTheyAreToldAndBanDanTocSetsTheRules() async throws {
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            let (district, bdt) = (holders.tokens[.districtOfficer]!, holders.tokens[.coordinator]!)
            func send(_ method: HTTPMethod, _ path: String, _ token: String, _ form: [String: String] = [:],
                      _ check: (TestingHTTPResponse) async throws -> Void) async throws {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                headers.contentType = .urlEncodedForm
                let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
                try await app.testing().test(method, path, headers: headers, body: ByteBuffer(string: body)) { try await check($0) }
            }
            func audited(_ field: String) async throws -> Int {
                try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries WHERE field = \(bind: field)").first(decodingColumn: "n", as: Int.self) ?? 0
            }

            let before = try await snapshot(app.db)
            try await send(.POST, "/tai-khoan/thong-bao", district, ["email": "halong ở ubnd", "digest": "tuan"]) { res in
                #expect(res.status == .badRequest && res.body.string.contains("không hợp lệ") && res.body.string.contains("value=\"halong ở ubnd\""))
                #expect(res.body.string.contains("<option value=\"tuan\" selected"))
            }
            #expect(try await snapshot(app.db) == before)
            try await send(.POST, "/tai-khoan/thong-bao", district, ["email": "vanphong@halong.quangninh.gov.vn", "digest": "tuan"]) { res in
                #expect(res.status == .seeOther)
            }
            #expect(try await Outbox(app.db).preferences("halong") == NoticePreferences(email: "vanphong@halong.quangninh.gov.vn", frequency: .weekly, urgentNow: false))
            let counts = [try await audited("email"), try await audited("digest"), try await audited("urgent_now")]
            #expect(counts == [1, 1, 1])
            try await send(.GET, "/tai-khoan", district) { res in
                #expect(res.body.string.contains("value=\"vanphong@halong.quangninh.gov.vn\"") && res.body.string.contains("Nhận thông báo"))
            }

            try await send(.GET, "/quan-tri/nhac-han", district) { res in #expect(res.status == .forbidden) }
            try await send(.POST, "/quan-tri/nhac-han", district, ["o0": "", "b0": "7", "r0": "7", "e0": "14", "cham": "30"]) { res in #expect(res.status == .forbidden) }
            try await send(.GET, "/quan-tri/nhac-han", bdt) { res in
                #expect(res.status == .ok && res.body.string.contains("Mặc định") && res.body.string.contains("value=\"7, 2\""))
            }
            let unchanged = try await snapshot(app.db)
            try await send(.POST, "/quan-tri/nhac-han", bdt, ["o0": "", "b0": "5, x", "d0": "1", "r0": "3", "e0": "10", "cham": "20"]) { res in
                #expect(res.status == .badRequest && res.body.string.contains("\"x\" không phải số ngày") && res.body.string.contains("value=\"5, x\""))
            }
            try await send(.POST, "/quan-tri/nhac-han", bdt, ["o0": "", "b0": "5", "r0": "0", "e0": "10", "cham": "20"]) { res in
                #expect(res.status == .badRequest && res.body.string.contains("Nhắc lại sau hạn mỗi 1 đến 90 ngày"))
            }
            #expect(try await snapshot(app.db) == unchanged)
            try await send(.POST, "/quan-tri/nhac-han", bdt, ["o0": "", "b0": "5, 1", "r0": "3", "e0": "10",
                                                               "o1": Self.obligation, "rieng1": "1", "b1": "3", "d1": "1", "r1": "7", "e1": "21",
                                                               "o2": "bao-cao-nam-2024", "b2": "9", "r2": "9", "e2": "9", "cham": "20"]) { res in
                #expect(res.status == .seeOther)
            }
            let rules = try await ShowNoticeRules().run(AppContext(db: app.db))
            #expect(rules == NoticeRules(reminders: [ReminderRule(obligation: nil, daysBefore: [5, 1], onTheDay: false, repeatEvery: 3, escalateAfter: 10),
                                                     ReminderRule(obligation: Self.obligation, daysBefore: [3], onTheDay: true, repeatEvery: 7, escalateAfter: 21)],
                                         staleTaskDays: 20))
            #expect(try await audited("value") >= 1)
            try await send(.GET, "/quan-tri/nhac-han", bdt) { res in
                #expect(res.body.string.contains("value=\"5, 1\"") && res.body.string.contains("value=\"20\""))
            }
        }
    }
}
