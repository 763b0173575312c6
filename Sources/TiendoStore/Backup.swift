import FluentKit
import Foundation
import Logging
import SQLKit
import TiendoCore

/// A whole installation in one file, and back: the backup is a Tiendo SQLite database, whichever database it came
/// from, so it opens with any SQLite tool and restores into SQLite or PostgreSQL alike.
///
/// SQLite: `VACUUM INTO`, a consistent copy taken while the server keeps writing (readers and the one writer carry
/// on under WAL). PostgreSQL: every table read in one `REPEATABLE READ` transaction, so rows written meanwhile are
/// either all in or all out. A restore goes only into an empty database, in one transaction, and ends with the
/// audit chain verified against the head the backup had.
public enum Backup {
    public struct Summary: Hashable, Sendable {
        public var tables: Int
        public var rows: Int
        public var auditSeq: Int
        public var auditHash: String
    }

    /// Writes the backup of `db` to `path`, which must not exist yet (a backup never replaces a file).
    public static func write(from db: any Database, to path: String) async throws -> Summary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw AppError.invalid("Tệp \(path) đã có; chọn tên khác (bản sao lưu không ghi đè tệp nào).")
        }
        let sql = db as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("VACUUM INTO \(bind: path)").run()
            return try await OpenDatabase.with(.sqlite(path: path), prepared: false) { try await summary(of: $0.db) }
        }
        let temporary = path + ".dang-ghi"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try await OpenDatabase.with(.sqlite(path: temporary), migratedOnly: true) { target in
                try await snapshot(of: db) { source in
                    try await WriteTransaction.run(on: target.db) { into in
                        _ = try await copy(from: source, to: into)
                    }
                }
            }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return try await OpenDatabase.with(.sqlite(path: path), prepared: false) { try await summary(of: $0.db) }
    }

    /// `body` given PostgreSQL database `db` as of one moment: a `REPEATABLE READ`, read-only transaction, so rows
    /// written meanwhile are all in or all out.
    static func snapshot<T: Sendable>(of db: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.transaction { tx in
            let source = tx as! any SQLDatabase
            try await source.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            return try await body(source)
        }
    }

    /// Fills `target` (migrated, and empty: nothing is ever overwritten) from the backup at `path`, in one
    /// transaction, then checks the audit chain: it must verify and end at the backup's head.
    public static func restore(from path: String, into target: any Database) async throws -> Summary {
        guard FileManager.default.fileExists(atPath: path) else { throw AppError.invalid("Không có tệp \(path).") }
        let into = target as! any SQLDatabase
        for table in try await tables(of: into) where try await count(table, on: into) > 0 {
            throw AppError.invalid("Cơ sở dữ liệu đích đã có dữ liệu (bảng \(table)); khôi phục chỉ vào cơ sở dữ liệu trống.")
        }
        try refuseUnlessSQLite(path)
        let expected = try await OpenDatabase.with(.sqlite(path: path), prepared: false) { backup -> Summary in
            let source = backup.db as! any SQLDatabase
            let known = Set(TiendoDatabase.migrations.map(\.name))
            let theirs = try await readable(path) {
                try await checkWhole(source, path)
                return try await source.select().column("name").from("_fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }
            }
            if let newer = theirs.first(where: { !known.contains($0) }) {
                throw AppError.invalid("Bản sao lưu từ phiên bản mới hơn (bước lược đồ \(newer)); cập nhật Tiendo trước khi khôi phục.")
            }
            let summary = try await summary(of: backup.db)
            // A backup from an older build restores too: the target ran every step, the copy fills the columns both have.
            try await WriteTransaction.run(on: target) { tx in _ = try await copy(from: source, to: tx) }
            return summary
        }
        if let broken = try await AuditLog.verify(on: target) {
            throw AppError.invalid("Chuỗi nhật ký sau khi khôi phục không khớp: \(broken).")
        }
        let restored = try await summary(of: target)
        guard restored.auditSeq == expected.auditSeq, restored.auditHash == expected.auditHash else {
            throw AppError.invalid("Đầu chuỗi nhật ký sau khi khôi phục (\(restored.auditSeq)) khác bản sao lưu (\(expected.auditSeq)).")
        }
        return restored
    }

    /// A file that is not a SQLite database (another file given by mistake, an empty one) is refused before it is
    /// opened: SQLite would otherwise take it for a new, empty database.
    static func refuseUnlessSQLite(_ path: String) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        guard try handle.read(upToCount: 16) == Data("SQLite format 3\u{0}".utf8) else {
            throw AppError.invalid("Tệp \(path) không phải bản sao lưu của Tiendo (không phải tệp SQLite); không khôi phục gì.")
        }
    }

    /// Every page of the backup read once (`PRAGMA quick_check`), so a file cut short in a copy is refused before
    /// anything is written, rather than half-way through the copy.
    static func checkWhole(_ source: any SQLDatabase, _ path: String) async throws {
        let verdict = try await source.raw("PRAGMA quick_check(1)").all().first.map { try $0.decode(column: "quick_check", as: String.self) }
        guard verdict == "ok" else {
            throw AppError.invalid("Tệp \(path) bị hỏng (SQLite: \(verdict ?? "không trả lời")); không khôi phục gì.")
        }
    }

    /// `body`'s reads of the backup, with SQLite's own errors (a damaged file, one that is no Tiendo database) told
    /// as a refusal of the file in Vietnamese.
    static func readable<T>(_ path: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError.invalid("Tệp \(path) không đọc được như bản sao lưu của Tiendo (SQLite: \(error)); không khôi phục gì.")
        }
    }

    /// Every table's rows from `source` into `target`, page by page in `id` order; returns the rows copied.
    /// PostgreSQL targets get their id sequences moved past the copied ids.
    static func copy(from source: any SQLDatabase, to target: any SQLDatabase) async throws -> Int {
        var copied = 0
        for table in try await tables(of: source) {
            let columns = try await columnTypes(table, on: source)
            let targetColumns = Set(try await columnTypes(table, on: target).map(\.name))
            let shared = columns.filter { targetColumns.contains($0.name) }
            try await pages(of: table, columns: shared, on: source, size: 500) { rows in
                var insert = target.insert(into: table).columns(shared.map(\.name))
                for row in rows {
                    insert = insert.values(try shared.map { column -> any SQLExpression in try column.kind.bind(row, column.name) })
                }
                try await insert.run()
                copied += rows.count
            }
            if target.dialect.name == "postgresql", shared.contains(where: { $0.name == "id" && $0.kind == .integer }) {
                try await target.raw("""
                    SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), COALESCE((SELECT MAX(id) FROM \(ident: table)), 0) + 1, false)
                    WHERE pg_get_serial_sequence(\(bind: table), 'id') IS NOT NULL
                    """).run()
            }
        }
        return copied
    }

    /// Every row of `table` in `id` order, `size` at a time, so a large table is never held whole nor read again from
    /// its start. SQLite: each page starts after the last id of the one before (`id` is the row's address).
    /// PostgreSQL: one sorted read through a cursor, fetched a page at a time, since households keep no index on `id`
    /// (`UnindexHouseholdIds`); a cursor lives in a transaction, which every PostgreSQL caller has open.
    static func pages(of table: String, columns: [(name: String, kind: Kind)], on sql: any SQLDatabase, size: Int,
                      _ body: ([any SQLRow]) async throws -> Void) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                DECLARE tiendo_pages NO SCROLL CURSOR FOR SELECT \(idents: columns.map(\.name), joinedBy: ", ") FROM \(ident: table) ORDER BY id
                """).run()
            while true {
                let rows = try await sql.raw("FETCH FORWARD \(literal: size) FROM tiendo_pages").all()
                guard !rows.isEmpty else { break }
                try await body(rows)
            }
            try await sql.raw("CLOSE tiendo_pages").run()
            return
        }
        let key = columns.first { $0.name == "id" }?.kind ?? .integer
        var last: (any SQLExpression)? = nil
        while true {
            var query = sql.select().columns(columns.map { SQLIdentifier($0.name) }).from(table).orderBy("id").limit(size)
            if let last { query = query.where(SQLIdentifier("id"), .greaterThan, last) }
            let rows = try await query.all()
            guard !rows.isEmpty else { return }
            try await body(rows)
            last = try key.bind(rows.last!, "id")
        }
    }

    enum Kind: Equatable {
        case text, integer, real, blob

        init(declared: String) {
            let type = declared.lowercased()
            if type.contains("int") { self = .integer }
            else if type.contains("blob") || type.contains("bytea") { self = .blob }
            else if type.contains("real") || type.contains("doub") || type.contains("floa") || type.contains("numeric") { self = .real }
            else { self = .text }
        }

        func bind(_ row: any SQLRow, _ column: String) throws -> any SQLExpression {
            switch self {
            case .text: SQLBind(try row.decode(column: column, as: String?.self))
            case .integer: SQLBind(try row.decode(column: column, as: Int?.self))
            case .real: SQLBind(try row.decode(column: column, as: Double?.self))
            case .blob: SQLBind(try row.decode(column: column, as: Data?.self))
            }
        }
    }

    /// The tables Tiendo keeps (not the migration log: each database keeps its own).
    static func tables(of sql: any SQLDatabase) async throws -> [String] {
        let rows = sql.dialect.name == "sqlite"
            ? try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
            : try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name").all()
        return try rows.map { try $0.decode(column: "name", as: String.self) }.filter { $0 != "_fluent_migrations" }
    }

    static func columnTypes(_ table: String, on sql: any SQLDatabase) async throws -> [(name: String, kind: Kind)] {
        let rows = sql.dialect.name == "sqlite"
            ? try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
            : try await sql.raw("SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position").all()
        return try rows.map { (try $0.decode(column: "name", as: String.self), Kind(declared: try $0.decode(column: "type", as: String.self))) }
    }

    static func count(_ table: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    static func summary(of db: any Database) async throws -> Summary {
        let sql = db as! any SQLDatabase
        let tables = try await tables(of: sql)
        var rows = 0
        for table in tables { rows += try await count(table, on: sql) }
        struct Head: Decodable { var seq: Int; var hash: String }
        let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first(decoding: Head.self)
        return Summary(tables: tables.count, rows: rows, auditSeq: head?.seq ?? 0, auditHash: head?.hash ?? AuditChain.genesis)
    }
}

/// The data out, for a province that leaves: every table as CSV (UTF-8 with BOM, so Excel reads Vietnamese, RFC 4180
/// quoting, a leading = + - @ neutralised), file contents (evidence, photos) as files beside them named in the cell.
public enum TableExport {
    /// Writes `DIR/<table>.csv` for every table and `DIR/tep/<table>/<id>` for stored files; `DIR` must be empty or
    /// new. Returns the tables and rows written.
    public static func write(_ db: any Database, to directory: URL) async throws -> (tables: Int, rows: Int) {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory.path), !(try manager.contentsOfDirectory(atPath: directory.path)).isEmpty {
            throw AppError.invalid("Thư mục \(directory.path) đã có tệp; chọn thư mục trống (xuất dữ liệu không ghi đè tệp nào).")
        }
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return try await files(from: sql, in: directory) }
        return try await Backup.snapshot(of: db) { try await files(from: $0, in: directory) }
    }

    static func files(from sql: any SQLDatabase, in directory: URL) async throws -> (tables: Int, rows: Int) {
        let manager = FileManager.default
        var total = 0
        let tables = try await Backup.tables(of: sql)
        for table in tables {
            let columns = try await Backup.columnTypes(table, on: sql)
            let file = directory.appendingPathComponent("\(table).csv")
            manager.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(("\u{FEFF}" + columns.map(\.name).joined(separator: ",") + "\r\n").utf8))
            let idIsNumber = columns.first { $0.name == "id" }?.kind == .integer
            try await Backup.pages(of: table, columns: columns, on: sql, size: 1000) { rows in
                var text = ""
                for row in rows {
                    let id = idIsNumber ? String(try row.decode(column: "id", as: Int.self))
                        : try row.decode(column: "id", as: String.self).replacingOccurrences(of: "/", with: "-")
                    let cells = try columns.map { column -> String in
                        switch column.kind {
                        case .integer: return try row.decode(column: column.name, as: Int?.self).map(String.init) ?? ""
                        case .real: return try row.decode(column: column.name, as: Double?.self).map { "\($0)" } ?? ""
                        case .text: return try row.decode(column: column.name, as: String?.self).map(PlanCSV.quote) ?? ""
                        case .blob:
                            guard let data = try row.decode(column: column.name, as: Data?.self) else { return "" }
                            let folder = directory.appendingPathComponent("tep/\(table)")
                            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                            try data.write(to: folder.appendingPathComponent("\(id)"))
                            return "tep/\(table)/\(id)"
                        }
                    }
                    text += cells.joined(separator: ",") + "\r\n"
                }
                try handle.write(contentsOf: Data(text.utf8))
                total += rows.count
            }
        }
        return (tables.count, total)
    }
}
