import ArgumentParser
import Foundation
import TiendoCore
import TiendoStore

/// `tiendo backup --out FILE`: the whole installation in one SQLite file, taken while the server keeps serving.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup",
        abstract: "Sao lưu toàn bộ dữ liệu vào một tệp SQLite (chạy được khi máy chủ đang phục vụ).")
    @Option(help: "Tệp sao lưu sẽ tạo (không ghi đè tệp đã có).") var out: String

    func run() async throws {
        bootstrapLogging(.warning)
        let path = URL(fileURLWithPath: out).standardizedFileURL.path
        let summary = try await failing { try await withDatabase { db, _ in try await Backup.write(from: db, to: path) } }
        print("Đã sao lưu \(summary.tables) bảng, \(summary.rows) dòng vào \(path).")
        print("Đầu chuỗi nhật ký: #\(summary.auditSeq) \(summary.auditHash)")
    }
}

/// `tiendo restore FILE`: a backup into the empty database DATABASE_URL names, the audit chain checked after.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (DATABASE_URL); kiểm tra chuỗi nhật ký sau khi khôi phục.")
    @Argument(help: "Tệp do tiendo backup tạo.") var file: String

    func run() async throws {
        bootstrapLogging(.warning)
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let location = try DatabaseLocation.from()
        let summary = try await failing {
            try await OpenDatabase.with(location, migratedOnly: true) { open in try await Backup.restore(from: path, into: open.db) }
        }
        print("Đã khôi phục \(summary.tables) bảng, \(summary.rows) dòng vào \(location).")
        print("Chuỗi nhật ký đúng; đầu chuỗi: #\(summary.auditSeq) \(summary.auditHash)")
    }
}

/// `tiendo export --out DIR`: every table as CSV and every plan as JSON, for a province that takes its data elsewhere.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
        abstract: "Xuất mọi bảng ra CSV (UTF-8 có BOM, mở được bằng Excel) và mọi kế hoạch ra JSON vào một thư mục trống.")
    @Option(help: "Thư mục (mới hoặc trống).") var out: String

    func run() async throws {
        bootstrapLogging(.warning)
        let directory = URL(fileURLWithPath: out).standardizedFileURL
        let (tables, rows, plans) = try await failing {
            try await withDatabase { db, _ -> (Int, Int, Int) in
                let (tables, rows) = try await TableExport.write(db, to: directory)
                let repository = PlanRepository(db)
                let folder = directory.appendingPathComponent("ke-hoach")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                var plans = 0
                for summary in try await repository.plans() {
                    guard let loaded = try await repository.load(id: summary.id) else { continue }
                    try (try PlanExport(loaded.document).json() + Data("\n".utf8)).write(to: folder.appendingPathComponent("\(summary.id.replacingOccurrences(of: "/", with: "-")).json"))
                    plans += 1
                }
                return (tables, rows, plans)
            }
        }
        print("Đã xuất \(tables) bảng (\(rows) dòng) ra CSV và \(plans) kế hoạch ra JSON vào \(directory.path).")
    }
}
