import Foundation

/// A Word document in the layout of NĐ 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins top and bottom 20 mm,
/// left 30 mm, right 15 mm, Times New Roman throughout, page numbers centred in the header from page 2.
/// Paragraphs and tables are added in order; `data()` writes the .docx, the same bytes for the same content.
public struct OfficialDocument: Sendable {
    public enum Align: String, Sendable { case left, center, right, both }

    /// A run of text with its look. Sizes in points.
    public struct Run: Sendable {
        public var text: String
        public var bold = false, italic = false, underline = false, highlight = false
        public var size: Double = 14

        public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, highlight: Bool = false, size: Double = 14) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.underline = underline
            self.highlight = highlight
            self.size = size
        }
    }

    /// Twips: 1 mm ≈ 56,7.
    public static let a4 = (width: 11906, height: 16838)
    public static let margins = (top: 1134, right: 851, bottom: 1134, left: 1701)
    public static let firstLineIndent = 567      // 1 cm

    var body = ""

    public init() {}

    public mutating func paragraph(_ runs: [Run], align: Align = .both, indent: Bool = false, before: Int = 0, after: Int = 120,
                                   keepNext: Bool = false) {
        body += Self.paragraphXML(runs, align: align, indent: indent, before: before, after: after, keepNext: keepNext)
    }

    /// A body paragraph: 14 pt, justified, first-line indent.
    public mutating func text(_ text: String, bold: Bool = false, italic: Bool = false) {
        paragraph([Run(text, bold: bold, italic: italic)], indent: true)
    }

    public mutating func heading(_ text: String) {
        paragraph([Run(text, bold: true)], align: .both, indent: true, before: 120, keepNext: true)
    }

    /// A table with visible borders; `widths` in twips; the first `header` rows bold and repeated on each page.
    public mutating func table(widths: [Int], rows: [[String]], header: Int = 1, size: Double = 12, borders: Bool = true) {
        body += Self.tableXML(widths: widths, rows: rows.map { row in row.map { [[Run($0, size: size)]] } }, header: header, borders: borders,
                              align: .left)
    }

    /// A borderless layout table whose cells hold several paragraphs of runs (the header and signature blocks).
    public mutating func layout(widths: [Int], cells: [[[Run]]], align: [Align]) {
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        // A header or signature block is never split across two pages.
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
        for (i, paragraphs) in cells.enumerated() {
            xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[i])\" w:type=\"dxa\"/></w:tcPr>"
            xml += paragraphs.map { Self.paragraphXML($0, align: align[i], indent: false, before: 0, after: 0, keepNext: false) }.joined()
            xml += "</w:tc>"
        }
        body += xml + "</w:tr></w:tbl>"
    }

    static func runXML(_ run: Run) -> String {
        var props = "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/>"
        if run.bold { props += "<w:b/>" }
        if run.italic { props += "<w:i/>" }
        if run.underline { props += "<w:u w:val=\"single\"/>" }
        if run.highlight { props += "<w:highlight w:val=\"yellow\"/>" }
        let half = Int((run.size * 2).rounded())
        props += "<w:sz w:val=\"\(half)\"/><w:szCs w:val=\"\(half)\"/><w:lang w:val=\"vi-VN\"/>"
        return "<w:r><w:rPr>\(props)</w:rPr><w:t xml:space=\"preserve\">\(XMLText.escape(run.text))</w:t></w:r>"
    }

    static func paragraphXML(_ runs: [Run], align: Align, indent: Bool, before: Int, after: Int, keepNext: Bool) -> String {
        var props = keepNext ? "<w:keepNext/>" : ""
        props += "<w:spacing w:before=\"\(before)\" w:after=\"\(after)\" w:line=\"288\" w:lineRule=\"auto\"/>"
        if indent { props += "<w:ind w:firstLine=\"\(firstLineIndent)\"/>" }
        props += "<w:jc w:val=\"\(align.rawValue)\"/>"
        return "<w:p><w:pPr>\(props)</w:pPr>\(runs.map(runXML).joined())</w:p>"
    }

    static func tableXML(widths: [Int], rows: [[[[Run]]]], header: Int, borders: Bool, align: Align) -> String {
        let border = borders ? "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
            "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }.joined() + "</w:tblBorders>" : ""
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>\(border)<w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        for (r, row) in rows.enumerated() {
            xml += "<w:tr>" + (r < header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for (c, paragraphs) in row.enumerated() where c < widths.count {
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[c])\" w:type=\"dxa\"/></w:tcPr>"
                xml += paragraphs.map { runs in
                    paragraphXML(r < header ? runs.map { var run = $0; run.bold = true; return run } : runs,
                                 align: r < header ? .center : align, indent: false, before: 0, after: 0, keepNext: false)
                }.joined()
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        // Word needs a paragraph between two tables and after the last one.
        return xml + "</w:tbl>" + paragraphXML([], align: .left, indent: false, before: 0, after: 0, keepNext: false)
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let ns = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// The .docx bytes.
    public func data() throws -> Data {
        let section = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
            + "<w:pgSz w:w=\"\(Self.a4.width)\" w:h=\"\(Self.a4.height)\"/>"
            + "<w:pgMar w:top=\"\(Self.margins.top)\" w:right=\"\(Self.margins.right)\" w:bottom=\"\(Self.margins.bottom)\" w:left=\"\(Self.margins.left)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
            + "<w:titlePg/></w:sectPr>"
        let document = Self.header + "<w:document \(Self.ns)><w:body>\(body)\(section)</w:body></w:document>"
        let pageNumber = Self.header + "<w:hdr \(Self.ns)><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
            + "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"26\"/></w:rPr><w:t>2</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
        let styles = Self.header + "<w:styles \(Self.ns)><w:docDefaults><w:rPrDefault><w:rPr>"
            + "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/>"
            + "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style></w:styles>"
        let settings = Self.header + "<w:settings \(Self.ns)><w:defaultTabStop w:val=\"720\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
        let contentTypes = Self.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
            + #"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
            + #"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#
            + #"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#
        let rootRels = Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
        let documentRels = Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + #"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
            + #"<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#
        return try OfficeArchive.make([
            ("[Content_Types].xml", Data(contentTypes.utf8)), ("_rels/.rels", Data(rootRels.utf8)),
            ("word/document.xml", Data(document.utf8)), ("word/styles.xml", Data(styles.utf8)), ("word/settings.xml", Data(settings.utf8)),
            ("word/header1.xml", Data(pageNumber.utf8)), ("word/_rels/document.xml.rels", Data(documentRels.utf8)),
        ])
    }
}
