import Foundation
import TiendoCore

/// Timestamps as stored: ISO 8601 in UTC with milliseconds, so text order is time order in every database.
public enum Timestamp {
    public static func now() -> String { string(Date()) }

    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The day in Vietnam (UTC+7) of a stored timestamp "2024-05-06T21:30:00.000Z", read without a date formatter:
    /// pages read thousands of them.
    public static func vietnamDay(_ text: String) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for b in bytes[range] {
                guard (48...57).contains(b) else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), let h = number(11..<13),
              let day = CivilDate(year: y, month: m, day: d) else { return nil }
        return h + 7 >= 24 ? day.adding(days: 1) : day
    }
}
