import Foundation

/// A deadline as the plan writes it, with the date it resolves to.
///
/// The raw text is always kept: a phrasing the parser does not know stays readable and gets no date,
/// because a guessed deadline would hold an agency to a day the plan never set.
public struct Deadline: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// "Trước ngày 15/5/2024": a named day.
        case day
        /// "Tháng 02/2024": the last day of the month.
        case month
        /// "Quý I/2024": the last day of the quarter.
        case quarter
        /// "Trong năm 2024": the last day of the year.
        case year
        /// "Thực hiện thường xuyên trong cả năm.": ongoing, accounted for at the end of the plan year.
        case recurring
        /// "Theo yêu cầu": no date until someone asks.
        case onRequest
        /// Text the parser does not understand; no date.
        case unknown
    }

    public let text: String
    public let date: CivilDate?
    public let kind: Kind

    public init(text: String, date: CivilDate?, kind: Kind) {
        self.text = text
        self.date = date
        self.kind = kind
    }

    /// Resolves the plan's phrasings; `planYear` is the year that "cả năm" (the whole year) refers to.
    public static func parse(_ text: String, planYear: Int) -> Deadline {
        let normalised = text.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
            .lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        func make(_ date: CivilDate?, _ kind: Kind) -> Deadline {
            date == nil ? Deadline(text: text, date: nil, kind: .unknown) : Deadline(text: text, date: date, kind: kind)
        }
        if let rest = normalised.dropPrefix("trước ngày ") ?? normalised.dropPrefix("đến ngày ")
            ?? normalised.dropPrefix("hạn ngày ") {
            return make(CivilDate(vietnamese: rest), .day)
        }
        if let rest = normalised.dropPrefix("tháng ") {
            let parts = rest.split(separator: "/")
            guard parts.count == 2, parts[1].count == 4, let m = Int(parts[0]), let y = Int(parts[1]) else {
                return make(nil, .month)
            }
            return make(CivilDate.endOfMonth(m, year: y), .month)
        }
        if let rest = normalised.dropPrefix("quý ") {
            let parts = rest.split(separator: "/")
            let quarters = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
            guard parts.count == 2, parts[1].count == 4, let q = quarters[String(parts[0])], let y = Int(parts[1]) else {
                return make(nil, .quarter)
            }
            return make(CivilDate.endOfMonth(q * 3, year: y), .quarter)
        }
        if let rest = normalised.dropPrefix("trong năm ") ?? normalised.dropPrefix("hết năm ")
            ?? normalised.dropPrefix("năm ") {
            guard rest.count == 4, let y = Int(rest) else { return make(nil, .year) }
            return make(CivilDate(year: y, month: 12, day: 31), .year)
        }
        if normalised == "thực hiện thường xuyên trong cả năm" || normalised == "thường xuyên"
            || normalised == "thường xuyên trong cả năm" {
            return make(CivilDate(year: planYear, month: 12, day: 31), .recurring)
        }
        if normalised.hasPrefix("theo yêu cầu") {
            return Deadline(text: text, date: nil, kind: .onRequest)
        }
        return Deadline(text: text, date: nil, kind: .unknown)
    }

    /// "31/03/2024", or the raw text when there is no date.
    public var vietnamese: String { date?.vietnamese ?? text }
}

extension String {
    /// The rest of the string after `prefix`, or nil if it does not start with it.
    public func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}

extension CodingUserInfoKey {
    /// The plan year a bare deadline text ("Thực hiện thường xuyên trong cả năm.") is resolved against.
    public static let planYear = CodingUserInfoKey(rawValue: "tiendo.planYear")!
}

extension Deadline {
    private enum CodingKeys: String, CodingKey { case text, date, kind }

    /// Reads either a resolved deadline or just its text, which is then parsed (seed files carry text only).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .text)
        if let kind = try container.decodeIfPresent(Kind.self, forKey: .kind) {
            self.init(text: text, date: try container.decodeIfPresent(CivilDate.self, forKey: .date), kind: kind)
        } else {
            guard let year = decoder.userInfo[.planYear] as? Int else {
                throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                    debugDescription: "Thiếu năm kế hoạch để hiểu thời hạn \"\(text)\"")
            }
            self = Deadline.parse(text, planYear: year)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(date, forKey: .date)
        try container.encode(kind, forKey: .kind)
    }
}
