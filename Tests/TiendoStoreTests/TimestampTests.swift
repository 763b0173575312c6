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
}
