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

/// Several plans side by side: a district's own plan imported and published through the API, chosen by `?plan=` and
/// `?ke-hoach=` or by the reader's level, shown under the province's task it implements, and counted as the plan V.4
/// asks for.
@Suite struct PlanChoiceTests {
    static let child = "kh-35-ubnd-2024"

    func tokens(_ app: Application) async throws -> [String: String] {
        try await TiendoTestSupport.tokens([("bdt", RoleGrant(role: .coordinator)), ("binhlieu", RoleGrant(role: .districtOfficer, scope: "198")),
                                            ("halong", RoleGrant(role: .districtOfficer, scope: "193"))], on: app.db)
    }

    func call(_ app: Application, _ method: HTTPMethod, _ path: String, _ token: String?, body: Data? = nil, json: Bool = false,
              _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.contentType = json ? .json : .plainText
        try await app.testing().test(method, path, headers: headers, body: body.map { ByteBuffer(data: $0) }) { try await check($0) }
    }

    func codes(_ res: TestingHTTPResponse) throws -> [String] {
        let rows = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [[String: Any]] ?? []
        return rows.compactMap { $0["code"] as? String }
    }

    @Test(arguments: TestDatabase.available)
    func aDistrictPlanGoesInThroughTheAPIAndIsChosenByLevelOrByName(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let t = try await tokens(app)
            let file = PlanFixtures.districtPlan(lead: "UBND huyện Bình Liêu")
            let create = "/api/v1/plan-drafts?name=kh-35.txt&parent=\(SeedData.planID)"
            // Another district may not store Bình Liêu's plan, nor may anyone signed out; nothing is written.
            let before = try await snapshot(app.db)
            try await call(app, .POST, create, t["halong"]!, body: file) { res in #expect(res.status == .forbidden, "\(res.body.string)") }
            try await call(app, .POST, create, nil, body: file) { res in #expect(res.status == .unauthorized) }
            try await call(app, .POST, "/api/v1/plan-drafts?name=kh.txt", t["binhlieu"]!, body: Data("Không phải kế hoạch".utf8)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("KẾ HOẠCH"))
            }
            #expect(try await snapshot(app.db) == before)

            var draftId = 0
            try await call(app, .POST, create, t["binhlieu"]!, body: file) { res in
                #expect(res.status == .created, "\(res.body.string)")
                draftId = try res.content.get(Int.self, at: "id")
                #expect(try res.content.get([String: [String]].self, at: "draft", "implements") == ["III.1.(1)": ["III.6.(3)"], "III.1.(2)": ["III.2.(2)"]])
            }
            // Corrected through the API: the reviewer's title is what gets published; Hạ Long may not correct it.
            var draft = Data()
            try await call(app, .GET, "/api/v1/plan-drafts/\(draftId)", t["binhlieu"]!) { res in
                #expect(res.status == .ok)
                draft = Data(buffer: res.body)
            }
            var object = try #require(try JSONSerialization.jsonObject(with: draft) as? [String: Any])
            var inner = try #require(object["draft"] as? [String: Any]), document = try #require(inner["document"] as? [String: Any])
            var plan = try #require(document["plan"] as? [String: Any])
            plan["title"] = "Kế hoạch thực hiện Chương trình năm 2024 trên địa bàn huyện Bình Liêu"
            document["plan"] = plan; inner["document"] = document; object = ["draft": inner]
            let corrected = try JSONSerialization.data(withJSONObject: object)
            try await call(app, .PUT, "/api/v1/plan-drafts/\(draftId)", t["halong"]!, body: corrected, json: true) { res in #expect(res.status == .forbidden) }
            try await call(app, .PUT, "/api/v1/plan-drafts/\(draftId)", t["binhlieu"]!, body: corrected, json: true) { res in
                #expect(res.status == .ok, "\(res.body.string)")
            }
            try await call(app, .POST, "/api/v1/plan-drafts/\(draftId)/publish", t["halong"]!) { res in #expect(res.status == .forbidden) }
            try await call(app, .POST, "/api/v1/plan-drafts/\(draftId)/publish", t["binhlieu"]!) { res in
                #expect(res.status == .created, "\(res.body.string)")
                let id = try res.content.get(String.self, at: "planId")
                #expect(id == Self.child)
            }
            try await call(app, .POST, "/api/v1/plan-drafts/\(draftId)/publish", t["binhlieu"]!) { res in #expect(res.status == .conflict || res.status == .badRequest) }
            try await call(app, .GET, "/api/v1/plans/\(Self.child)", nil) { res in
                let title = try res.content.get(String.self, at: "plan", "title")
                #expect(title.hasSuffix("huyện Bình Liêu"))
            }

            // Named, the plan is that one; unnamed, each reader gets the plan of their own level.
            let province = try await PlanRepository(app.db).document(id: SeedData.planID)!
            try await call(app, .GET, "/api/v1/tasks?plan=\(Self.child)", nil) { res in
                let found = try codes(res)
                #expect(found == ["III.1.(1)", "III.1.(2)"])
            }
            try await call(app, .GET, "/api/v1/tasks", t["binhlieu"]!) { res in
                let found = try codes(res)
                #expect(found == ["III.1.(1)", "III.1.(2)"])
            }
            try await call(app, .GET, "/api/v1/tasks", t["halong"]!) { res in
                let found = try codes(res)
                #expect(found.count == province.sectionTasks.count + province.appendix.count)
            }
            try await call(app, .GET, "/api/v1/tasks?plan=khong-co", nil) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("khong-co"))
            }
            // Reporting stays on the plan that asks for the reports: Bình Liêu's figures go to the province's obligations.
            try await call(app, .GET, "/api/v1/data/bao-cao-6-thang-2024/198?period=2024-H1", t["binhlieu"]!) { res in #expect(res.status == .ok, "\(res.body.string)") }

            // A progress update on the district's own task, by name of its plan.
            try await call(app, .POST, "/api/v1/tasks/III.1.(1)/updates?plan=\(Self.child)", t["binhlieu"]!,
                            body: Data(#"{"status": "in_progress", "progress": 40, "note": "Đã khảo sát 3 bản"}"#.utf8), json: true) { res in
                #expect(res.status == .created, "\(res.body.string)")
            }
            try await call(app, .GET, "/api/v1/tasks/III.1.(1)/status?plan=\(Self.child)", t["bdt"]!) { res in
                let status = try res.content.get(String.self, at: "status")
                #expect(status == "in_progress")
            }
            // The province's task page lists the district's task with where it stands.
            try await app.testing().test(.GET, "/nhiem-vu/III.6.(3)") { res in
                #expect(res.status == .ok)
                let page = res.body.string
                #expect(page.contains("35/KH-UBND"))
                #expect(page.contains("UBND huyện Bình Liêu: 40"))
                #expect(page.contains("/nhiem-vu/III.1.(1)?ke-hoach=\(Self.child)"))
            }
        }
    }

    @Test func aChosenPlanStaysInEveryLinkAndFormOfThePage() async throws {
        try await withTiendo(.sqlite) { app in
            let t = try await tokens(app)
            // Published the way `tiendo plan publish` does, outside the server: the next request sees it.
            try await app.testing().test(.GET, "/nhiem-vu") { res in #expect(res.status == .ok) }
            let caller = Caller(principal: Principal(username: "binhlieu", grants: [RoleGrant(role: .districtOfficer, scope: "198")]), address: "dòng lệnh")
            let context = AppContext(db: app.db)
            let draft = try await ImportPlan(data: PlanFixtures.districtPlan(lead: "UBND huyện Bình Liêu"), fileName: "kh-35.txt",
                                             parentPlanId: SeedData.planID).run(context, by: caller).id
            _ = try await PublishPlanDraft(id: draft).run(context, by: caller)

            try await app.testing().test(.GET, "/nhiem-vu?ke-hoach=\(Self.child)") { res in
                #expect(res.status == .ok, "\(res.body.string)")
                let page = res.body.string
                #expect(page.contains("href=\"/nhiem-vu/III.1.(1)?ke-hoach=\(Self.child)\""))
                #expect(!page.contains("href=\"/nhiem-vu/III.6.(3)"))
                // The navigation keeps the plan; the filter form carries it as a field (a browser drops the action's query).
                #expect(page.contains("href=\"/chi-tieu?ke-hoach=\(Self.child)\""))
                #expect(page.contains("name=\"ke-hoach\" value=\"\(Self.child)\""))
                #expect(page.contains("Đang xem <strong>Kế hoạch 35/KH-UBND</strong> ngày 20/03/2024 của UBND huyện Bình Liêu"))
            }
            try await app.testing().test(.GET, "/nhiem-vu") { res in
                #expect(res.body.string.contains("href=\"/nhiem-vu/III.6.(3)\""))
                #expect(!res.body.string.contains("Đang xem"))
            }
            // Bình Liêu's officer lands on the district's own plan, told so, with the way to the province's.
            try await call(app, .GET, "/nhiem-vu", t["binhlieu"]!) { res in
                let page = res.body.string
                #expect(page.contains("href=\"/nhiem-vu/III.1.(1)\""))
                #expect(page.contains("Đang xem <strong>Kế hoạch 35/KH-UBND</strong>"))
                #expect(page.contains("href=\"/nhiem-vu?ke-hoach=\(SeedData.planID)\""))
            }
            try await app.testing().test(.GET, "/ke-hoach") { res in
                #expect(res.body.string.contains("/ke-hoach?ke-hoach=\(Self.child)"))
            }
            try await app.testing().test(.GET, "/nhiem-vu?ke-hoach=khong-co") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("khong-co"))
            }
        }
    }

    /// V.4's first obligation (each agency's and district's plan by 31/03) is met by publishing the plan here.
    @Test(arguments: TestDatabase.available)
    func aChildPlanPublishedByItsDueDateIsThePlanReportOnTime(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let caller = Caller(principal: Principal(username: "binhlieu", grants: [RoleGrant(role: .districtOfficer, scope: "198")]), address: "kiểm thử")
            let context = AppContext(db: app.db)
            let draft = try await ImportPlan(data: PlanFixtures.districtPlan(), fileName: "kh-35.txt", parentPlanId: SeedData.planID).run(context, by: caller).id
            _ = try await PublishPlanDraft(id: draft).run(context, by: caller)
            let obligation = try #require(try await PlanRepository(app.db).document(id: SeedData.planID)?.reportObligations.first { $0.kind == .plan })
            let due = try #require(obligation.dueOn)
            func line(_ reporter: String) async throws -> Completeness.Line? {
                let data = try await PlanData.load(app.db, cache: PlanCache(), today: due.adding(days: 400))
                return data.completeness[obligation.id]?.lines.first { $0.reporter == reporter }
            }
            // Published today: years after the due date.
            #expect(try await line("198")?.outcome == .late)
            #expect(try await line("193")?.outcome == .missing)
            // Published on 25/03 (Vietnam time): on time.
            let sql = app.db as! any SQLDatabase
            try await sql.update("plan_drafts").set("published_at", to: "\(due.year)-03-24T20:00:00.000Z").where("id", .equal, draft).run()
            let onTime = try await line("198")
            #expect(onTime?.outcome == .onTime)
            #expect(onTime?.submittedOn == CivilDate(year: due.year, month: 3, day: 25))
        }
    }
}
