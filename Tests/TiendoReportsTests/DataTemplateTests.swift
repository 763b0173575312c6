import Foundation
import Testing
import TiendoCore
@testable import TiendoImport
@testable import TiendoReports

/// The Excel template a reporter downloads, and reading a filled one back.
@Suite struct DataTemplateTests {
    let directory = try! SeedData.directory()
    let elements = try! SeedData.indicatorDefinitions().elements
    let due = CivilDate(year: 2024, month: 5, day: 15)!
    var obligation: ReportObligation { try! SeedData.plan().reportObligations.first { $0.kind == .sixMonth }! }
    let period = ReportingPeriod.firstHalf(2024)

    /// Two communes of Ba Chẽ (202) in the map of the 6-month due date, each with its own lines.
    var forms: [EntryForm] {
        ["06985", "06988"].compactMap { EntryForm.make(reporter: $0, directory: directory, elements: elements, on: due) }
    }

    func template(stored: [String: Int] = [:]) throws -> Data {
        try DataTemplate.workbook(obligation: obligation, period: period, forms: forms) { reporter, unit, element in
            stored["\(reporter)|\(unit)|\(element)"].map { (value: $0, comment: nil) }
        }.data()
    }

    @Test func aCommuneFormHasItsOwnElementsAndAnAgencyOneLinePerUnit() throws {
        let commune = try #require(forms.first)
        #expect(commune.lines.count == elements.filter { $0.source == .units && $0.level == .commune }.count)
        #expect(commune.lines.allSatisfy { $0.unitCode == "06985" })
        let health = try #require(EntryForm.make(reporter: "Sở Y tế", directory: directory, elements: elements, on: due))
        let communes = directory.units.units(at: due, level: .commune).count
        #expect(health.lines.count == 2 * communes)
    }

    @Test func anUntouchedTemplateReadsBackAsTheStoredFigures() throws {
        let data = try template(stored: ["06985|06985|tong_so_ho": 1_234, "06988|06988|tong_so_ho": 1_500_000])
        let figures = try DataUpload.read(data, obligation: obligation.id, period: period, forms: forms)
        #expect(figures["06985"]?.map(\.value) == [1_234])
        #expect(figures["06988"]?.map(\.value) == [1_500_000])
        let index = try #require(forms[1].lines.firstIndex { $0.element.code == "tong_so_ho" })
        #expect(figures["06988"]?.first?.row == DataSheet.firstDataRow + forms[0].lines.count + index)
    }

    @Test func theSameFiguresGiveTheSameBytes() throws {
        #expect(try template(stored: ["06985|06985|tong_so_ho": 7]) == template(stored: ["06985|06985|tong_so_ho": 7]))
    }

    /// Rewrites cells of the template's sheet, as a user would in Excel.
    func edited(_ data: Data, _ cells: [String: Workbook.Cell]) throws -> Data {
        let sheet = try XLSXReader.read(data)
        var rows: [[Workbook.Cell]] = []
        for r in 1...max(sheet.lastRow, cells.keys.compactMap { SheetParser.reference($0)?.row }.max() ?? 0) {
            var row: [Workbook.Cell] = []
            for column in 0..<DataSheet.Column.allCases.count {
                let name = CellName.of(row: r, column: column)
                if let replacement = cells[name] { row.append(replacement); continue }
                switch sheet.value(row: r, column: column) {
                case let .text(t)?: row.append(.text(t))
                case let .number(n)?: row.append(.integer(Int(n)!))
                default: row.append(.empty)
                }
            }
            rows.append(row)
        }
        return try Workbook(sheets: [.init(name: DataSheet.sheetName, rows: rows)]).data()
    }

    func issues(_ data: Data) -> [String] {
        do {
            _ = try DataUpload.read(data, obligation: obligation.id, period: period, forms: forms)
            return []
        } catch let rejected as UploadRejected {
            return rejected.issues.map(\.cell)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func badCellsAreNamedAndEveryOneIsReported() throws {
        let base = try template()
        let row = DataSheet.firstDataRow
        #expect(issues(try edited(base, ["H\(row)": .text("12,5")])) == ["H\(row)"])
        #expect(issues(try edited(base, ["H\(row)": .decimal(12.5, places: 1), "H\(row + 1)": .text("abc")])) == ["H\(row)", "H\(row + 1)"])
        #expect(issues(try edited(base, ["H\(row)": .text("1.500.000")])).isEmpty)
        #expect(issues(try edited(base, ["A\(row)": .text("06991")])) == ["A\(row)"])          // a commune outside the scope of these forms
        #expect(issues(try edited(base, ["C\(row)": .text("khong_co")])) == ["C\(row)"])
        #expect(issues(try edited(base, ["C\(row + 1)": .text(forms[0].lines[0].element.code)])) == ["C\(row + 1)"])   // duplicate line
        #expect(issues(try edited(base, ["B2": .text("2024")])) == ["B2"])
        #expect(issues(try edited(base, ["H4": .text("Giá trị")])) == ["H4"])
        #expect(issues(try edited(base, ["H200": .integer(5)])) == ["A200"])                     // a figure on no line
    }

    @Test func aFileThatIsNotAWorkbookSaysSo() {
        #expect(throws: XLSXError.self) { try DataUpload.read(Data("tong_so_ho;5".utf8), obligation: obligation.id, period: period, forms: forms) }
    }

    @Test func textIsNormalisedAndInvalidCharactersDropped() {
        let decomposed = "Xa\u{0303} Lu\u{0323}c Ho\u{0300}n"
        #expect(XMLText.clean(decomposed) == "Xã Lục Hòn")
        #expect(XMLText.escape("a\u{1}<b>&") == "a&lt;b&gt;&amp;")
    }
}
