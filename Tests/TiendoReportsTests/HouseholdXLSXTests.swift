import Foundation
import Testing
import TiendoCore
@testable import TiendoImport
import TiendoReports

/// A survey given as an XLSX (first sheet, same columns) reads exactly as the same survey in CSV, with errors on Excel's rows.
@Suite struct HouseholdXLSXTests {
    let communes = CommuneTable(try! SeedData.units().units(at: CivilDate(year: 2024, month: 2, day: 1)!, level: .commune))
    let standard = try! PovertyStandard.named("qn-nq13-2023")
    static let names = ["household_id", "commune_code", "area", "members", "ethnic_minority", "weight"]
        + HouseholdRecord.incomeSources + HouseholdRecord.deprivationColumns

    func rows(_ count: Int) -> [[String]] {
        (0..<count).map { i in
            let commune = ["06970", "06973", "06649"][i % 3]
            let area = i % 5 == 0 ? "urban" : ""
            let weight = i % 4 == 0 ? "" : "1.25"
            let wages = String(i * 1_234_567 % 500_000_000), farm = String(-(i % 3) * 1_000_000)
            let head: [String] = ["H-\(i)", commune, area, String(1 + i % 6), String(i % 2), weight, wages, farm, "0", "0", "0", "0", "0"]
            let flags: [String] = (0..<12).map { ($0 + i) % 4 == 0 ? "1" : "0" }
            return head + flags
        }
    }

    func write(_ rows: [[String]], numbersAsText: Bool = false) throws -> (csv: String, xlsx: String) {
        let folder = FileManager.default.temporaryDirectory
        let csv = folder.appendingPathComponent("h-\(UUID().uuidString).csv"), xlsx = folder.appendingPathComponent("h-\(UUID().uuidString).xlsx")
        try Data(([Self.names] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: csv)
        let cells: [[Workbook.Cell]] = [Self.names.map { .text($0) }] + rows.map { row in
            row.enumerated().map { k, value in
                if k < 3 || value.isEmpty || numbersAsText { return value.isEmpty ? .empty : .text(value) }
                return value.contains(".") ? .decimal(Decimal(string: value)!, places: 2) : .integer(Int(value)!)
            }
        }
        try Workbook(sheets: [.init(name: "Hộ", rows: cells)]).data().write(to: xlsx)
        return (csv.path, xlsx.path)
    }

    @Test func theSameSurveyInXLSXAndCSVGivesTheSameTallies() throws {
        let files = try write(rows(3_000))
        let fromCSV = try HouseholdFile.scan(path: files.csv, communes: communes, standard: standard)
        let converted = try HouseholdFile.asCSV(files.xlsx)
        defer { converted.cleanup() }
        #expect(converted.path != files.xlsx)
        let fromXLSX = try HouseholdFile.scan(path: converted.path, communes: communes, standard: standard)
        #expect(fromXLSX.households == 3_000)
        #expect(fromXLSX.all == fromCSV.all)
        #expect(fromXLSX.ethnicMinority == fromCSV.ethnicMinority)
    }

    @Test func errorsInAnXLSXNameTheSheetRow() throws {
        var bad = rows(10)
        bad[6][3] = "0"                       // members < 1 on sheet row 8 (header is row 1)
        let files = try write(bad, numbersAsText: true)
        let converted = try HouseholdFile.asCSV(files.xlsx)
        defer { converted.cleanup() }
        #expect(throws: HouseholdFileRejected.self) { try HouseholdFile.scan(path: converted.path, communes: communes, standard: standard) }
        do { _ = try HouseholdFile.scan(path: converted.path, communes: communes, standard: standard) } catch let rejected as HouseholdFileRejected {
            #expect(rejected.issues.map { "\($0.line) \($0.column)" } == ["8 members"])
        }
    }

    @Test func aBrokenXLSXIsRefusedWithAReason() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).xlsx").path
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(throws: HouseholdFileRejected.self) { try HouseholdFile.asCSV(path) }
    }

    /// A small archive that inflates far beyond any real sheet is stopped by the bytes actually inflated,
    /// not by the size it declares.
    @Test func aZipBombIsStoppedWhileInflating() throws {
        let filler = String(repeating: "a", count: 40 << 20)     // 40 MB that deflates to a few dozen KB
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: path) }
        try Workbook(sheets: [.init(name: "Hộ", rows: [Self.names.map { .text($0) }, [.text(filler)]])]).data().write(to: path)
        #expect((try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int ?? 0) < 1 << 20)
        do {
            let converted = try HouseholdFile.asCSV(path.path)
            converted.cleanup()
            Issue.record("a 40 MB sheet from a small archive was unpacked")
        } catch let rejected as HouseholdFileRejected {
            #expect(rejected.description.contains("quá lớn"), "\(rejected.description)")
        }
    }
}
