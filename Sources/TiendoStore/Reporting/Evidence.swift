import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct EvidenceRecord: TableRow {
    static let table = "evidence_files"
    var updateId: Int
    var fileName: String
    var contentType: String
    var size: Int
    var content: Data
    var username: String
    var createdAt: String
}

/// A file attached to an update as evidence (a signed report, a photo of the site).
public struct EvidenceFile: Hashable, Sendable, Codable {
    public var id: Int
    public var updateId: Int
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var username: String
    public var createdAt: String
}

/// Attaching and reading evidence files, stored in the database so every server instance sees them.
public struct Evidence: Sendable {
    /// Office documents, PDF and photos: what officials scan or write reports in.
    public static let allowedTypes: [String: String] = [
        "application/pdf": "pdf",
        "image/jpeg": "jpg",
        "image/png": "png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    ]
    public static let maxBytes = 10 * 1024 * 1024

    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Attaches a file to update `updateId` of task `code`; only the update's author or the coordinator may.
    public func attach(_ content: Data, fileName: String, contentType: String, to updateId: Int, task code: String,
                       by principal: Principal, address: String?) async throws -> EvidenceFile {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard Evidence.allowedTypes[type] != nil else {
            throw AppError.invalid("Loại tệp \"\(contentType)\" không được nhận; chỉ nhận PDF, JPEG, PNG, DOCX, XLSX.")
        }
        guard !content.isEmpty, content.count <= Evidence.maxBytes else {
            throw AppError.invalid("Tệp phải có nội dung và không quá 10 MB; tệp này \(content.count) byte.")
        }
        let name = fileName.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
        guard !name.isEmpty, name.count <= 200 else { throw AppError.invalid("Cần tên tệp (tối đa 200 ký tự).") }
        let owner = try await sql.select().column("username").from(TaskUpdateRecord.table)
            .where("id", .equal, updateId).where("task_code", .equal, code)
            .first(decodingColumn: "username", as: String.self)
        guard let owner else { throw AppError.notFound("Nhiệm vụ \(code) không có cập nhật số \(updateId).") }
        try Policy.require(principal, .attachEvidence(owner: owner))
        let record = EvidenceRecord(updateId: updateId, fileName: name, contentType: type, size: content.count, content: content,
                                    username: principal.username, createdAt: Timestamp.now())
        let id = try await WriteTransaction.run(on: db) { sql in
            let id = try await sql.insert(into: EvidenceRecord.table)
                .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .returning("id").first(decodingColumn: "id", as: Int.self)!
            try await AuditLog.append([AuditChange(entity: "evidence_file", entityId: "\(code) · cập nhật \(updateId)", field: "file",
                                                   newValue: "\(name) (\(type), \(content.count) byte)")],
                                      by: Actor(username: principal.username, address: address), on: sql)
            return id
        }
        return EvidenceFile(id: id, updateId: updateId, fileName: name, contentType: type, size: content.count,
                            username: principal.username, createdAt: record.createdAt)
    }

    /// The stored file and its metadata.
    public func file(id: Int, task code: String) async throws -> (EvidenceFile, Data)? {
        guard let row = try await sql.select().column("*").from(EvidenceRecord.table).where("id", .equal, id)
            .first(decoding: IdentifiedEvidence.self) else { return nil }
        let onTask = try await sql.select().column("id").from(TaskUpdateRecord.table)
            .where("id", .equal, row.update_id).where("task_code", .equal, code).first() != nil
        guard onTask else { return nil }
        return (EvidenceFile(id: row.id, updateId: row.update_id, fileName: row.file_name, contentType: row.content_type,
                             size: row.size, username: row.username, createdAt: row.created_at), row.content)
    }

    struct IdentifiedEvidence: Decodable {
        var id: Int, update_id: Int, file_name: String, content_type: String, size: Int, content: Data, username: String, created_at: String
    }
}
