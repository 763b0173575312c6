import Testing
@testable import TiendoCore

/// Assignees as the plan writes them resolve to one agency, and collectives expand to their members.
@Suite struct AgencyDirectoryTests {
    let directory = try! SeedData.directory()
    let planDate = CivilDate(year: 2024, month: 2, day: 23)!

    @Test(arguments: [
        ("Sở Công thương", "Sở Công Thương"),
        ("sở công thương", "Sở Công Thương"),
        ("Xây dựng", "Sở Xây dựng"),
        ("Đề nghị Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
        ("Ban Dân tộc tỉnh", "Ban Dân tộc"),
        ("Văn phòng Điều phối Nông thôn mới tỉnh", "Văn phòng Điều phối nông thôn mới tỉnh"),
        ("UBND huyện Bình Liêu", "UBND huyện Bình Liêu"),
        ("UBND thị xã Đông Triều", "UBND thị xã Đông Triều"),
        ("UBND thành phố Đông Triều", "UBND thành phố Đông Triều"),
    ])
    func aliasesResolve(_ written: String, _ canonical: String) {
        #expect(directory.resolve(written)?.name == canonical)
    }

    @Test func decomposedSpellingResolves() {
        #expect(directory.resolve("Sở Xây dựng".decomposedStringWithCanonicalMapping)?.name == "Sở Xây dựng")
    }

    @Test func unknownNamesDoNotResolve() {
        #expect(directory.resolve("Sở Không Tồn Tại") == nil)
        #expect(directory.resolve("") == nil)
    }

    @Test func districtCollectiveExpandsToThirteenCommittees() throws {
        guard case let .collective(collective)? = directory.resolve("UBND các huyện, thị xã, thành phố") else {
            Issue.record("collective not found"); return
        }
        let members = directory.members(of: collective, on: planDate)
        #expect(members.count == 13)
        #expect(members.contains { $0.name == "UBND thành phố Hạ Long" && $0.unitCode == "193" })
        #expect(members.contains { $0.name == "UBND thị xã Đông Triều" })
        let later = directory.members(of: collective, on: CivilDate(year: 2024, month: 12, day: 1)!)
        #expect(later.contains { $0.name == "UBND thành phố Đông Triều" })
    }

    @Test func agencyCollectiveExpandsToProvincialBodies() throws {
        guard case let .collective(collective)? = directory.resolve("Các Sở ngành liên quan") else {
            Issue.record("collective not found"); return
        }
        let names = directory.members(of: collective, on: planDate).map(\.name)
        #expect(names.contains("Sở Xây dựng"))
        #expect(names.contains("Ban Dân tộc"))
        #expect(!names.contains("Hội Liên hiệp Phụ nữ tỉnh"))
        #expect(names.count >= 30)
    }

    @Test func communeCollectiveFollowsTheMap() throws {
        guard case let .collective(collective)? = directory.resolve("UBND cấp xã") else {
            Issue.record("collective not found"); return
        }
        #expect(directory.members(of: collective, on: planDate).count == 177)
        #expect(directory.members(of: collective, on: CivilDate(year: 2024, month: 12, day: 1)!).count == 171)
    }
}
