import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TiendoCore
import ZIPFoundation

/// A file that is not a readable XLSX workbook, with a sentence saying why and what to do.
public struct XLSXError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The cells of one worksheet as Excel shows them: text, or the number as written in the file.
public struct SheetCells: Sendable {
    /// A value read from a cell.
    public enum Value: Hashable, Sendable {
        case text(String)
        /// The number as stored ("125430.5", "1E-3"): callers decide what precision they accept.
        case number(String)
        case bool(Bool)
        /// An Excel error such as #REF!.
        case error(String)

        /// A cell's value from its type attribute and text; a shared-string number that points nowhere is an error.
        static func resolve(type: String, text: String, shared: [String], cell: String) throws -> Value? {
            switch type {
            case "s":
                guard let index = Int(text), shared.indices.contains(index) else {
                    throw XLSXError("Ô \(cell) trỏ tới chuỗi không có trong tệp. Lưu lại tệp trong Excel rồi thử lại.")
                }
                return .text(shared[index])
            case "inlineStr", "str": return .text(text)
            case "b": return .bool(text == "1")
            case "e": return .error(text)
            default: return text.isEmpty ? nil : .number(text)
            }
        }

        public var asText: String {
            switch self {
            case let .text(t): t
            case let .number(n): n
            case let .bool(b): b ? "TRUE" : "FALSE"
            case let .error(e): e
            }
        }
    }

    /// Rows by 1-based number; within a row, cells by 0-based column.
    public var rows: [Int: [Int: Value]]

    public func value(row: Int, column: Int) -> Value? { rows[row]?[column] }

    public var lastRow: Int { rows.keys.max() ?? 0 }
}

/// Reads the first worksheet (or a named one) of an XLSX file held in memory.
public enum XLSXReader {
    /// Any part inflating to more than this is refused: a zip bomb must not take the server down.
    static let maxPartSize = 64 << 20

    public static func read(_ data: Data, sheet name: String? = nil) throws -> SheetCells {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw XLSXError("Tệp không phải là tệp Excel (.xlsx) đọc được. Mở tệp trong Excel và lưu lại dưới dạng \"Excel Workbook (.xlsx)\".")
        }
        guard let workbook = try part("xl/workbook.xml", in: archive) else {
            throw XLSXError("Tệp .xlsx thiếu phần xl/workbook.xml. Lưu lại tệp trong Excel rồi tải lên lại.")
        }
        let sheets = WorkbookSheets.parse(workbook)
        let rels = try part("xl/_rels/workbook.xml.rels", in: archive).map(Relationships.parse) ?? [:]
        let chosen = name.map { wanted in sheets.first { $0.name == wanted } } ?? sheets.first
        guard let chosen else {
            throw XLSXError(name.map { "Tệp không có trang tính \"\($0)\"." } ?? "Tệp không có trang tính nào.")
        }
        var target = rels[chosen.relationship] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetData = try part(target, in: archive) else {
            throw XLSXError("Tệp .xlsx thiếu trang tính \"\(chosen.name)\" (\(target)). Lưu lại tệp trong Excel rồi tải lên lại.")
        }
        let shared = try part("xl/sharedStrings.xml", in: archive).map(SharedStrings.parse) ?? []
        return try SheetParser.parse(sheetData, shared: shared)
    }

    static func part(_ path: String, in archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= maxPartSize else {
            throw XLSXError("Phần \(path) của tệp quá lớn (trên \(maxPartSize >> 20) MB khi giải nén).")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > maxPartSize { throw XLSXError("Phần \(path) của tệp quá lớn khi giải nén.") }
            }
        } catch let error as XLSXError { throw error } catch {
            throw XLSXError("Tệp .xlsx bị hỏng (không giải nén được \(path)). Lưu lại tệp trong Excel rồi tải lên lại.")
        }
        return data
    }
}

/// The `<sheet name r:id>` list of workbook.xml.
final class WorkbookSheets: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relationship: String)] = []

    static func parse(_ data: Data) -> [(name: String, relationship: String)] {
        parsed(data, WorkbookSheets()).sheets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard local(name) == "sheet" else { return }
        let rel = attributes.first { local($0.key) == "id" }?.value ?? ""
        sheets.append((attributes["name"] ?? "", rel))
    }
}

/// Relationship id → target of a `.rels` part.
final class Relationships: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        parsed(data, Relationships()).targets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

/// The shared string table: each `<si>`'s text, runs joined, phonetic hints left out.
final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false, inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        parsed(data, SharedStrings()).strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// A worksheet's `<c>` cells with their types resolved.
final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [Int: [Int: SheetCells.Value]] = [:]
    var row = 0, nextColumn = 0
    var ref: (row: Int, column: Int)?
    var type = "n"
    var text = ""
    var collecting = false
    var failure: XLSXError?

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: Data, shared: [String]) throws -> SheetCells {
        let delegate = SheetParser(shared: shared)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        if !parser.parse() && delegate.failure == nil {
            throw XLSXError("Trang tính không đọc được (XML lỗi ở dòng \(parser.lineNumber)). Lưu lại tệp trong Excel rồi tải lên lại.")
        }
        if let failure = delegate.failure { throw failure }
        return SheetCells(rows: delegate.rows)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "row":
            row = attributes["r"].flatMap(Int.init) ?? row + 1
            nextColumn = 0
        case "c":
            let position = attributes["r"].flatMap(Self.reference) ?? (row, nextColumn)
            ref = position
            nextColumn = position.column + 1
            type = attributes["t"] ?? "n"
            text = ""
        case "v", "t":
            collecting = ref != nil
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "v", "t":
            collecting = false
        case "c":
            guard let (r, column) = ref else { return }
            ref = nil
            let value: SheetCells.Value?
            do { value = try SheetCells.Value.resolve(type: type, text: text, shared: shared, cell: Self.name(r, column)) } catch {
                failure = error as? XLSXError
                parser.abortParsing()
                return
            }
            if let value { rows[r, default: [:]][column] = value }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    /// "F12" → (12, 5).
    static func reference(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, digits = ""
        for scalar in ref.unicodeScalars {
            switch scalar.value {
            case 65...90 where digits.isEmpty: column = column * 26 + Int(scalar.value) - 64
            case 48...57: digits.unicodeScalars.append(scalar)
            default: return nil
            }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (row, column - 1)
    }

    static func name(_ row: Int, _ column: Int) -> String { CellName.of(row: row, column: column) }
}

/// Runs `delegate` over the XML in `data` and hands it back with what it collected.
func parsed<D: NSObject & XMLParserDelegate>(_ data: Data, _ delegate: D) -> D {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    parser.parse()
    return delegate
}

/// An element or attribute name without its namespace prefix ("w:numId" → "numId"), for every OOXML part read.
func local(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
}
