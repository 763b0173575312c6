import Foundation
import SQLKit

/// A row of one table, named in camelCase and stored in snake_case.
protocol TableRow: Codable, Sendable {
    static var table: String { get }
}

extension SQLDatabase {
    /// Inserts rows in multi-row statements inside the caller's transaction; chunks stay far below
    /// PostgreSQL's 65.535 bind limit.
    func insert<R: TableRow>(_ rows: [R]) async throws {
        for start in stride(from: 0, to: rows.count, by: 200) {
            let chunk = Array(rows[start..<min(start + 200, rows.count)])
            try await insert(into: R.table)
                .models(chunk, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .run()
        }
    }

    /// Reads rows, optionally only one plan's, in the given column order.
    func rows<R: TableRow>(_ type: R.Type, plan: String? = nil, province: String? = nil, orderBy columns: [String]) async throws -> [R] {
        var query = select().column("*").from(R.table)
        if let plan { query = query.where("plan_id", .equal, plan) }
        if let province { query = query.where("province_code", .equal, province) }
        for column in columns { query = query.orderBy(column) }
        return try await query.all(decoding: R.self, keyDecodingStrategy: .snakeCase)
    }
}

/// Short lists kept as JSON text.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt(column: column, value: text)
        }
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case corrupt(column: String, value: String)

    public var description: String {
        switch self {
        case let .corrupt(column, value):
            "Dữ liệu hỏng ở cột \(column): \"\(value.prefix(80))\". Chạy lại `tiendo migrate` trên một cơ sở dữ liệu mới."
        }
    }
}

extension SQLRowDecoder.KeyDecodingStrategy {
    /// camelCase properties read from snake_case columns. SQLKit's own `.convertFromSnakeCase` looks up Unicode
    /// properties for every key of every row, which dominated page recomputation; these names are ASCII.
    static let snakeCase: Self = .custom { path in
        SnakeKey(camel: path.last?.stringValue ?? "")
    }
}

/// A column name made from a property name: "submittedAt" → "submitted_at".
struct SnakeKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(camel: String) {
        var out = [UInt8]()
        out.reserveCapacity(camel.utf8.count + 4)
        for byte in camel.utf8 {
            if (65...90).contains(byte) {
                if !out.isEmpty { out.append(95) }
                out.append(byte + 32)
            } else {
                out.append(byte)
            }
        }
        stringValue = String(decoding: out, as: UTF8.self)
    }

    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
