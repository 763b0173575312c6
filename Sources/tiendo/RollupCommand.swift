import ArgumentParser
import Foundation
import TiendoCore
import TiendoImport

/// Every indicator of the plan at every level, from a file of figures: what the pages compute from approved data,
/// for an export from another system or for checking the roll-up against another tool.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Tính mọi chỉ tiêu ở mọi cấp (tỉnh, huyện, xã) cho một năm từ tệp số liệu CSV.",
        discussion: """
            Tệp vào: element,unit_code,period,value (kỳ: 2024, 2024-H1, 2024-Q2, 2024-05). Kết quả ra stdout:
            unit_code,level,indicator,value (giá trị chính xác, làm tròn 6 chữ số thập phân). Số liệu được tính trên bản đồ
            hành chính ngày --structure (mặc định 31/12 của năm): số liệu của xã đã sáp nhập tính cho xã kế thừa.
            """)

    @Option(help: "Tệp CSV số liệu.") var values: String
    @Option(help: "Năm tính chỉ tiêu; năm trước đó là gốc của chỉ tiêu giảm.") var year: Int
    @Option(help: "Ngày của bản đồ hành chính (YYYY-MM-DD).") var structure: String?
    @Option(help: "Ghi mô tả đầu vào (đơn vị, chỉ tiêu, ánh xạ đơn vị) vào thư mục này cho công cụ khác dùng, rồi dừng.")
    var describe: String?

    func run() throws {
        let period = ReportingPeriod.year(year), baseline = ReportingPeriod.year(year - 1)
        let map = try dateOption(structure, "--structure") ?? period.end
        let units = try SeedData.units()
        let seed = try SeedData.indicatorDefinitions()
        let figures: [DataValue]
        do {
            figures = try DataValueCSV.read(contentsOf: URL(fileURLWithPath: values)) { $0.start >= baseline.start && $0.end <= period.end }
        } catch let error as CSVError {
            throw ValidationError("\(values): \(error.description)")
        }
        // A figure at the wrong level would be added in the wrong place: the whole file is refused, each named.
        let issues = DataValidation.levelIssues(figures, elements: Dictionary(seed.elements.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }),
                                                units: units)
        guard issues.isEmpty else {
            throw ValidationError("\(values): \(issues.count) số liệu không dùng được; không tính gì.\n"
                                  + issues.prefix(100).map { "  \($0.unitCode),\($0.element): \($0.message)" }.joined(separator: "\n"))
        }
        if let describe {
            try RollupDescription.write(to: URL(fileURLWithPath: describe), values: figures, units: units, structure: map,
                                        elements: seed.elements, definitions: seed.definitions)
            return
        }
        let rollUp = RollUp(elements: seed.elements, values: figures, units: units, structure: map)
        let results = IndicatorTable.compute(seed.definitions, rollUp: rollUp, period: period, baseline: baseline)
        var out = "unit_code,level,indicator,value\n"
        out.reserveCapacity(results.count * 40)
        for result in results {
            out += "\(result.unitCode),\(result.level.rawValue),\(result.indicator),\(result.value.rounded(6))\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

/// The inputs of a roll-up as plain tables, so an independent tool can compute the same thing.
enum RollupDescription {
    static func write(to folder: URL, values: [DataValue], units: AdminUnitRegistry, structure: CivilDate,
                      elements: [DataElement], definitions: [IndicatorDefinition]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func save(_ name: String, _ lines: [String]) throws {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent(name))
        }
        try save("structure.csv", ["code,level,parent_code"] + units.units(at: structure).map { "\($0.code),\($0.level.rawValue),\($0.parentCode ?? "")" })
        try save("elements.csv", ["code,temporal,level"] + elements.map { "\($0.code),\($0.temporal.rawValue),\($0.level.rawValue)" })
        var pairs = Set<String>()
        var map = ["unit_code,period_end,target"]
        for value in values where pairs.insert("\(value.unitCode)|\(value.period.end.iso)").inserted {
            map.append("\(value.unitCode),\(value.period.end.iso),\(RollUp.target(of: value.unitCode, reportedOn: value.period.end, units: units, structure: structure))")
        }
        try save("unit_map.csv", map)
        try save("definitions.csv", ["indicator,kind,element,denominator,factor_num,factor_den,level,comparator,threshold"] + definitions.map { d in
            switch d.formula {
            case let .ratio(n, den, f): "\(d.indicator),ratio,\(n),\(den),\(f.numerator),\(f.denominator),,,"
            case let .value(e, f): "\(d.indicator),value,\(e),,\(f.numerator),\(f.denominator),,,"
            case let .countUnits(e, level, comparator, threshold): "\(d.indicator),countUnits,\(e),,1,1,\(level.rawValue),\(comparator.rawValue),\(threshold)"
            case let .shareOfUnits(e, level, comparator, threshold): "\(d.indicator),shareOfUnits,\(e),,100,1,\(level.rawValue),\(comparator.rawValue),\(threshold)"
            case let .minimumOverUnits(e, level): "\(d.indicator),minimumOverUnits,\(e),,1,1,\(level.rawValue),,"
            case let .reduction(e): "\(d.indicator),reduction,\(e),,100,1,,,"
            }
        })
    }
}
