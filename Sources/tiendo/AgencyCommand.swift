import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore
import TiendoStore

extension AgencyChange.Kind: ExpressibleByArgument {}

/// Provincial agencies as they change: renamed, merged, split by a decision.
struct AgencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agency", abstract: "Cơ quan cấp tỉnh: ghi và xem các lần đổi tên, hợp nhất, chia tách.",
                                                    subcommands: [Change.self, Changes.self])

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "change", 
            abstract: "Ghi một quyết định đổi tên, hợp nhất hoặc chia tách cơ quan (ghi nhật ký); tài khoản của cơ quan đổi tên hoặc hợp nhất chuyển sang cơ quan mới.")

        @Option(help: "rename (đổi tên), merge (hợp nhất) hoặc split (chia tách).") var kind: AgencyChange.Kind
        @Option(help: "Cơ quan cũ (lặp lại khi hợp nhất).") var from: [String]
        @Option(help: "Cơ quan mới (lặp lại khi chia tách).") var into: [String]
        @Option(help: "Ngày có hiệu lực (YYYY-MM-DD).") var on: String
        @Option(help: "Số quyết định, ví dụ 12/QĐ-UBND.") var decision: String
        @Option(name: .customLong("decision-date"), help: "Ngày ký quyết định (YYYY-MM-DD).") var decisionDate: String?
        @Option(help: "Ghi chú.") var note: String?
        @Option(name: .customLong("as"), help: "Tài khoản quản trị ghi vào nhật ký; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let effective = try dateOption(on, "--on") else { throw ValidationError("Cần --on.") }
            let change = AgencyChange(kind: kind, from: from, into: into, effectiveOn: effective, decision: decision,
                                      decisionDate: try dateOption(decisionDate, "--decision-date"), note: note)
            let (recorded, moved) = try await failing {
                try await withDatabase { db, _ in
                    let caller = try await callerOrTerminal(username, on: db)
                    return try await RecordAgencyChange(change).run(AppContext(db: db), by: caller)
                }
            }
            print("Đã ghi: \(recorded.kind.vietnamese) \(recorded.from.joined(separator: " + ")) → \(recorded.into.joined(separator: " + ")) từ ngày \(recorded.effectiveOn.vietnamese) (\(recorded.decision)).")
            if !moved.isEmpty { print("Tài khoản chuyển sang cơ quan mới: \(moved.joined(separator: ", ")).") }
        }
    }

    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "changes", abstract: "Liệt kê các thay đổi cơ quan đã ghi.")

        func run() async throws {
            bootstrapLogging(.warning)
            let changes = try await withDatabase { db, _ in
                try await MapChanges(db).agencyChanges(province: try await PlanRepository(db).loadDefault()?.directory.provinceCode ?? "22")
            }
            let rows = changes.map { [$0.effectiveOn.vietnamese, $0.kind.vietnamese, $0.from.joined(separator: " + "), $0.into.joined(separator: " + "),
                                      $0.decision + ($0.decisionDate.map { " ngày \($0.vietnamese)" } ?? "")] }
            print(TextTable.render(header: ["Hiệu lực", "Thay đổi", "Cơ quan cũ", "Cơ quan mới", "Quyết định"], rows: rows))
            print("\(changes.count) thay đổi.")
        }
    }
}
