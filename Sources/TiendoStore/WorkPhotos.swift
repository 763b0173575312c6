import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct WorkPhotoRecord: TableRow {
    static let table = "work_photos"
    var workCode: String
    var month: String
    var fileName: String
    var contentType: String
    var size: Int
    var content: Data
    var username: String
    var createdAt: String
}

/// A file attached to a work's month: a photo of the site, a signed acceptance record.
public struct WorkPhoto: Hashable, Sendable, Codable {
    public var id: Int
    public var workCode: String
    public var month: CivilDate
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var username: String
    public var createdAt: String
}

/// Attaching and reading the files of works' monthly reports.
public struct WorkPhotos: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Stores a checked file on `work`'s report of `month`, which must exist, with its audit entry.
    public func insert(_ file: EvidenceUpload, work: String, month: CivilDate, by actor: Actor) async throws -> WorkPhoto {
        let record = WorkPhotoRecord(workCode: work, month: month.iso, fileName: file.fileName, contentType: file.contentType,
                                     size: file.content.count, content: file.content, username: actor.username, createdAt: Timestamp.now())
        let id = try await WriteTransaction.run(on: db) { sql in
            let reported = try await sql.select().column("work_code").from(WorkProgressRecord.table)
                .where("work_code", .equal, work).where("month", .equal, month.iso).first() != nil
            guard reported else {
                throw AppError.notFound("Công trình \(work) chưa có báo cáo tháng \(month.month)/\(month.year); gửi báo cáo tháng trước rồi đính kèm ảnh.")
            }
            let id = try await sql.insert(into: WorkPhotoRecord.table)
                .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .returning("id").first(decodingColumn: "id", as: Int.self)!
            try await AuditLog.append([AuditChange(.investmentWork, AuditKey(work, month.iso), field: "photo",
                                                   newValue: "\(record.fileName) (\(record.contentType), \(record.size) byte)")], by: actor, on: sql)
            return id
        }
        return WorkPhoto(id: id, workCode: work, month: month, fileName: record.fileName, contentType: record.contentType, size: record.size,
                         username: actor.username, createdAt: record.createdAt)
    }

    /// The files of `work`, without their bytes, by month then upload.
    public func list(work: String) async throws -> [WorkPhoto] {
        try await sql.select().columns("id", "work_code", "month", "file_name", "content_type", "size", "username", "created_at")
            .from(WorkPhotoRecord.table).where("work_code", .equal, work).orderBy("month").orderBy("id")
            .all(decoding: Listed.self).compactMap(\.photo)
    }

    /// One file of `work` with its bytes; nil when it is not that work's.
    public func file(id: Int, work: String) async throws -> (WorkPhoto, Data)? {
        guard let row = try await sql.select().column("*").from(WorkPhotoRecord.table).where("id", .equal, id).where("work_code", .equal, work)
            .first(decoding: Stored.self), let photo = row.listed.photo else { return nil }
        return (photo, row.content)
    }

    struct Listed: Decodable {
        var id: Int, work_code: String, month: String, file_name: String, content_type: String, size: Int, username: String, created_at: String
        var photo: WorkPhoto? {
            CivilDate(iso: month).map { WorkPhoto(id: id, workCode: work_code, month: $0, fileName: file_name, contentType: content_type, size: size,
                                                  username: username, createdAt: created_at) }
        }
    }

    struct Stored: Decodable {
        var id: Int, work_code: String, month: String, file_name: String, content_type: String, size: Int, username: String, created_at: String
        var content: Data
        var listed: Listed { Listed(id: id, work_code: work_code, month: month, file_name: file_name, content_type: content_type, size: size,
                                    username: username, created_at: created_at) }
    }
}
