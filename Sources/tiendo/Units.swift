import ArgumentParser
import Foundation
import TiendoCore
import TiendoStore

struct Units: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Liệt kê đơn vị hành chính đang có hiệu lực vào một ngày.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// The shape tools read: {code, name, level, parentCode}.
    struct UnitOut: Encodable {
        var code: String
        var name: String
        var level: AdminLevel
        @NullEncoded var parentCode: String?
    }

    @Option(help: "Ngày (YYYY-MM-DD); mặc định hôm nay.") var at: String?
    @Option(help: "Định dạng: table hoặc json.") var format: Format = .table

    func run() async throws {
        bootstrapLogging(.warning)
        let date = try dateOption(at, "--at") ?? CivilDate.today()
        let units = try await withDatabase { db, _ in try await PlanRepository(db).units().units(at: date) }
        switch format {
        case .json:
            let out = units.map { UnitOut(code: $0.code, name: $0.name, level: $0.level, parentCode: $0.parentCode) }
            FileHandle.standardOutput.write(try PlanExport.encoder.encode(out) + Data("\n".utf8))
        case .table:
            let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            let rows = units.map { [$0.code, $0.name, $0.level.vietnamese, $0.parentCode.flatMap { names[$0] } ?? ""] }
            print(TextTable.render(header: ["Mã", "Tên", "Cấp", "Trực thuộc"], rows: rows))
            let counts = AdminLevel.allCases.compactMap { level -> String? in
                let n = units.filter { $0.level == level }.count
                return n == 0 ? nil : "\(n) cấp \(level.vietnamese)"
            }
            print("Ngày \(date.vietnamese): " + counts.joined(separator: ", ") + ".")
        }
    }
}
