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

    /// The mails a `cat`-into-a-folder mail command wrote: each as (subject, body), decoded as a mail reader would.
    static func mails(in folder: URL) throws -> [(headers: String, subject: String, body: String)] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "eml" }.map { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let headers = parts[0]
            let subject = headers.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject: ") }.prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
                .map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }
                .map { word in String(decoding: Data(base64Encoded: String(word.dropFirst("=?utf-8?B?".count).dropLast(2))) ?? Data(), as: UTF8.self) }.joined()
            let body = String(decoding: Data(base64Encoded: parts[1].replacingOccurrences(of: "\r\n", with: "")) ?? Data(), as: UTF8.self)
            return (headers, subject, body)
        }
    }

    /// A return tells whoever sent the figures, once per return; the day's digest gathers the two returns and the
    /// reminder into one mail; a second run (or a second instance at the same moment) mails nothing more; a person who
    /// chose so gets an urgent item at once.
    @Test(arguments: TestDatabase.available)
    func aDigestGathersTheDayAndAReturnTellsItsSenderOnce(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db, hasher: BcryptHasher(cost: 4))
                let setup = Actor(username: "kiểm thử", address: nil)
                let may = CivilDate(year: 2024, month: 5, day: 1)!
                for (name, grant) in [("bache", RoleGrant(role: .districtOfficer, scope: "202", mapDate: may)),
                                      ("xaa", RoleGrant(role: .communeOfficer, scope: "06970", mapDate: may))] {
                    try await Accounts(open.db).create(username: name, passwordHash: "x", grant: grant, by: setup)
                }
                let xa = Caller(principal: Principal(username: "xaa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")]), address: "x")
                let district = Caller(principal: Principal(username: "bache", grants: [RoleGrant(role: .districtOfficer, scope: "202")]), address: "x")
                try await SaveNoticePreferences(username: "xaa", email: "xa.dondac@quangninh.gov.vn", frequency: .daily, urgentNow: false).run(app, by: xa)
                try await SaveNoticePreferences(username: "bache", email: "bache@quangninh.gov.vn", frequency: .daily, urgentNow: true).run(app, by: district)
                await #expect(throws: AppError.self) {
                    try await SaveNoticePreferences(username: "bache", email: "a@b.vn\r\nBcc: x@y.vn", frequency: .daily, urgentNow: true).run(app, by: district)
                }
                await #expect(throws: AppError.self) {   // someone else's preferences
                    try await SaveNoticePreferences(username: "xaa", email: "", frequency: .weekly, urgentNow: true).run(app, by: district)
                }

                // Sent, returned, sent again, returned again: two messages to the commune officer, each once.
                let obligation = "bao-cao-6-thang-2024"
                _ = try await SaveFigures(obligation: obligation, reporter: "06970", period: "2024-H1",
                                          values: [EntryValue(element: "tong_so_ho", value: 1000), EntryValue(element: "ho_nuoc_sach_qcvn", value: 900)]).run(app, by: xa)
                for reason in ["Thiếu số hộ nghèo", "Số hộ nước sạch lớn hơn số hộ"] {
                    _ = try await MoveSubmission(.submit, obligation: obligation, reporter: "06970", period: "2024-H1", comment: nil).run(app, by: xa)
                    _ = try await MoveSubmission(.return, obligation: obligation, reporter: "06970", period: "2024-H1", comment: reason).run(app, by: district)
                }
                let inbox = Inbox(open.db)
                let returned = try await inbox.messages("xaa")
                #expect(returned.map(\.kind) == ["tra-lai", "tra-lai"] && returned[0].text.contains("Số hộ nước sạch lớn hơn số hộ")
                        && returned[1].text.contains("Thiếu số hộ nghèo") && returned[0].link == "/so-lieu/\(obligation)/06970?ky=2024-H1")
                #expect(try await inbox.messages("bache").isEmpty)   // the district returned it; it is not told its own act

                // The day: the returned report counts as not sent, so the commune is reminded too. Two instances at once.
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-mail-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let mail = MailCommand(command: "cat > '\(folder.path)'/$(date +%s%N)-$$.eml", from: "tiendo@quangninh.gov.vn")
                let day = CivilDate(year: 2024, month: 5, day: 13)!
                // The second instance has a connection pool of its own, as another server process would.
                let (a, b) = try await OpenDatabase.with(location) { other in
                    async let one = SendNotices(day: day, mail: mail, site: "https://tiendo.example.vn", instance: "a").run(app)
                    async let two = SendNotices(day: day, mail: mail, site: "https://tiendo.example.vn", instance: "b").run(AppContext(db: other.db))
                    return try await (one, two)
                }
                #expect(a.sent + b.sent == 2 && a.queued + b.queued == 2 && a.failed + b.failed == 0, "\(a) \(b)")
                let again = try await SendNotices(day: day, mail: mail, site: "https://tiendo.example.vn").run(app)
                #expect(again.delivered == 0 && again.queued == 0 && again.sent == 0)
                let mails = try Self.mails(in: folder)
                #expect(mails.count == 2)
                let digest = try #require(mails.first { $0.headers.contains("To: xa.dondac@quangninh.gov.vn") })
                #expect(digest.subject == "[Tiến độ] 3 việc cần theo dõi, ngày 13/05/2024", "\(digest.subject)")
                #expect(digest.body.contains("1. [trả lại để sửa]") && digest.body.contains("Thiếu số hộ nghèo") && digest.body.contains("Số hộ nước sạch lớn hơn số hộ")
                        && digest.body.contains("còn 2 ngày") && digest.body.contains("https://tiendo.example.vn/so-lieu/\(obligation)/06970?ky=2024-H1"), "\(digest.body)")
                #expect(!digest.headers.contains("Bcc") && digest.headers.contains("Content-Type: text/plain; charset=utf-8"))
                let districtMail = try #require(mails.first { $0.headers.contains("To: bache@quangninh.gov.vn") })
                #expect(districtMail.subject.contains("3 việc") == false && districtMail.body.contains("còn 2 ngày"))

                // The due day: Ba Chẽ's reminder is due today, urgent: sent at once, in a mail of its own.
                let due = CivilDate(year: 2024, month: 5, day: 15)!
                _ = try await SendNotices(day: due, mail: mail, site: "", instance: "a").run(app)
                let urgent = try Self.mails(in: folder).filter { $0.headers.contains("To: bache@") && $0.subject.hasPrefix("[Tiến độ] Việc cần làm ngay") }
                #expect(urgent.count == 1 && urgent[0].body.contains("hạn gửi là hôm nay"))
                let runs = try await NoticeRuns(open.db).recent()
                #expect(runs.count == 4 && runs.allSatisfy { $0.finishedAt != nil })
            }
        }
    }

    /// A mail the mail program refuses is kept and tried again later, with backoff, and the administrator sees why;
    /// a mail claimed by an instance that then died goes again when the claim runs out, and only then.
    @Test func aFailedMailIsRetriedNeverLost() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db, hasher: BcryptHasher(cost: 4))
                let may = CivilDate(year: 2024, month: 5, day: 1)!
                try await Accounts(open.db).create(username: "bache", passwordHash: "x", grant: RoleGrant(role: .districtOfficer, scope: "202", mapDate: may),
                                                   by: Actor(username: "kiểm thử", address: nil))
                try await SaveNoticePreferences(username: "bache", email: "bache@quangninh.gov.vn", frequency: .daily, urgentNow: true)
                    .run(app, by: .terminal())
                let refused = MailCommand(command: "echo 'máy chủ thư từ chối' >&2; exit 75")
                let first = try await SendNotices(day: CivilDate(year: 2024, month: 5, day: 13)!, mail: refused).run(app)
                #expect(first.queued == 1 && first.sent == 0 && first.failed == 1)
                var waiting = try await Outbox(open.db).waiting()
                #expect(waiting.waiting.count == 1 && waiting.waiting[0].attempts == 1 && waiting.waiting[0].lastError?.contains("75") == true
                        && waiting.waiting[0].lastError?.contains("từ chối") == true && waiting.sent == 0)
                // Not before its time; then again, doubling.
                let now = Date()
                do { let r = try await SendNotices.sendDue(app, mail: refused, now: now); #expect(r == (0, 0)) }
                do { let r = try await SendNotices.sendDue(app, mail: refused, now: now.addingTimeInterval(301)); #expect(r == (0, 1)) }
                do { let r = try await SendNotices.sendDue(app, mail: refused, now: now.addingTimeInterval(301 + 599)); #expect(r == (0, 0)) }
                // A claim held by a process that died: nobody else takes it until the lease ends.
                let later = now.addingTimeInterval(301 + 601)
                let claimed = try await Outbox(open.db).claimDue(now: later)
                #expect(claimed.count == 1 && claimed[0].attempts == 2)
                #expect(try await Outbox(open.db).claimDue(now: later.addingTimeInterval(1)).isEmpty)
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-mail-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let working = MailCommand(command: "cat > '\(folder.path)'/m.eml")
                do { let r = try await SendNotices.sendDue(app, mail: working, now: later.addingTimeInterval(599)); #expect(r == (0, 0)) }
                do { let r = try await SendNotices.sendDue(app, mail: working, now: later.addingTimeInterval(601)); #expect(r == (1, 0)) }
                waiting = try await Outbox(open.db).waiting()
                let written = try Self.mails(in: folder)
                #expect(waiting.waiting.isEmpty && waiting.sent == 1 && written.count == 1)
            }
        }
    }

    /// A run stopped half-way (a restart) leaves what it wrote complete or nothing: the next run delivers only what
    /// was missing and mails each thing once.
    @Test func aRestartInTheMiddleSendsNothingTwice() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db, hasher: BcryptHasher(cost: 4))
                let may = CivilDate(year: 2024, month: 5, day: 1)!
                for code in ["202", "193", "198"] {
                    try await Accounts(open.db).create(username: "huyen-\(code)", passwordHash: "x", grant: RoleGrant(role: .districtOfficer, scope: code, mapDate: may),
                                                       by: Actor(username: "kiểm thử", address: nil))
                    try await SaveNoticePreferences(username: "huyen-\(code)", email: "huyen\(code)@quangninh.gov.vn", frequency: .daily, urgentNow: false)
                        .run(app, by: .terminal())
                }
                let day = CivilDate(year: 2024, month: 5, day: 13)!
                let planned = try await PreviewNotices(day: day).run(app).flatMap { p in p.accounts.map { (username: $0, notice: p.notice) } }
                #expect(planned.count == 3)
                // The first run got as far as one person's inbox, then the process stopped.
                _ = try await Inbox(open.db).deliver(Array(planned.prefix(1)))
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-mail-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let mail = MailCommand(command: "cat > '\(folder.path)'/$(date +%s%N)-$$.eml")
                let rerun = try await SendNotices(day: day, mail: mail).run(app)
                #expect(rerun.delivered == 2 && rerun.sent == 3)
                #expect(try await SendNotices(day: day, mail: mail).run(app).sent == 0)
                let mails = try Self.mails(in: folder)
                let recipients = Set(mails.map { $0.headers.components(separatedBy: "\r\n").first { $0.hasPrefix("To:") } ?? "" })
                #expect(mails.count == 3 && recipients.count == 3)
                for code in ["202", "193", "198"] { #expect(try await Inbox(open.db).messages("huyen-\(code)").count == 1) }
            }
        }
    }
}
