import Foundation
import TiendoCore

/// An XLSX workbook: sheets of typed cells, written as Office Open XML that Excel and LibreOffice open without repair.
public struct Workbook: Sendable {
    /// A cell's content and look. Numbers stay numbers so Excel can add them up.
    public enum Cell: Hashable, Sendable {
        case empty
        case text(String, Style = .plain)
        case integer(Int, Style = .integer)
        case decimal(Decimal, places: Int)
        case date(CivilDate)
    }

    public enum Style: Int, Hashable, Sendable {
        // Indices into cellXfs of `styles.xml`; keep in step with `Workbook.styles`.
        case plain = 0, header = 1, integer = 2, date = 3, wrapped = 4, title = 5, input = 6, decimal1 = 7, decimal2 = 8, note = 9
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Column widths in characters, from column A.
        public var widths: [Double]
        /// Rows kept in view when scrolling (the header block).
        public var frozenRows: Int
        /// Rows printed again at the top of every page: the table's header (the last of the frozen rows by default).
        public var printTitleRows: ClosedRange<Int>?
        /// Columns (from 0) kept in the file but hidden: codes a program reads back and a person need not see.
        public var hiddenColumns: Set<Int> = []

        public init(name: String, rows: [[Cell]], widths: [Double] = [], frozenRows: Int = 0, printTitleRows: ClosedRange<Int>? = nil) {
            self.name = name
            self.rows = rows
            self.widths = widths
            self.frozenRows = frozenRows
            self.printTitleRows = printTitleRows ?? (frozenRows > 0 ? frozenRows...frozenRows : nil)
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// The file's bytes; identical for identical sheets.
    public func data() throws -> Data {
        var entries: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(Self.rootRels.utf8)),
            ("xl/workbook.xml", Data(workbookXML.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRels.utf8)),
            ("xl/styles.xml", Data(Self.styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            entries.append(("xl/worksheets/sheet\(index + 1).xml", Data(Self.sheetXML(sheet).utf8)))
        }
        return try OfficeArchive.make(entries)
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    var contentTypes: String {
        Self.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined()
            + "</Types>"
    }

    static let rootRels = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    var workbookXML: String {
        Self.header + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + sheets.enumerated().map { index, sheet in
                // Excel caps sheet names at 31 characters and forbids []:*?/\ in them.
                let name = String(XMLText.clean(sheet.name).filter { !"[]:*?/\\".contains($0) }.prefix(31))
                return #"<sheet name="\#(XMLText.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            }.joined()
            + "</sheets>" + definedNames + "</workbook>"
    }

    /// The header rows each sheet repeats on every printed page (Excel's "Print Titles").
    var definedNames: String {
        let titles = sheets.enumerated().compactMap { index, sheet -> String? in
            guard let rows = sheet.printTitleRows else { return nil }
            let name = String(XMLText.clean(sheet.name).filter { !"[]:*?/\\".contains($0) }.prefix(31)).replacingOccurrences(of: "'", with: "''")
            return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">'\#(XMLText.escape(name))'!$\#(rows.lowerBound):$\#(rows.upperBound)</definedName>"#
        }
        return titles.isEmpty ? "" : "<definedNames>" + titles.joined() + "</definedNames>"
    }

    var workbookRels: String {
        Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Fonts: 0 Times New Roman 12, 1 bold, 2 bold 14, 3 italic. Number formats: #,##0; dd/mm/yyyy; #,##0.0; #,##0.00.
    /// Excel shows #,##0 with the reader's own separators: "1.500.000" on a Vietnamese system.
    static let styles = header + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + ##"<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.0"/><numFmt numFmtId="166" formatCode="#,##0.00"/></numFmts>"##
        + #"<fonts count="4"><font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>"#
        + #"<font><b/><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>"#
        + #"<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font>"#
        + #"<font><i/><sz val="12"/><name val="Times New Roman"/><family val="1"/></font></fonts>"#
        + #"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDE7F0"/><bgColor indexed="64"/></patternFill></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF6D5"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        + #"<border><left style="thin"><color rgb="FF999999"/></left><right style="thin"><color rgb="FF999999"/></right><top style="thin"><color rgb="FF999999"/></top><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="10">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="3" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        + #"<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="0"/></xf>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func sheetXML(_ sheet: Sheet) -> String {
        var xml = header + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        // Printed on A4 landscape, one page wide and as many long as needed.
        xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        if sheet.frozenRows > 0 {
            xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(sheet.frozenRows)" topLeftCell="A\#(sheet.frozenRows + 1)" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A\#(sheet.frozenRows + 1)" sqref="A\#(sheet.frozenRows + 1)"/></sheetView></sheetViews>"#
        }
        if !sheet.widths.isEmpty {
            xml += "<cols>" + sheet.widths.enumerated().map { index, width in
                #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"\#(sheet.hiddenColumns.contains(index) ? #" hidden="1""# : "")/>"#
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                xml += cellXML(cell, ref: CellName.of(row: r + 1, column: c))
            }
            xml += "</row>"
        }
        return xml + "</sheetData>"
            + #"<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
            + #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>"#
    }

    static func cellXML(_ cell: Cell, ref: String) -> String {
        switch cell {
        case .empty:
            return ""
        case let .text(text, style):
            return #"<c r="\#(ref)" s="\#(style.rawValue)" t="inlineStr"><is><t xml:space="preserve">\#(XMLText.escape(text))</t></is></c>"#
        case let .integer(value, style):
            return #"<c r="\#(ref)" s="\#(style.rawValue)"><v>\#(value)</v></c>"#
        case let .decimal(value, places):
            let style: Style = places >= 2 ? .decimal2 : places == 1 ? .decimal1 : .integer
            return #"<c r="\#(ref)" s="\#(style.rawValue)"><v>\#(NSDecimalNumber(decimal: value).stringValue)</v></c>"#
        case let .date(date):
            // Serial days counted from 30/12/1899, as Excel does.
            let serial = date.dayNumber - CivilDate(year: 1899, month: 12, day: 30)!.dayNumber
            return #"<c r="\#(ref)" s="\#(Style.date.rawValue)"><v>\#(serial)</v></c>"#
        }
    }
}
