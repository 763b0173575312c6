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

    /// A lead that has posted nothing for the configured days is told, then weekly; not once the plan's year is over.
    @Test func aTaskLeftWithoutUpdateTellsItsLead() throws {
        let start = plan.plan.issuedOn
        let quiet = start.adding(days: 30)
        let progress = PlanProgress.compute(plan, directory: directory, updates: [], today: quiet)
        let notices = Reminders.staleTasks(on: quiet, plan: plan, directory: directory, progress: progress, after: 30, updatedOn: { _ in nil })
        #expect(!notices.isEmpty && notices.allSatisfy { $0.kind == .stale && $0.text.contains("chưa có cập nhật 30 ngày") && $0.link.hasPrefix("/nhiem-vu/") })
        #expect(notices.contains { $0.recipient == "Ban Dân tộc" })
        for offset in [29, 31, 36] {
            #expect(Reminders.staleTasks(on: start.adding(days: offset), plan: plan, directory: directory, progress: progress, after: 30, updatedOn: { _ in nil }).isEmpty)
        }
        #expect(Reminders.staleTasks(on: start.adding(days: 37), plan: plan, directory: directory, progress: progress, after: 30, updatedOn: { _ in nil }).count == notices.count)
        // A lead that reported ten days ago is not told; the next year nobody is.
        let task = try #require(notices.first { $0.recipient == "Ban Dân tộc" })
        let update = TaskUpdate(planId: plan.id, taskCode: task.about, reporter: "Ban Dân tộc", role: .lead, status: .inProgress, progress: 10, note: "Đang làm", username: "bdt")
        let updated = PlanProgress.compute(plan, directory: directory, updates: [update], today: quiet)
        let after = Reminders.staleTasks(on: quiet, plan: plan, directory: directory, progress: updated, after: 30, updatedOn: { _ in quiet.adding(days: -10) })
        #expect(!after.contains { $0.about == task.about && $0.recipient == "Ban Dân tộc" } && after.count == notices.count - 1)
        #expect(Reminders.staleTasks(on: CivilDate(year: start.year + 1, month: 3, day: 1)!, plan: plan, directory: directory, progress: progress, after: 1,
                                     updatedOn: { _ in nil }).isEmpty)
    }

    /// A digest lists returned items first, each with its link; the mail is UTF-8 that any reader decodes; an address
    /// that could smuggle a header is refused; weekly digests go on Mondays.
    @Test func aDigestIsOneShortMailInVietnamese() throws {
        let items = [Digest.Item(kind: .reminder, text: "Báo cáo 6 tháng: còn 2 ngày, hạn 15/05/2024.", link: "/so-lieu/a/06970?ky=2024-H1"),
                     Digest.Item(kind: .returned, text: "Báo cáo 6 tháng được trả lại để sửa: Thiếu số hộ nghèo", link: "/so-lieu/a/06970?ky=2024-H1"),
                     Digest.Item(kind: .stale, text: "Nhiệm vụ III.2.(4) chưa có cập nhật 30 ngày", link: "/nhiem-vu/III.2.(4)")]
        let day = CivilDate(year: 2024, month: 5, day: 13)!
        let mail = Digest.compose(items, urgent: false, day: day, site: "https://tiendo.example.vn")
        #expect(mail.subject == "[Tiến độ] 3 việc cần theo dõi, ngày 13/05/2024")
        let lines = mail.body.components(separatedBy: "\r\n")
        #expect(lines.contains("1. [trả lại để sửa] Báo cáo 6 tháng được trả lại để sửa: Thiếu số hộ nghèo") && lines.contains("3. [chưa cập nhật nhiệm vụ] Nhiệm vụ III.2.(4) chưa có cập nhật 30 ngày"))
        #expect(lines.contains("   https://tiendo.example.vn/so-lieu/a/06970?ky=2024-H1"))
        let rendered = String(decoding: MailMessage(from: "tiendo@qn.gov.vn", to: "a@qn.gov.vn", subject: mail.subject, body: mail.body,
                                                    date: Date(timeIntervalSince1970: 1_715_580_000), messageId: "x@qn.gov.vn").rendered, as: UTF8.self)
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.unicodeScalars.allSatisfy { $0.isASCII } && head.contains("Date: Mon, 13 May 2024 13:00:00 +0700"))
        let words = head.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        let decoded = words.map { line in
            let word = line.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces)
            return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == mail.subject && words.count > 1 && words.allSatisfy { $0.utf8.count <= 78 })
        let body = rendered.components(separatedBy: "\r\n\r\n")[1]
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(String(decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self) == mail.body)

        #expect(try NoticePreferences.checkEmail("  can.bo@bandantoc.quangninh.gov.vn ") == "can.bo@bandantoc.quangninh.gov.vn")
        #expect(try NoticePreferences.checkEmail("") == nil)
        for bad in ["a@b.vn\r\nBcc: x@y.vn", "a@b.vn, c@d.vn", "Tên <a@b.vn>", "a@b", "a@@b.vn", "-oQ/tmp@x.vn", "a\u{0}@b.vn"] {
            #expect(throws: AppError.self) { try NoticePreferences.checkEmail(bad) }
        }
        #expect(Digest.key(.weekly, on: day) == "tuan|2024-05-13" && Digest.key(.weekly, on: day.adding(days: 1)) == nil && Digest.key(.daily, on: day.adding(days: 1)) == "ngay|2024-05-14")
        #expect(MailRetry.delaySeconds(afterAttempts: 1) == 300 && MailRetry.delaySeconds(afterAttempts: 3) == 1200 && MailRetry.delaySeconds(afterAttempts: 40) == 43_200)
    }
}
