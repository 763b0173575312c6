import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore
import TiendoStore

extension ProgressStatus: ExpressibleByArgument {}

struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "task", abstract: "Báo cáo tiến độ một nhiệm vụ.",
                                                    subcommands: [Update.self])

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", 
            abstract: "Gửi cập nhật tiến độ thay mặt một tài khoản; quyền được kiểm tra như qua API.")
        @Argument(help: "Mã nhiệm vụ, ví dụ III.2.(4) hoặc PL.10.") var code: String
        @Option(help: "not_started, in_progress, done hoặc blocked.") var status: ProgressStatus
        @Option(help: "Tỷ lệ hoàn thành 0–100.") var progress: Int
        @Option(help: "Nội dung báo cáo.") var note: String = ""
        @Option(help: "Báo cáo thay cho cơ quan (tên) hoặc đơn vị (mã); mặc định phạm vi của tài khoản.") var unit: String?
        @Option(name: .customLong("evidence-number"), help: "Số văn bản minh chứng.") var evidenceNumber: String?
        @Option(name: .customLong("evidence-date"), help: "Ngày văn bản minh chứng (YYYY-MM-DD).") var evidenceDate: String?
        @Option(name: .customLong("as"), help: "Tài khoản gửi báo cáo.") var username: String
        @OptionGroup var choice: PlanOption

        func run() async throws {
            bootstrapLogging(.warning)
            let date = try dateOption(evidenceDate, "--evidence-date")
            let request = TaskUpdateRequest(status: status, progress: progress, note: note, unit: unit,
                                            evidenceNumber: evidenceNumber, evidenceDate: date)
            try await failing {
                try await withDatabase { db, _ in
                    guard let principal = try await AppContext(db: db).principal(username) else {
                        throw AppError.notFound("Không có tài khoản \"\(username)\".")
                    }
                    let update = try await PostTaskUpdate(task: code, request: request)
                        .run(AppContext(db: db, planId: choice.plan), by: Caller(principal: principal, address: "dòng lệnh"))
                    print("Đã ghi cập nhật số \(update.id ?? 0) cho \(code): \(update.reporter) — \(update.status.vietnamese), \(update.progress)%.")
                }
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Nhật ký thay đổi.",
                                                    subcommands: [Verify.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Kiểm tra chuỗi băm của nhật ký; lỗi nếu có mục bị sửa, xóa hay đổi chỗ.")

        func run() async throws {
            bootstrapLogging(.warning)
            let (problem, count) = try await withDatabase { db, _ in
                (try await AuditLog.verify(on: db), try await AuditLog.entries(on: db).count)
            }
            if let problem {
                FileHandle.standardError.write(Data("Nhật ký KHÔNG toàn vẹn. \(problem.description)\n".utf8))
                throw ExitCode(1)
            }
            print("Nhật ký toàn vẹn: \(count) mục, chuỗi băm khớp.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê nhật ký thay đổi.")
        enum Format: String, ExpressibleByArgument { case table, csv }
        @Option(help: "Loại đối tượng: \(AuditEntity.allCases.map(\.rawValue).joined(separator: ", ")).") var entity: AuditEntity?
        @Option(help: "Người thực hiện.") var user: String?
        @Option(help: "Từ ngày (YYYY-MM-DD).") var since: String?
        @Option(help: "table hoặc csv.") var format: Format = .table

        func run() async throws {
            bootstrapLogging(.warning)
            let from = try dateOption(since, "--since").map { "\($0.iso)T00:00:00" }
            let entries = try await withDatabase { db, _ in
                try await AuditLog.entries(on: db, entity: entity, user: user, since: from)
            }
            let header = ["Số", "Thời điểm (UTC)", "Người thực hiện", "Địa chỉ", "Đối tượng", "Mã", "Trường", "Cũ", "Mới", "Lý do"]
            let rows = entries.map { e in
                [String(e.seq), e.at, e.actor, e.address ?? "", e.entity, e.entityId, e.field ?? "", e.oldValue ?? "", e.newValue ?? "", e.reason ?? ""]
            }
            switch format {
            case .csv:
                let lines = ([header] + rows).map { $0.map(PlanCSV.quote).joined(separator: ",") }
                FileHandle.standardOutput.write(Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8))
            case .table:
                print(TextTable.render(header: header, rows: rows.map { $0.map { ($0).clipped(to: 40) } }))
            }
        }
    }
}

extension AuditEntity: ExpressibleByArgument {}
