import Foundation
import Testing
@testable import TiendoCore

/// Reminders on a fixed clock: a commune that has not reported is reminded on D−7, D−2 and D, told weekly once late,
/// and its district is told from two weeks late; nothing once it has sent; the map of the day decides who is reminded.
@Suite struct ReminderTests {
    let plan = try! SeedData.plan()
    let directory = try! SeedData.directory()
    let obligation = "bao-cao-6-thang-2024"

    func about(_ code: String, on day: CivilDate, states: [String: [String: SubmissionState]] = [:], rules: [ReminderRule] = [.standard]) -> [Notice] {
        Reminders.notices(on: day, plan: plan, directory: directory, states: states, rules: rules).filter { $0.obligation == obligation && $0.about == code }
    }

    @Test func aCommuneIsRemindedThenItsDistrictIsTold() throws {
        let due = try #require(plan.reportObligations.first { $0.id == obligation }?.dueOn)
        func day(_ offset: Int) -> CivilDate { due.adding(days: offset) }
        for offset in [-7, -2, 0] {
            let notices = about("06970", on: day(offset))
            #expect(notices.map(\.kind) == [.reminder] && notices[0].recipient == "06970", "D\(offset)")
            #expect(notices[0].link == "/so-lieu/\(obligation)/06970?ky=2024-H1")
        }
        #expect(about("06970", on: day(0))[0].text.contains("hôm nay"))
        for offset in [-6, -3, -1, 1, 6, 8] { #expect(about("06970", on: day(offset)).isEmpty, "D+\(offset)") }
        #expect(about("06970", on: day(7)).map(\.kind) == [.overdue])
        let fortnight = about("06970", on: day(14))
        #expect(fortnight.map(\.kind) == [.overdue, .escalation] && fortnight[1].recipient == "202")
        #expect(fortnight[1].text.contains("quá hạn 14 ngày") && fortnight[1].recipientName == "UBND huyện Ba Chẽ")
        #expect(about("Sở Y tế", on: day(0)).first?.link == "/so-lieu/\(obligation)/S%E1%BB%9F%20Y%20t%E1%BA%BF?ky=2024-H1")
        // A district late is told to Ban Dân tộc.
        #expect(about("202", on: day(14)).last.map { ($0.kind, $0.recipient) } ?? (.reminder, "") == (.escalation, "Ban Dân tộc"))
        // Sent: nothing more; returned: reminded again.
        for offset in [-7, 0, 7, 14] { #expect(about("06970", on: day(offset), states: [obligation: ["06970": .submitted]]).isEmpty) }
        #expect(!about("06970", on: day(7), states: [obligation: ["06970": .returned]]).isEmpty)
        // A rule of its own for this report; the same notice on the same day has the same key.
        let custom = [ReminderRule(obligation: obligation, daysBefore: [3], onTheDay: false, repeatEvery: 5, escalateAfter: 10)]
        #expect(about("06970", on: day(-3), rules: custom).count == 1 && about("06970", on: day(-7), rules: custom).isEmpty)
        #expect(about("06970", on: day(10), rules: custom).map(\.kind) == [.overdue, .escalation])
        #expect(about("06970", on: day(0))[0].key == about("06970", on: day(0))[0].key && about("06970", on: day(0))[0].key != about("06970", on: day(-2))[0].key)
        #expect(throws: AppError.self) { try ReminderRule(daysBefore: [-1]).check() }
    }

    @Test func theMapOfTheDayDecidesWhoIsReminded() throws {
        let due = try #require(plan.reportObligations.first { $0.id == obligation }?.dueOn)
        // A day after 01/07/2025 that is a weekly overdue day: the 2025 communes are told, not the merged-away ones.
        var day = CivilDate(year: 2025, month: 7, day: 2)!
        while (day.dayNumber - due.dayNumber) % 7 != 0 || (day.dayNumber - due.dayNumber - 14) % 7 != 0 { day = day.adding(days: 1) }
        let notices = Reminders.notices(on: day, plan: plan, directory: directory, states: [:]).filter { $0.obligation == obligation }
        #expect(notices.contains { $0.about == "06985" } && !notices.contains { $0.about == "07036" })   // Lương Minh, not Đồng Sơn
        #expect(!notices.contains { $0.about == "202" })                                                   // no districts any more
        #expect(notices.filter { $0.kind == .escalation }.allSatisfy { $0.recipient == "Ban Dân tộc" })
    }
}
