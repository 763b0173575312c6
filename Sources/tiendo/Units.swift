import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore
import TiendoStore

struct Units: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "units", abstract: "Đơn vị hành chính: liệt kê theo ngày, tỷ lệ chia số liệu của đơn vị bị chia tách.",
                                                    subcommands: [List.self, Share.self], defaultSubcommand: List.self)
}

extension Units {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê đơn vị hành chính đang có hiệu lực vào một ngày.")

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

    struct Share: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "share", 
            abstract: "Ghi tỷ lệ chia số liệu của một đơn vị bị chia tách cho các đơn vị mới (ví dụ theo dân số), kèm nguồn; số liệu dùng tỷ lệ được ghi là ước tính.")

        @Argument(help: "Mã đơn vị bị chia tách, ví dụ 06655.") var code: String
        @Option(name: .customLong("as-of"), help: "Một ngày đơn vị còn hiệu lực (YYYY-MM-DD), vì mã có thể đã được dùng lại.") var asOf: String
        @Option(name: .customLong("to"), help: "Đơn vị mới và tỷ lệ, ví dụ 06661=2/3 (lặp lại cho từng đơn vị).") var parts: [String]
        @Option(help: "Nguồn của tỷ lệ, ví dụ \"dân số 01/04/2024, Cục Thống kê\".") var source: String
        @Option(name: .customLong("as"), help: "Tài khoản quản trị ghi vào nhật ký; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let date = try dateOption(asOf, "--as-of") else { throw ValidationError("Cần --as-of.") }
            let shares = try parts.map { part -> (toCode: String, numerator: Int, denominator: Int) in
                let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2, let share = SetSplitShares.fraction(pieces[1]) else {
                    throw ValidationError("--to \(part): cần dạng MÃ=tử/mẫu, ví dụ 06661=2/3.")
                }
                return (pieces[0].trimmingCharacters(in: .whitespaces), share.numerator, share.denominator)
            }
            let saved = try await failing {
                try await withDatabase { db, _ in
                    let caller = try await callerOrTerminal(username, on: db)
                    return try await SetSplitShares(unitCode: code, asOf: date, shares: shares, source: source).run(AppContext(db: db), by: caller)
                }
            }
            for share in saved { print("\(share.fromKey) → \(share.toCode): \(share.numerator)/\(share.denominator)") }
            print("Đã ghi tỷ lệ (nguồn: \(source)). Số liệu dùng tỷ lệ này được ghi là ước tính.")
        }
    }
}
