import Foundation

/// How a person wants to be told: an e-mail address (none: the inbox only), one digest a day or a week, and whether
/// urgent items (due tomorrow or today, figures returned) go out at once.
public struct NoticePreferences: Hashable, Sendable, Codable {
    public enum Frequency: String, Hashable, Sendable, Codable, CaseIterable {
        case daily = "ngay", weekly = "tuan"

        public var vietnamese: String { self == .daily ? "mỗi ngày một thư" : "mỗi tuần một thư (thứ Hai)" }
    }

    public var email: String?
    public var frequency: Frequency
    public var urgentNow: Bool

    public init(email: String? = nil, frequency: Frequency = .daily, urgentNow: Bool = true) {
        (self.email, self.frequency, self.urgentNow) = (email, frequency, urgentNow)
    }

    /// An address a mail program can take as it is: one mailbox, no spaces, quotes, angle brackets or line breaks
    /// (a header injection is refused here, not escaped later). Empty means none.
    public static func checkEmail(_ text: String) throws -> String? {
        let address = text.trimmingCharacters(in: .whitespaces)
        guard !address.isEmpty else { return nil }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-@")
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, address.unicodeScalars.allSatisfy(allowed.contains), parts.count == 2,
              !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !address.hasPrefix("-") else {
            throw AppError.invalid("Địa chỉ thư \"\(text.clipped(to: 60))\" không hợp lệ (dạng ten@coquan.gov.vn).")
        }
        return address
    }
}

/// What an e-mail gathers: the inbox messages not mailed yet, in one message per person and day (or week).
public enum Digest {
    /// The key of the digest `frequency` sends on `day`, or nil when none is due that day: every day, or on Mondays.
    public static func key(_ frequency: NoticePreferences.Frequency, on day: CivilDate) -> String? {
        switch frequency {
        case .daily: "ngay|\(day.iso)"
        case .weekly: day.isMonday ? "tuan|\(day.iso)" : nil
        }
    }

    /// One line of a digest.
    public struct Item: Hashable, Sendable {
        public var kind: Notice.Kind
        public var text: String
        public var link: String

        public init(kind: Notice.Kind, text: String, link: String) { (self.kind, self.text, self.link) = (kind, text, link) }
    }

    /// Subject and body, plain and short, in Vietnamese: returned first, then late, then due, each with its link.
    /// `site` is the address links start with ("https://tiendo.quangninh.gov.vn"); empty leaves them relative.
    public static func compose(_ items: [Item], urgent: Bool, day: CivilDate, site: String) -> (subject: String, body: String) {
        let order: [Notice.Kind] = [.returned, .escalation, .overdue, .reminder, .stale]
        let sorted = items.enumerated().sorted { (order.firstIndex(of: $0.element.kind) ?? 9, $0.offset) < (order.firstIndex(of: $1.element.kind) ?? 9, $1.offset) }
        let subject = urgent
            ? "[Tiến độ] Việc cần làm ngay (\(items.count))"
            : "[Tiến độ] \(items.count) việc cần theo dõi, ngày \(day.vietnamese)"
        var lines = ["Kính gửi đồng chí,", "", "Tiến độ xin báo \(items.count) việc:", ""]
        for (n, item) in sorted.map(\.element).enumerated() {
            lines.append("\(n + 1). [\(item.kind.vietnamese)] \(item.text)")
            lines.append("   \(site)\(item.link)")
        }
        lines += ["", "Xem tất cả: \(site)/thong-bao", "Đổi cách nhận thư: \(site)/tai-khoan", "",
                  "Thư này do hệ thống Tiến độ gửi tự động; xin đừng trả lời thư."]
        return (subject, lines.joined(separator: "\r\n"))
    }
}

/// An e-mail as a sendmail-compatible program reads it on standard input (`msmtp -t`): UTF-8 headers in RFC 2047
/// words, the body in base64 so no line is too long and no byte is mangled on the way.
public struct MailMessage: Hashable, Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageId: String

    public init(from: String, to: String, subject: String, body: String, date: Date, messageId: String) {
        (self.from, self.to, self.subject, self.body, self.date, self.messageId) = (from, to, subject, body, date, messageId)
    }

    public var rendered: Data {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        // Addresses passed `NoticePreferences.checkEmail`; the subject is ours, its line breaks removed all the same.
        let words = Self.encodedWords(subject.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(words)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageId)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "Auto-Submitted: auto-generated",
        ]
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Data((headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n").utf8)
    }

    /// "=?utf-8?B?…?=" words of at most 39 bytes of text each (lines within 78 characters), cut between characters, folded onto new lines.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = [], chunk = ""
        for character in text {
            if chunk.utf8.count + String(character).utf8.count > 39 { words.append(chunk); chunk = "" }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }
}

/// When a failed e-mail is tried again: 5 minutes after the first failure, doubling, at most 12 hours apart. It is
/// never given up: the administrator sees it until it goes.
public enum MailRetry {
    public static func delaySeconds(afterAttempts attempts: Int) -> Int {
        min(300 << min(max(attempts - 1, 0), 20), 12 * 3600)
    }
}

extension CivilDate {
    /// 05/01/1970 (day number 4) was a Monday.
    public var isMonday: Bool { (dayNumber + 3) % 7 == 0 }
}
