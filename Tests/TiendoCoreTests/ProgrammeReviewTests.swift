import Foundation
import Testing
@testable import TiendoCore

/// The multi-year review is built from the same series as `/chuong-trinh`: each year's target and province figure,
/// met or not, with the coverage it rests on; the years chosen and nothing else.
@Suite struct ProgrammeReviewTests {
    func years() throws -> [ProgrammeSeries.Year] {
        let first = try SeedData.plan()
        var second = first
        second.id = "ke-hoach-2025"
        second.plan.year = 2025
        second.plan.number = "36/KH-UBND"
        second.plan.issuedOn = CivilDate(year: 2025, month: 2, day: 20)!
        let coverage = Coverage(level: .commune, reported: 12, universe: 54, incomplete: [])
        return [ProgrammeSeries.Year(plan: second, figures: ["II.1.1": .init(value: 96, coverage: coverage, measuredOn: CivilDate(year: 2025, month: 12, day: 31)!)]),
                ProgrammeSeries.Year(plan: first, figures: ["II.1.1": .init(value: 101, coverage: nil, measuredOn: CivilDate(year: 2024, month: 12, day: 31)!)])]
    }

    @Test func aReviewFollowsEachIndicatorAcrossTheChosenYears() throws {
        let units = try SeedData.units()
        let review = try ProgrammeReview.make(.final, years: try years(), profile: DeploymentProfile(plan: try SeedData.plan().plan),
                                              units: units, today: CivilDate(year: 2026, month: 1, day: 15)!)
        #expect(review.years == 2024...2025 && review.title.hasPrefix("Tổng kết") && review.title.hasSuffix("giai đoạn 2024-2025"))
        #expect(review.plans.map(\.number) == ["54/KH-UBND", "36/KH-UBND"])
        let income = try #require(review.series.first { $0.name == "Thu nhập bình quân đầu người" })
        #expect(income.points.map(\.year) == [2023, 2024, 2025])
        #expect(income.points.map(\.met) == [nil, true, false])           // ≈ 100: 101 meets it, 96 does not
        #expect(income.points[2].coverage?.vietnamese == "12/54 xã")
        #expect(review.assessment.contains { $0.hasPrefix("Năm 2025 có ") && $0.contains("0 chỉ tiêu đạt và 1 chỉ tiêu chưa đạt") })
        #expect(review.recipients.contains("UBND các xã, phường, đặc khu"))   // no district is left in 2026

        let one = try ProgrammeReview.make(.midTerm, years: try years(), to: 2024, profile: DeploymentProfile(plan: try SeedData.plan().plan),
                                           units: units, today: CivilDate(year: 2024, month: 12, day: 31)!)
        #expect(one.years == 2024...2024 && one.title.hasSuffix("năm 2024") && one.recipients.contains("UBND các huyện, thị xã, thành phố"))
        #expect(throws: AppError.self) {
            try ProgrammeReview.make(.final, years: try years(), from: 2030, profile: DeploymentProfile(plan: try SeedData.plan().plan),
                                     units: units, today: CivilDate(year: 2026, month: 1, day: 15)!)
        }
    }
}
