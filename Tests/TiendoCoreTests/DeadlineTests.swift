import Foundation
import Testing
@testable import TiendoCore

/// Every deadline phrasing the plan uses, the leap day, and text that must not be guessed at.
@Suite struct DeadlineTests {
    static let cases: [(String, String?, Deadline.Kind)] = [
        ("Tháng 02/2024", "2024-02-29", .month),
        ("Tháng 03/2024", "2024-03-31", .month),
        ("Tháng 11/2024", "2024-11-30", .month),
        ("Tháng 02/2023", "2023-02-28", .month),
        ("tháng 2/2100", "2100-02-28", .month),
        ("Tháng 02/2000", "2000-02-29", .month),
        ("Quý I/2024", "2024-03-31", .quarter),
        ("Quý II/2024", "2024-06-30", .quarter),
        ("Quý III/2024", "2024-09-30", .quarter),
        ("Quý IV/2024", "2024-12-31", .quarter),
        ("Trong năm 2024", "2024-12-31", .year),
        ("Thực hiện thường xuyên trong cả năm.", "2024-12-31", .recurring),
        ("Trước ngày 15/5/2024", "2024-05-15", .day),
        ("Trước ngày 31/3/2024", "2024-03-31", .day),
        ("Trước ngày 15/11/2024", "2024-11-15", .day),
        ("  trước   ngày 15/5/2024 ", "2024-05-15", .day),
        ("Trước ngày 30/2/2024", nil, .unknown),
        ("Tháng 13/2024", nil, .unknown),
        ("Quý V/2024", nil, .unknown),
        ("Sớm nhất có thể", nil, .unknown),
        ("Cuối năm", nil, .unknown),
        ("", nil, .unknown),
        ("Theo yêu cầu, nhiệm vụ của tỉnh", nil, .onRequest),
    ]

    @Test(arguments: cases)
    func resolves(_ text: String, _ iso: String?, _ kind: Deadline.Kind) {
        let deadline = Deadline.parse(text, planYear: 2024)
        #expect(deadline.text == text)
        #expect(deadline.date?.iso == iso)
        #expect(deadline.kind == kind)
    }

    @Test func recurringFollowsThePlanYear() {
        #expect(Deadline.parse("Thực hiện thường xuyên trong cả năm.", planYear: 2025).date?.iso == "2025-12-31")
    }

    @Test func decomposedUnicodeReadsTheSame() {
        let decomposed = "Quý III/2024".decomposedStringWithCanonicalMapping
        #expect(Deadline.parse(decomposed, planYear: 2024).date?.iso == "2024-09-30")
    }

    @Test func everyDeadlineInTheSeedResolves() throws {
        let plan = try SeedData.plan()
        for row in plan.appendix { #expect(row.deadline.date != nil, "PL.\(row.number): \(row.deadline.text)") }
    }

    @Test func vietnameseDateFormatting() {
        #expect(CivilDate(year: 2024, month: 2, day: 23)!.vietnamese == "23/02/2024")
        #expect(CivilDate(vietnamese: "5/3/2024") == CivilDate(year: 2024, month: 3, day: 5))
        #expect(CivilDate(iso: "2024-02-30") == nil)
        #expect(CivilDate(iso: "2024-2-3") == nil)
        #expect(ExactNumber("1500000")!.vietnamese == "1.500.000")
        #expect(ExactNumber("73.348")!.vietnamese == "73,348")
        #expect(ExactNumber("abc") == nil)
    }
}

/// Day arithmetic without a calendar object, checked against Foundation's calendar.
@Suite struct CivilDateArithmeticTests {
    @Test func dayNumbersMatchTheGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        for offset in stride(from: -40_000, through: 60_000, by: 37) {
            let date = Date(timeIntervalSince1970: Double(offset) * 86_400)
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = CivilDate(year: c.year!, month: c.month!, day: c.day!)!
            #expect(civil.dayNumber == offset)
            #expect(CivilDate(dayNumber: offset) == civil)
        }
        #expect(CivilDate(year: 2024, month: 2, day: 28)!.adding(days: 1) == CivilDate(year: 2024, month: 2, day: 29)!)
        #expect(CivilDate(year: 2024, month: 12, day: 31)!.adding(days: 1) == CivilDate(year: 2025, month: 1, day: 1)!)
    }
}
