import TiendoCore
import Vapor

/// A request's query string, checked against the parameters an endpoint accepts.
///
/// A misspelt parameter is an error, not a silent no-op: "agencyy=…" would otherwise return every task.
struct QueryParameters {
    private let values: [String: String]

    init(_ request: Request, allowed: Set<String>) throws {
        let items = URLComponents(string: request.url.string)?.queryItems ?? []
        for item in items where !allowed.contains(item.name) {
            let list = allowed.sorted().joined(separator: ", ")
            throw Abort(.badRequest, reason: "Tham số \"\(item.name)\" không được hỗ trợ. Các tham số dùng được: \(list.isEmpty ? "(không có)" : list).")
        }
        values = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    }

    /// A non-empty text parameter.
    func text(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw Abort(.badRequest, reason: "Tham số \"\(name)\" đang để trống; bỏ hẳn tham số hoặc điền giá trị.") }
        return trimmed
    }

    /// A date parameter in ISO form ("2024-06-01").
    func date(_ name: String) throws -> CivilDate? {
        guard let value = try text(name) else { return nil }
        guard let date = CivilDate(iso: value) else {
            throw Abort(.badRequest, reason: "Tham số \"\(name)\" không phải ngày hợp lệ: \"\(value)\". Dùng dạng YYYY-MM-DD, ví dụ 2024-06-01.")
        }
        return date
    }
}

extension QueryParameters {
    /// A plan year ("2024"), 2000…2100.
    func year(_ name: String) throws -> Int? {
        try text(name).map { text in
            guard let year = planYear(text) else { throw AppError.invalid(yearRefusal(name)) }
            return year
        }
    }
}

extension Request {
    /// A page's optional date parameter ("?ngay=2024-06-30"): 400 naming it when it is not a date; a control character
    /// in it is refused, never echoed into the page.
    func pageDate(_ name: String) throws -> CivilDate? {
        guard let asked = try query[String.self, at: name].flatMap(\.nilIfEmpty).map({ try FreeText.check($0, field: name, maxLength: 40) }) else { return nil }
        guard let date = CivilDate(iso: asked) else { throw AppError.invalid("Tham số \"\(name)\": \"\(asked)\" không phải ngày (dạng 2025-07-01).") }
        return date
    }

    /// A page's optional plan-year parameter ("?nam=2024").
    func pageYear(_ name: String) throws -> Int? {
        guard let asked = try query[String.self, at: name].flatMap(\.nilIfEmpty) else { return nil }
        guard let year = planYear(asked) else { throw AppError.invalid(yearRefusal(name)) }
        return year
    }
}

/// A plan year as an address writes it; nil outside 2000…2100.
private func planYear(_ text: String) -> Int? { Int(text).flatMap { (2000...2100).contains($0) ? $0 : nil } }

private func yearRefusal(_ name: String) -> String { "Tham số \"\(name)\" là một năm, ví dụ 2024." }
