import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport

/// A district's child plan imported, reviewed and published under the province's; an amendment's diff; scopes.
@Suite struct PlanImportTests {
    let coordinator = Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử")
    /// Bình Liêu (198) issues the child plan; Hạ Long (193) must not.
    let binhLieu = Caller(principal: Principal(username: "binhlieu", grants: [RoleGrant(role: .districtOfficer, scope: "198")]), address: "kiểm thử")
    let haLong = Caller(principal: Principal(username: "halong", grants: [RoleGrant(role: .districtOfficer, scope: "193")]), address: "kiểm thử")

    func withApp<T>(_ kind: TestDatabase, _ body: (AppContext) async throws -> T) async throws -> T {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in try await body(AppContext(db: open.db)) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDistrictPublishesItsChildPlanUnderTheProvincesAndNoOneElseCan(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let use = ImportPlan(data: PlanFixtures.districtPlan(), fileName: "kh-35.txt", parentPlanId: SeedData.planID)
            // Another district may not even store a draft of Bình Liêu's plan; nothing is written.
            let before = try await snapshot(app.db)
            await #expect(throws: AppError.self) { _ = try await use.run(app, by: haLong) }
            #expect(try await snapshot(app.db) == before)
            let draftId = try await use.run(app, by: binhLieu).id
            let stored = try #require(try await PlanDrafts(app.db).get(draftId))
            #expect(stored.draft.implements == ["III.1.(1)": ["III.6.(3)"], "III.1.(2)": ["III.2.(2)"]])
            await #expect(throws: AppError.self) { _ = try await PublishPlanDraft(id: draftId).run(app, by: haLong) }
            let planId = try await PublishPlanDraft(id: draftId).run(app, by: binhLieu)
            #expect(planId == "kh-35-ubnd-2024")
            // Beside the province's plan, under it; the province's stays the default.
            let plans = try await PlanRepository(app.db).plans()
            #expect(plans.map(\.id).sorted() == [planId, SeedData.planID].sorted())
            #expect(plans.first { $0.id == planId }?.parentId == SeedData.planID)
            #expect(try await PlanRepository(app.db).defaultDocument()?.id == SeedData.planID)
            let children = try await PlanFamily(app.db).childTasks(of: SeedData.planID, task: "III.6.(3)")
            #expect(children.map(\.taskCode) == ["III.1.(1)"] && children.first?.planNumber == "35/KH-UBND")
            let child = try #require(try await PlanRepository(app.db).document(id: planId))
            #expect(child.sectionTasks.first?.leads.map(\.assignee) == ["UBND xã Đồng Văn"])
            // Publishing again is refused; the audit log names who published.
            await #expect(throws: AppError.self) { _ = try await PublishPlanDraft(id: draftId).run(app, by: binhLieu) }
            let entries = try await AuditLog.entries(on: app.db).filter { $0.entity == "plan" && $0.entityId == planId }
            #expect(entries.contains { $0.field == "published" && $0.actor == "binhlieu" })
        }
    }

    @Test func theReviewFormKeepsWhatWasTypedAndNamesWhatIsWrong() async throws {
        let directory = try SeedData.directory()
        let draft = try await withApp(.sqlite) { app in try await ImportPlan(data: PlanFixtures.districtPlan(), fileName: "kh-35.txt").read(app) }
        let typed = ["task.III.1.(1).lead.1": "Phòng Văn hóa huyện", "task.III.1.(2).text": "Hỗ trợ đất sản xuất cho 120 hộ nghèo.",
                     "pl.9.due": "x", "ind.II.1.1.value": "sáu mươi", "ob.bao-cao-6-thang-2024.due": "2024-05-31",
                     "task.III.1.(1).coord.0": "Sở Du lịch", "target.II.1.text": "Thu nhập\u{0}"]
        let outcome = PlanDraftForm.apply(typed, to: draft, directory: directory)
        #expect(Set(outcome.problems.keys) == ["task.III.1.(1).lead.1", "ind.II.1.1.value", "target.II.1.text"])
        #expect(PlanDraftForm.label(of: "task.III.1.(1).lead.1") == "Nhiệm vụ III.1.(1), chủ trì")
        #expect(PlanDraftForm.label(of: "ind.II.1.1.value") == "Chỉ tiêu II.1.1, giá trị")
        let tasks = outcome.draft.document.sectionTasks
        // The unknown name stays as typed, for the form shown again; nothing else is lost.
        #expect(tasks[0].leads.map(\.assignee) == ["UBND xã Đồng Văn", "Phòng Văn hóa huyện"])
        #expect(tasks[0].coordinators.map(\.assignee) == ["Sở Du lịch"])
        #expect(tasks[1].text == "Hỗ trợ đất sản xuất cho 120 hộ nghèo.")
        #expect(outcome.draft.document.reportObligations[0].deadline.date == CivilDate(year: 2024, month: 5, day: 31))
        #expect(outcome.draft.document.targets[0].indicators[0].targetValue == ExactNumber(60))
    }

    @Test(arguments: TestDatabase.available)
    func anAmendmentMakesANewVersionAndShowsWhatChanged(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let first = try await ImportPlan(data: PlanFixtures.districtPlan(), fileName: "kh-35.txt", parentPlanId: SeedData.planID).run(app, by: binhLieu).id
            let planId = try await PublishPlanDraft(id: first).run(app, by: binhLieu)
            let amendment = ImportPlan(data: PlanFixtures.districtPlan(number: "41", extra: "\n(3) Tập huấn cho 200 hộ làm du lịch.", lead: "UBND xã Húc Động"),
                                       fileName: "kh-41.txt", amends: planId)
            let second = try await amendment.run(app, by: binhLieu).id
            #expect(try await PublishPlanDraft(id: second).run(app, by: binhLieu) == planId)
            let versions = try await PlanFamily(app.db).versions(of: planId)
            #expect(versions.map(\.version) == [1] && versions.first?.amendedBy == "41/KH-UBND")
            #expect(try await PlanRepository(app.db).plans().first { $0.id == planId }?.version == 2)
            let current = try #require(try await PlanRepository(app.db).document(id: planId))
            let changes = PlanComparison.changes(from: versions[0].document, to: current)
            #expect(changes.contains(PlanChange(item: "III.1.(3)", kind: .added)))
            #expect(changes.contains { $0.item == "III.1.(1)" && $0.kind == .changedLeads && $0.after == "UBND xã Húc Động [06859]" }, "\(changes)")
            #expect(current.plan.number == "41/KH-UBND")
            // Still under the province's plan, its tasks still linked to the tasks they implement.
            #expect(try await PlanRepository(app.db).plans().first { $0.id == planId }?.parentId == SeedData.planID)
            #expect(try await PlanFamily(app.db).implements(planId) == ["III.1.(1)": ["III.6.(3)"], "III.1.(2)": ["III.2.(2)"]])
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoPublishesOfOneDraftAtOnceMakeOnePlan(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let id = try await ImportPlan(data: PlanFixtures.districtPlan(), fileName: "kh-35.txt", parentPlanId: SeedData.planID).run(app, by: binhLieu).id
            async let one: Result<String, any Error> = { do { return .success(try await PublishPlanDraft(id: id).run(app, by: binhLieu)) } catch { return .failure(error) } }()
            async let two: Result<String, any Error> = { do { return .success(try await PublishPlanDraft(id: id).run(app, by: coordinator)) } catch { return .failure(error) } }()
            let results = await [one, two]
            #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
            #expect(results.contains { if case let .failure(error as AppError) = $0, case .conflict = error { true } else { false } })
            let audit = try await AuditLog.entries(on: app.db).filter { $0.entityId == "kh-35-ubnd-2024" && $0.field == "published" }
            #expect(audit.count == 1)
        }
    }
}
