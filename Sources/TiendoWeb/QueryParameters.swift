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
