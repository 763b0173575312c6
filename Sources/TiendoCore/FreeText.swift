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

extension FreeText {
    /// Characters that change how the text around them reads without being seen: bidirectional embeddings,
    /// overrides and isolates (an "‮" can make "fdp.exe" read as "exe.pdf"), and zero-width spaces and joiners.
    public static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// `text` as shown to a reader: stored text is kept as typed, its invisible controls are dropped on display, and so
    /// are control characters other than tab and line breaks (a NUL typed into an address and echoed by a 404 page).
    public static func displayable(_ text: String) -> String {
        // Every such character is encoded from 0xE2 or 0xEF, or is a single byte below 0x20 or 0x7F: most pages need
        // no second pass.
        func hidden(_ scalar: Unicode.Scalar) -> Bool {
            isInvisibleControl(scalar) || (scalar.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(scalar.value)) || scalar.value == 0x7F
        }
        guard text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xEF || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }),
              text.unicodeScalars.contains(where: hidden) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !hidden($0) })
        return String(scalars)
    }
}
