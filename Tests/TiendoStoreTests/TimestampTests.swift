import Foundation
import Testing
import TiendoCore
@testable import TiendoStore

/// Stored timestamps are UTC; the day a report was sent is the day in Vietnam.
@Suite struct TimestampTests {
    @Test func theVietnameseDayOfAStoredTimestamp() {
        #expect(Timestamp.vietnamDay("2024-05-15T16:59:59.999Z") == CivilDate(year: 2024, month: 5, day: 15))
        #expect(Timestamp.vietnamDay("2024-05-15T17:00:00.000Z") == CivilDate(year: 2024, month: 5, day: 16))
        #expect(Timestamp.vietnamDay("2024-12-31T20:00:00.000Z") == CivilDate(year: 2025, month: 1, day: 1))
        #expect(Timestamp.vietnamDay("15/05/2024") == nil)
        let now = Date(timeIntervalSince1970: 1_715_792_400)   // 2024-05-15T17:00:00Z
        #expect(Timestamp.vietnamDay(Timestamp.string(now)) == CivilDate.today(now: now))
    }

    /// Written by hand, a stored timestamp reads as a date formatter writes it, to the millisecond: text order stays
    /// time order next to every timestamp stored before.
    @Test func writtenAsADateFormatterWritesIt() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let seconds: [Double] = [0, 1_709_164_800.123, 1_715_792_399.999, 1_735_689_599.5, 951_782_400.007, 4_102_444_800.25, 1_715_792_400.0004]
        for t in seconds {
            let date = Date(timeIntervalSince1970: t)
            #expect(Timestamp.string(date) == formatter.string(from: date), "\(t)")
        }
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_709_164_800.123)) == "2024-02-29T00:00:00.123Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect([0xde, 0xad, 0x00, 0x0f].hexDigits == "dead000f")
        // Logs read the clock in Vietnam; pages show a stored timestamp the same way, past midnight there included.
        let vietnam = ISO8601DateFormatter()
        vietnam.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        vietnam.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        for t in seconds where t > 200_000_000 {   // UTC+7 since 1975 (UTC+8 before)
            #expect(Timestamp.string(Date(timeIntervalSince1970: t), offsetHours: 7) == vietnam.string(from: Date(timeIntervalSince1970: t)))
        }
        #expect(Timestamp.vietnamClock("2026-11-29T12:05:59.999Z") == "29/11/2026 19:05")
        #expect(Timestamp.vietnamClock("2024-12-31T17:30:00Z") == "01/01/2025 00:30")
        #expect(Timestamp.vietnamClock("2024-02-28T20:00:00.000Z") == "29/02/2024 03:00")
        #expect(Timestamp.vietnamClock("29/11/2026") == nil && Timestamp.vietnamClock("2026-11-29T25:00:00Z") == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 3)!.iso == "2024-02-03" && CivilDate(year: 2024, month: 2, day: 3)!.vietnamese == "03/02/2024")
    }
}
