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
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Who posted update `updateId` of task `code`; nil when there is no such update.
    public func owner(of updateId: Int, task code: String) async throws -> String? {
        try await sql.select().column("username").from(TaskUpdateRecord.table)
            .where("id", .equal, updateId).where("task_code", .equal, code)
            .first(decodingColumn: "username", as: String.self)
    }

    /// Stores a checked file for update `updateId` of task `code`, with its audit entry.
    public func insert(_ file: EvidenceUpload, to updateId: Int, task code: String, by actor: Actor) async throws -> EvidenceFile {
        let record = EvidenceRecord(updateId: updateId, fileName: file.fileName, contentType: file.contentType, size: file.content.count,
                                    content: file.content, username: actor.username, createdAt: Timestamp.now())
        let id = try await WriteTransaction.run(on: db) { sql in
            let id = try await sql.insert(into: EvidenceRecord.table)
                .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .returning("id").first(decodingColumn: "id", as: Int.self)!
            try await AuditLog.append([AuditChange(.evidenceFile, AuditKey(code, "cập nhật \(updateId)"), field: "file",
                                                   newValue: "\(record.fileName) (\(record.contentType), \(record.size) byte)")],
                                      by: actor, on: sql)
            return id
        }
        return EvidenceFile(id: id, updateId: updateId, fileName: record.fileName, contentType: record.contentType, size: record.size,
                            username: actor.username, createdAt: record.createdAt)
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
