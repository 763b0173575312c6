import Foundation
import Logging
import TiendoCore
import TiendoStore

/// The installation's mail program: `MAIL_COMMAND`, a sendmail-compatible command that reads the message on
/// standard input and takes its recipient from the headers (Debian's `msmtp -t`), run by `/bin/sh`; `MAIL_FROM` is
/// the sender; `SITE_URL` starts the links in the mail. Unset: no e-mail, the inbox only.
public struct MailCommand: Sendable {
    public var command: String
    public var from: String

    public init(command: String, from: String = "tiendo@localhost") { (self.command, self.from) = (command, from) }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> MailCommand? {
        guard let command = environment["MAIL_COMMAND"]?.trimmingCharacters(in: .whitespaces), !command.isEmpty else { return nil }
        return MailCommand(command: command, from: environment["MAIL_FROM"].flatMap { try? NoticePreferences.checkEmail($0) } ?? "tiendo@localhost")
    }

    /// Runs the command with `message` on its standard input; throws with what it wrote on standard error when it
    /// exits with a failure or does not finish in `timeout` seconds.
    public func send(_ message: Data, timeout: Double = 60) async throws {
        // A mail program that exits early must fail this mail, not end the process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                let input = Pipe(), errors = Pipe()
                process.standardInput = input
                process.standardOutput = FileHandle.nullDevice
                process.standardError = errors
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: AppError.invalid("Không chạy được MAIL_COMMAND: \(error)"))
                    return
                }
                let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
                // A program that exits without reading (a refusal) closes the pipe: its exit status tells the rest.
                try? input.fileHandleForWriting.write(contentsOf: message)
                try? input.fileHandleForWriting.close()
                let stderr = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                timer.cancel()
                guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                    let text = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    continuation.resume(throwing: AppError.invalid("MAIL_COMMAND kết thúc với mã \(process.terminationStatus): \(text.clipped(to: 300))"))
                    return
                }
                continuation.resume()
            }
        }
    }
}

/// One run of the notice job: the day's notices into the inboxes (once per person and notice), the mails due
/// composed (digests, urgent items), then every mail due sent through `mail`, a failure retried later with backoff.
/// Each run is a line in `notice_runs`; the delivery and composing are one transaction, so a run stopped half-way
/// leaves nothing that the next run would send twice.
public struct SendNotices: Sendable {
    public struct Outcome: Hashable, Sendable {
        public var notices = 0, delivered = 0, queued = 0, sent = 0, failed = 0
        /// False when another instance was running the job (PostgreSQL advisory lock).
        public var ran = true
    }

    public var day: CivilDate
    public var mail: MailCommand?
    public var site: String
    public var instance: String

    public init(day: CivilDate, mail: MailCommand? = MailCommand.fromEnvironment(),
                site: String = ProcessInfo.processInfo.environment["SITE_URL"] ?? "", instance: String = SendNotices.instanceName) {
        (self.day, self.mail, self.site, self.instance) = (day, mail, site.hasSuffix("/") ? String(site.dropLast()) : site, instance)
    }

    public static let instanceName = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    public func run(_ app: AppContext, logger: Logger = Logger(label: "tiendo.notices")) async throws -> Outcome {
        let runs = NoticeRuns(app.db)
        let id = try await runs.start(day: day, instance: instance)
        var outcome = Outcome()
        do {
            let planned = try await PreviewNotices(day: day).run(app)
            outcome.notices = planned.count
            let items = planned.flatMap { p in p.accounts.map { (username: $0, notice: p.notice) } }
            if let written = try await Outbox(app.db).deliverAndCompose(items, day: day, composeMail: mail != nil, site: site) {
                (outcome.delivered, outcome.queued) = written
            } else {
                outcome.ran = false
            }
            if let mail { (outcome.sent, outcome.failed) = try await Self.sendDue(app, mail: mail, logger: logger) }
            let summary = outcome.ran ? "xong" : "một máy khác đang chạy; chỉ gửi thư đến hạn"
            try await runs.finish(id, notices: outcome.notices, delivered: outcome.delivered, queued: outcome.queued,
                                  sent: outcome.sent, failed: outcome.failed, outcome: summary)
            AppMetrics.noticesDelivered.increment(by: outcome.delivered)
            AppMetrics.mailsSent.increment(by: outcome.sent)
            AppMetrics.mailsFailed.increment(by: outcome.failed)
            AppMetrics.noticeRuns.increment()
            logger.info("notice run", metadata: ["day": "\(day.iso)", "notices": "\(outcome.notices)", "delivered": "\(outcome.delivered)",
                                                 "queued": "\(outcome.queued)", "sent": "\(outcome.sent)", "failed": "\(outcome.failed)"])
            return outcome
        } catch {
            try? await runs.finish(id, notices: outcome.notices, delivered: outcome.delivered, queued: outcome.queued,
                                   sent: outcome.sent, failed: outcome.failed, outcome: "lỗi: \(error)")
            logger.error("notice run failed", metadata: ["day": "\(day.iso)", "error": "\(error)"])
            throw error
        }
    }

    /// Sends every mail due at `now`, each claimed first so no other instance sends it too.
    public static func sendDue(_ app: AppContext, mail: MailCommand, now: Date = Date(),
                               logger: Logger = Logger(label: "tiendo.notices")) async throws -> (sent: Int, failed: Int) {
        let outbox = Outbox(app.db)
        var (sent, failed) = (0, 0)
        while true {
            let due = try await outbox.claimDue(now: now)
            guard !due.isEmpty else { break }
            for item in due {
                let message = MailMessage(from: mail.from, to: item.address, subject: item.subject, body: item.body, date: Date(),
                                          messageId: "tiendo-\(item.id)-\(UUID().uuidString.lowercased())@\(mail.from.split(separator: "@").last ?? "localhost")")
                do {
                    try await mail.send(message.rendered)
                    try await outbox.markSent(item.id, at: now)
                    sent += 1
                    logger.info("mail sent", metadata: ["id": "\(item.id)", "to": "\(item.username)"])
                } catch {
                    try await outbox.markFailed(item.id, error: "\(error)", at: now)
                    failed += 1
                    logger.warning("mail failed", metadata: ["id": "\(item.id)", "to": "\(item.username)", "error": "\(error)"])
                }
            }
            if due.count < 50 { break }
        }
        return (sent, failed)
    }
}

/// A person chooses how they are told: their address, a daily or weekly digest, urgent items at once.
public struct SaveNoticePreferences: Sendable {
    public var username: String
    public var email: String
    public var frequency: NoticePreferences.Frequency
    public var urgentNow: Bool

    public init(username: String, email: String, frequency: NoticePreferences.Frequency, urgentNow: Bool) {
        (self.username, self.email, self.frequency, self.urgentNow) = (username, email, frequency, urgentNow)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .editNoticePreferences(owner: username))
        let preferences = NoticePreferences(email: try NoticePreferences.checkEmail(email), frequency: frequency, urgentNow: urgentNow)
        try await Outbox(app.db).setPreferences(username, preferences, by: caller.actor)
    }
}
