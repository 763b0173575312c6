import Foundation

/// A decimal figure as the plan writes it ("99,9", "73,348"), kept exact.
///
/// Stored in data files as a string ("99.9") so no binary floating point ever touches it;
/// written to JSON output as a plain number.
public struct ExactNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let decimal: Decimal

    public init(_ decimal: Decimal) { self.decimal = decimal }

    /// Parses "99.9" or the Vietnamese "99,9"; nil for anything else.
    public init?(_ text: String) {
        let normalised = text.replacingOccurrences(of: ",", with: ".")
        guard !normalised.isEmpty,
              normalised.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let value = Decimal(string: normalised, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.decimal = value
    }

    /// "99.9": the canonical machine form.
    public var description: String { decimal.description }

    /// "99,9" or "1.500.000": the Vietnamese form.
    public var vietnamese: String {
        let text = decimal.description
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "." + integer.suffix(3) + grouped
            integer.removeLast(3)
        }
        grouped = integer + grouped
        let fraction = parts.count > 1 ? "," + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    public static func < (a: ExactNumber, b: ExactNumber) -> Bool { a.decimal < b.decimal }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ExactNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Số không hợp lệ: \"\(text)\""))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
