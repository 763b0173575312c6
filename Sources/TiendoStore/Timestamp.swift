import Foundation
import TiendoCore

/// Timestamps as stored: ISO 8601 in UTC with milliseconds, so text order is time order in every database.
public enum Timestamp {
    public static func now() -> String { string(Date()) }

    /// "2024-05-06T14:30:00.123Z", or with `offsetHours` the clock there ("2024-05-06T21:30:00.123+07:00"). Written
    /// by hand: a date formatter is made of ICU objects, and building one per call cost a signed-in request a
    /// quarter of its time.
    public static func string(_ date: Date, offsetHours: Int = 0) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded()) + Int64(offsetHours) * 3_600_000
        var seconds = time_t(milliseconds.floorDiv(1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let zone = offsetHours == 0 ? "Z" : (offsetHours > 0 ? "+" : "-") + abs(offsetHours).zeroPadded(2) + ":00"
        return Int(parts.tm_year + 1900).zeroPadded(4) + "-" + Int(parts.tm_mon + 1).zeroPadded(2) + "-" + Int(parts.tm_mday).zeroPadded(2)
            + "T" + Int(parts.tm_hour).zeroPadded(2) + ":" + Int(parts.tm_min).zeroPadded(2) + ":" + Int(parts.tm_sec).zeroPadded(2)
            + "." + Int(milliseconds - Int64(seconds) * 1000).zeroPadded(3) + zone
    }

    /// "29/11/2026 19:05": a stored timestamp as a clock in Vietnam shows it; nil for text that is not one.
    public static func vietnamClock(_ text: String) -> String? {
        guard let (day, hour, minute) = vietnam(text) else { return nil }
        return day.vietnamese + " " + hour.zeroPadded(2) + ":" + minute.zeroPadded(2)
    }

    /// The day in Vietnam (UTC+7) of a stored timestamp "2024-05-06T21:30:00.000Z", read without a date formatter:
    /// pages read thousands of them.
    public static func vietnamDay(_ text: String) -> CivilDate? { vietnam(text)?.day }

    /// A stored UTC timestamp's day, hour and minute in Vietnam (UTC+7), read from its first 16 characters.
    private static func vietnam(_ text: String) -> (day: CivilDate, hour: Int, minute: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for b in bytes[range] {
                guard (48...57).contains(b) else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), let h = number(11..<13), let minute = number(14..<16),
              h < 24, minute < 60, let day = CivilDate(year: y, month: m, day: d) else { return nil }
        return h + 7 >= 24 ? (day.adding(days: 1), h + 7 - 24, minute) : (day, h + 7, minute)
    }
}

private extension Int64 {
    /// Division rounding toward minus infinity: a millisecond before 1970 belongs to the second before.
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
}
