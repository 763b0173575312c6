import Foundation

/// Text a person typed, as it is stored: NFC, trimmed, without control characters other than tab and line
/// breaks, within a length; refused otherwise, naming the field.
public enum FreeText {
    public static func check(_ text: String, field: String, maxLength: Int) throws -> String {
        let normal = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if let bad = normal.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }) {
            throw AppError.invalid("Trường \"\(field)\" chứa ký tự điều khiển U+\(String(bad.value, radix: 16, uppercase: true)); bỏ ký tự đó rồi gửi lại.")
        }
        guard normal.count <= maxLength else {
            throw AppError.invalid("Trường \"\(field)\" dài \(normal.count) ký tự; tối đa \(maxLength).")
        }
        return normal
    }
}
