import Testing
import TiendoCore

/// Which plan a reader who names none gets.
@Suite struct PlanChoiceTests {
    func plan(_ id: String, parent: String? = nil, _ year: Int, issuer: String? = nil) -> PlanChoice.Candidate {
        PlanChoice.Candidate(id: id, parentId: parent, issuedOn: CivilDate(year: year, month: 2, day: 23)!, issuerKey: issuer)
    }

    @Test func eachReaderGetsThePlanOfTheirOwnLevelUnderTheCurrentOne() {
        let plans = [plan("kh-2024", 2024), plan("binh-lieu-2024", parent: "kh-2024", 2024, issuer: "198"),
                     plan("kh-2025", 2025), plan("so-gd-2025", parent: "kh-2025", 2025, issuer: "Sở Giáo dục và Đào tạo")]
        // The province's latest plan for the province, for anyone signed out, and for a body with no plan under it.
        #expect(PlanChoice.defaultPlan(plans, own: nil, purpose: .plan) == "kh-2025")
        #expect(PlanChoice.defaultPlan(plans, own: "193", purpose: .plan) == "kh-2025")
        // Bình Liêu's own plan is under last year's: not current.
        #expect(PlanChoice.defaultPlan(plans, own: "198", purpose: .plan) == "kh-2025")
        #expect(PlanChoice.defaultPlan(plans, own: "Sở Giáo dục và Đào tạo", purpose: .plan) == "so-gd-2025")
        // Reports are asked by the province's plan, whoever reads.
        #expect(PlanChoice.defaultPlan(plans, own: "Sở Giáo dục và Đào tạo", purpose: .reporting) == "kh-2025")
        #expect(PlanChoice.topLevel(of: "so-gd-2025", in: plans) == "kh-2025")
        #expect(PlanChoice.defaultPlan([], own: nil, purpose: .plan) == nil)
    }
}
