import ArgumentParser
import Foundation
import TiendoCore
import TiendoStore

struct Tasks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", 
        abstract: "Liệt kê nhiệm vụ của kế hoạch (mục III và Phụ lục), lọc theo cơ quan, đơn vị hoặc thời hạn.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Tên cơ quan, ví dụ \"Sở Xây dựng\" (kể cả khi được giao qua \"Các sở, ban, ngành\").") var agency: String?
    @Option(help: "Mã đơn vị hành chính cấp huyện hoặc xã, ví dụ 193.") var unit: String?
    @Option(name: .customLong("due-before"), help: "Chỉ nhiệm vụ có hạn đến hết ngày này (YYYY-MM-DD).") var dueBefore: String?
    @Option(help: "Định dạng: table hoặc json.") var format: Format = .table
    @OptionGroup var choice: PlanOption

    func run() async throws {
        bootstrapLogging(.warning)
        let due = try dateOption(dueBefore, "--due-before")
        let filter = TaskFilter(agency: agency, unitCode: unit, dueBefore: due)
        let listings = try await withDatabase { db, _ in
            let loaded = try await choice.loaded(db)
            do {
                return try TaskQuery.run(loaded.document, directory: loaded.directory, filter: filter)
            } catch let error as TaskFilterError {
                throw ValidationError("--\(error.parameter == "unit" ? "unit" : "agency"): \(error.message)")
            }
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try PlanExport.encoder.encode(listings) + Data("\n".utf8))
        case .table:
            let filtered = agency != nil || unit != nil
            let rows = listings.map { t in
                [t.code, t.deadline?.date?.vietnamese ?? "", (t.leads.joined(separator: "; ")).clipped(to: 40)]
                    + (filtered ? [Tasks.roles(t.matchedAs ?? [])] : []) + [(t.text).clipped(to: 60)]
            }
            let header = ["Mã", "Hạn", "Chủ trì"] + (filtered ? ["Vai trò"] : []) + ["Nội dung"]
            print(TextTable.render(header: header, rows: rows))
            print("\(listings.count) nhiệm vụ.")
        }
    }
}

extension Tasks {
    /// "chủ trì" or "phối hợp", naming the collective when the match comes through one.
    static func roles(_ matches: [TaskMatch]) -> String {
        let parts = matches.map { match -> String in
            let role = match.role == .lead ? "chủ trì" : "phối hợp"
            return match.throughCollective ? "\(role) (qua \(match.via))" : role
        }
        return parts.uniqued().joined(separator: ", ")
    }
}

/// Plain-text tables for the terminal; widths count characters, so Vietnamese letters line up.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
