import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport

/// Notices reach the inbox once per person and notice: a second run of the day (a restart) and two senders at the
/// same moment (two instances on one database) deliver nothing twice; a submitted report stops its reminders.
@Suite struct NoticeTests {
    @Test(arguments: TestDatabase.available)
    func eachNoticeReachesEachPersonOnce(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db, hasher: BcryptHasher(cost: 4))
                let setup = Actor(username: "kiểm thử", address: nil)
                for (name, grant) in [("bache", RoleGrant(role: .districtOfficer, scope: "202", mapDate: CivilDate(year: 2024, month: 5, day: 1)!)),
                                      ("xaa", RoleGrant(role: .communeOfficer, scope: "06970", mapDate: CivilDate(year: 2024, month: 5, day: 1)!))] {
                    try await Accounts(open.db).create(username: name, passwordHash: "x", grant: grant, by: setup)
                }
                let day = CivilDate(year: 2024, month: 5, day: 13)!
                // Two senders at once, then a third run: every message once.
                async let one = SendNotices(day: day).run(app)
                async let two = SendNotices(day: day).run(app)
                let (a, b) = try await (one, two)
                #expect(a.notices == b.notices && a.delivered + b.delivered == 2, "\(a) \(b)")
                #expect(try await SendNotices(day: day).run(app).delivered == 0)
                let inbox = Inbox(open.db)
                let messages = try await inbox.messages("bache")
                #expect(messages.count == 1 && messages[0].text.contains("còn 2 ngày") && messages[0].link == "/so-lieu/bao-cao-6-thang-2024/202?ky=2024-H1")
                #expect(try await inbox.unread("bache") == 1)
                try await inbox.markAllRead("bache")
                let unreadAfter = try await inbox.unread("bache"), readAfter = try await inbox.messages("bache")
                #expect(unreadAfter == 0 && readAfter.allSatisfy(\.read))
                // The next reminder day brings a new message; after the commune sends, none about it.
                let xa = Caller(principal: Principal(username: "xaa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")]), address: "x")
                _ = try await SaveFigures(obligation: "bao-cao-6-thang-2024", reporter: "06970", period: "2024-H1",
                                          values: [EntryValue(element: "tong_so_ho", value: 1000), EntryValue(element: "ho_nuoc_sach_qcvn", value: 900)]).run(app, by: xa)
                _ = try await MoveSubmission(.submit, obligation: "bao-cao-6-thang-2024", reporter: "06970", period: "2024-H1", comment: nil).run(app, by: xa)
                let dueDay = CivilDate(year: 2024, month: 5, day: 15)!
                #expect(try await SendNotices(day: dueDay).run(app).delivered == 1)   // Ba Chẽ only
                let communeMessages = try await inbox.messages("xaa"), districtMessages = try await inbox.messages("bache")
                #expect(communeMessages.count == 1 && districtMessages.count == 2)
            }
        }
    }
}
