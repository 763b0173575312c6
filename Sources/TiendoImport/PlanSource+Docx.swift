import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TiendoCore
import ZIPFoundation

extension PlanSource {
    /// A Word file: `word/document.xml` in reading order, the automatic list numbers of `numbering.xml` written out
    /// as the reader sees them ("1.", "(1)", "a)"), tables as cells, and `footnotes.xml` with each reference
    /// written as its number right after the word it marks, as printed.
    public static func docx(_ data: Data) throws -> PlanSource {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw PlanImportError("Tệp không phải là tệp Word (.docx) đọc được. Mở tệp trong Word và lưu lại dưới dạng \"Word Document (.docx)\".")
        }
        let document: Data?
        do { document = try XLSXReader.part("word/document.xml", in: archive) } catch let error as XLSXError {
            throw PlanImportError(error.description.replacingOccurrences(of: ".xlsx", with: ".docx"))
        }
        guard let document else {
            throw PlanImportError("Tệp .docx thiếu phần word/document.xml: không phải văn bản Word. Lưu lại tệp trong Word rồi nhập lại.")
        }
        let numbering = try (XLSXReader.part("word/numbering.xml", in: archive)).map(NumberingParser.parse) ?? NumberingParser.Definitions()
        let notes = try (XLSXReader.part("word/footnotes.xml", in: archive)).map(FootnoteParser.parse) ?? [:]
        let body = DocumentParser(numbering: numbering)
        let xml = XMLParser(data: document)
        xml.delegate = body
        guard xml.parse() else {
            throw PlanImportError("Tệp .docx bị hỏng: word/document.xml không đọc được (dòng \(xml.lineNumber)). Lưu lại tệp trong Word rồi nhập lại.")
        }
        var lines = body.lines
        var footnotes: [Footnote] = []
        for (index, id) in body.footnoteIds.enumerated() {
            let text = notes[id] ?? ""
            lines.append("\(index + 1) \(text)")
            footnotes.append(Footnote(number: index + 1, text: text, line: lines.count))
        }
        return assemble(lines: lines, items: body.items, footnotes: footnotes)
    }
}

/// The list definitions of `numbering.xml`: for each list instance, each level's format and text ("%1.", "(%1)").
final class NumberingParser: NSObject, XMLParserDelegate {
    struct Level { var format = "decimal"; var text = "%1."; var start = 1 }
    struct Definitions {
        var abstract: [String: [Int: Level]] = [:]
        var instances: [String: (abstract: String, starts: [Int: Int])] = [:]

        func level(numId: String, ilvl: Int) -> Level? {
            guard let instance = instances[numId], var level = abstract[instance.abstract]?[ilvl] else { return nil }
            if let start = instance.starts[ilvl] { level.start = start }
            return level
        }
    }
    var definitions = Definitions()
    private var abstractId: String?, numId: String?, ilvl: Int?

    static func parse(_ data: Data) -> Definitions { parsed(data, NumberingParser()).definitions }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let value = attributes.first { local($0.key) == "val" }?.value
        switch local(name) {
        case "abstractNum":
            abstractId = attributes.first { local($0.key) == "abstractNumId" }?.value
        case "num":
            numId = attributes.first { local($0.key) == "numId" }?.value
        case "abstractNumId":
            if let numId, let value { definitions.instances[numId] = (value, [:]) }
        case "lvl", "lvlOverride":
            ilvl = attributes.first(where: { local($0.key) == "ilvl" }).flatMap { Int($0.value) }
            if let abstractId, numId == nil, let ilvl { definitions.abstract[abstractId, default: [:]][ilvl] = Level() }
        case "start":
            if let abstractId, numId == nil, let ilvl, let v = value.flatMap({ Int($0) }) { definitions.abstract[abstractId]?[ilvl]?.start = v }
        case "startOverride":
            if let numId, let ilvl, let v = value.flatMap({ Int($0) }) { definitions.instances[numId]?.starts[ilvl] = v }
        case "numFmt":
            if let abstractId, numId == nil, let ilvl, let value { definitions.abstract[abstractId]?[ilvl]?.format = value }
        case "lvlText":
            if let abstractId, numId == nil, let ilvl, let value { definitions.abstract[abstractId]?[ilvl]?.text = value }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "abstractNum": abstractId = nil
        case "num": numId = nil
        default: break
        }
    }
}

/// Footnote id → its text.
final class FootnoteParser: NSObject, XMLParserDelegate {
    var notes: [String: String] = [:]
    private var id: String?, text = "", inText = false

    static func parse(_ data: Data) -> [String: String] { parsed(data, FootnoteParser()).notes }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "footnote":
            let type = attributes.first { local($0.key) == "type" }?.value
            id = type == nil || type == "normal" ? attributes.first { local($0.key) == "id" }?.value : nil
            text = ""
        case "t": inText = true
        case "tab": if id != nil { text += " " }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText, id != nil { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "t": inText = false
        case "p": if id != nil, !text.hasSuffix(" "), !text.isEmpty { text += " " }
        case "footnote":
            if let id { notes[id] = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping }
            id = nil
        default: break
        }
    }
}

/// The body of `document.xml`: paragraphs with their list numbers written out, tables as rows of cells
/// (a table inside a cell is read into that cell).
final class DocumentParser: NSObject, XMLParserDelegate {
    let numbering: NumberingParser.Definitions
    var lines: [String] = []
    var items: [PlanSource.TextItem] = []
    var footnoteIds: [String] = []
    private var text = "", inText = false
    private var numId: String?, ilvl = 0
    private var counters: [String: [Int: Int]] = [:]
    private var tableDepth = 0
    private var rows: [[PlanSource.Cell]] = []
    private var row: [PlanSource.Cell] = []
    private var cell: PlanSource.Cell = []

    init(numbering: NumberingParser.Definitions) { self.numbering = numbering }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let value = attributes.first { local($0.key) == "val" }?.value
        switch local(name) {
        case "p": text = ""; numId = nil; ilvl = 0
        case "t": inText = true
        case "tab", "br", "cr": text += " "
        case "noBreakHyphen": text += "-"
        case "numId": numId = value
        case "ilvl": ilvl = value.flatMap { Int($0) } ?? 0
        case "footnoteReference":
            if let id = attributes.first(where: { local($0.key) == "id" })?.value {
                footnoteIds.append(id)
                text += String(footnoteIds.count)
            }
        case "tbl":
            tableDepth += 1
            if tableDepth == 1 { rows = [] }
        case "tr": if tableDepth == 1 { row = [] }
        case "tc": if tableDepth == 1 { cell = [] }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "t": inText = false
        case "p": endParagraph()
        case "tc": if tableDepth == 1 { row.append(cell) }
        case "tr": if tableDepth == 1 { rows.append(row) }
        case "tbl":
            if tableDepth == 1 { items.append(.table(rows)) }
            tableDepth -= 1
        default: break
        }
    }

    private func endParagraph() {
        var body = PlanSource.trim(text.precomposedStringWithCanonicalMapping
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
        if let numId, numId != "0", let prefix = listNumber(numId: numId, level: ilvl) {
            body = prefix.isEmpty ? body : prefix + " " + body
        }
        guard !body.isEmpty else {
            // A paragraph of a no-break space alone is an empty cell of an appendix pasted as paragraphs.
            if tableDepth == 0, text.contains("\u{A0}") { items.append(.emptyCell) }
            return
        }
        lines.append(body)
        let paragraph = PlanSource.Paragraph(text: body, line: lines.count)
        if tableDepth > 0 { cell.append(paragraph) } else { items.append(.paragraph(paragraph)) }
    }

    /// The number Word prints before a list paragraph: its level's counter advanced, deeper levels restarted.
    private func listNumber(numId: String, level: Int) -> String? {
        guard let definition = numbering.level(numId: numId, ilvl: level) else { return nil }
        var levels = counters[numId] ?? [:]
        levels[level] = (levels[level] ?? (definition.start - 1)) + 1
        for deeper in levels.keys where deeper > level { levels[deeper] = nil }
        counters[numId] = levels
        if definition.format == "bullet" { return "-" }
        if definition.format == "none" { return "" }
        var result = definition.text
        for k in 0...level {
            let format = numbering.level(numId: numId, ilvl: k)?.format ?? "decimal"
            let n = levels[k] ?? numbering.level(numId: numId, ilvl: k)?.start ?? 1
            result = result.replacingOccurrences(of: "%\(k + 1)", with: Self.format(n, as: format))
        }
        return result
    }

    static func format(_ n: Int, as format: String) -> String {
        switch format {
        case "upperRoman": RomanNumeral.string(n)
        case "lowerRoman": RomanNumeral.string(n).lowercased()
        case "upperLetter": n >= 1 && n <= 26 ? String(UnicodeScalar(UInt8(64 + n))) : String(n)
        case "lowerLetter": n >= 1 && n <= 26 ? String(UnicodeScalar(UInt8(96 + n))) : String(n)
        case "decimalZero": n < 10 ? "0\(n)" : String(n)
        default: String(n)
        }
    }
}
