import TiendoCore

/// What a form field or a JSON string holds, read the same way on the pages and in the API; a refusal names the field.
enum FormValues {
    /// Whole đồng as people type them ("1.500.000").
    static func amount(_ text: String?, _ field: String) throws -> Dong {
        guard let text, let value = Dong(text: text) else { throw AppError.invalid("\(field): nhập số đồng nguyên, ví dụ 1.500.000.") }
        return value
    }

    /// Hectares as exact decimals ("12,5"); nil when left empty.
    static func hectares(_ text: String?, _ field: String) throws -> ExactNumber? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = ExactNumber(text) else { throw AppError.invalid("\(field): \"\(text.clipped(to: 20))\" không phải số ha, ví dụ 12,5.") }
        return value
    }
}
