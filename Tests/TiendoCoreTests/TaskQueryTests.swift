import Foundation
import Testing
@testable import TiendoCore

/// Filtering tasks the way an agency or district officer asks: "what is mine, and what is due?"
@Suite struct TaskQueryTests {
    let plan = try! SeedData.plan()
    let directory = try! SeedData.directory()

    func run(_ filter: TaskFilter) throws -> [TaskListing] {
        try TaskQuery.run(plan, directory: directory, filter: filter)
    }

    @Test func unfilteredListsEverything() throws {
        let all = try run(TaskFilter())
        #expect(all.count == 91)
        #expect(all.filter { $0.source == .section }.count == 60)
    }

    @Test func byAgencyIncludesDirectAndCollectiveAssignments() throws {
        let tasks = try run(TaskFilter(agency: "Sở Xây dựng"))
        let direct = tasks.filter { $0.matchedAs!.contains { $0.via == "Sở Xây dựng" } }.map(\.code)
        #expect(direct == ["III.2.(3)", "III.2.(4)", "III.4.(5)", "PL.9", "PL.10"])
        #expect(tasks.contains { $0.code == "III.11.(4)" && $0.matchedAs == [TaskMatch(role: .lead, via: "Các sở, ban, ngành", throughCollective: true)] })
        #expect(!tasks.contains { $0.code == "III.2.(1)" })
    }

    @Test func aliasNamesFilterTheSame() throws {
        #expect(try run(TaskFilter(agency: "Sở Công thương")) == run(TaskFilter(agency: "Sở Công Thương")))
    }

    @Test func byDistrictIncludesNamedAndCollectiveAssignments() throws {
        let binhLieu = try run(TaskFilter(unitCode: "198"))
        #expect(binhLieu.contains { $0.code == "PL.25" && $0.matchedAs?.first == TaskMatch(role: .lead, via: "UBND huyện Bình Liêu") })
        #expect(binhLieu.contains { $0.code == "III.2.(3)" })
        #expect(!binhLieu.contains { $0.code == "PL.20" })
        let haLong = try run(TaskFilter(unitCode: "193"))
        #expect(haLong.contains { $0.code == "PL.20" })
    }

    @Test func byCommuneReachesCommuneAssignments() throws {
        let tasks = try run(TaskFilter(unitCode: "06985"))
        #expect(tasks.map(\.code) == ["III.10.(6)", "PL.3"])
    }

    @Test func dueBeforeIsInclusive() throws {
        let tasks = try run(TaskFilter(dueBefore: CivilDate(year: 2024, month: 3, day: 31)))
        #expect(tasks.map(\.code) == ["PL.1", "PL.8", "PL.10", "PL.12", "PL.18", "PL.24", "PL.25", "PL.26", "PL.27", "PL.29"])
        let combined = try run(TaskFilter(agency: "Sở Xây dựng", dueBefore: CivilDate(year: 2024, month: 3, day: 31)))
        #expect(Set(combined.map(\.code)).isSubset(of: tasks.map(\.code)))
        #expect(combined.first { $0.code == "PL.10" }?.matchedAs?.first == TaskMatch(role: .lead, via: "Sở Xây dựng"))
        #expect(!combined.contains { $0.code == "PL.1" && $0.matchedAs?.contains { $0.via == "Sở Xây dựng" } == true })
    }

    @Test func badFiltersNameTheParameter() {
        #expect(throws: TaskFilterError.self) { try run(TaskFilter(agency: "Sở Không Có")) }
        do { _ = try run(TaskFilter(unitCode: "99999")); Issue.record("no error") } catch let e as TaskFilterError {
            #expect(e.parameter == "unit")
        } catch { Issue.record("\(error)") }
        do { _ = try run(TaskFilter(unitCode: "22")); Issue.record("no error") } catch let e as TaskFilterError {
            #expect(e.parameter == "unit")
            #expect(e.message.contains("cấp tỉnh"))
        } catch { Issue.record("\(error)") }
    }
}
