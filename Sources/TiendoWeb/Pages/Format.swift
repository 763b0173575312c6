import Fluent
import Foundation
import TiendoCore
import TiendoStore
import Vapor

/// Small formatting helpers shared by the pages.
enum Format {
    static func badge(_ status: TaskStatus, _ language: Language) -> Markup {
        el("span", [("class", "badge s-\(status.rawValue)")], text: language.status(status))
    }

    static func number(_ value: ExactNumber?) -> String { value?.vietnamese ?? "—" }

    /// "1.500.000": a count or an amount in đồng as a Vietnamese reader writes it (the forms accept it back).
    static func integer(_ value: Int) -> String { ExactNumber(Decimal(value)).vietnamese }

    /// "còn 12 ngày" or "đã quá hạn 3 ngày", counted in whole days.
    static func daysLeft(_ due: CivilDate, today: CivilDate, _ language: Language) -> String {
        let days = due.dayNumber - today.dayNumber
        if language == .en { return days >= 0 ? "\(days) days left" : "overdue by \(-days) days" }
        return days >= 0 ? "còn \(days) ngày" : "đã quá hạn \(-days) ngày"
    }

    /// "29/11/2026 19:05": a stored UTC timestamp as a Vietnamese reader's clock shows it.
    static func vietnamTime(_ stamp: String) -> String {
        Timestamp.vietnamClock(stamp) ?? stamp
    }

    /// A URL path segment for a task code or agency name.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~()"))) ?? text
    }
}
