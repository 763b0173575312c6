import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TiendoCore
import ZIPFoundation

/// Turns the first sheet of an XLSX file into an RFC 4180 CSV file, streaming: the sheet is unpacked to disk and
/// parsed element by element, so a sheet of hundreds of thousands of rows never sits in memory as cells.
/// Row n of the sheet becomes line n of the CSV (empty rows stay as empty lines), so errors name Excel's rows.
public enum XLSXToCSV {
    /// Unpacked parts larger than this are refused (a zip bomb, or not a survey).
    static let maxUnpacked: UInt64 = 8 << 30
    /// Sheet XML inflates 10 to 30 times; a part that inflates more than this is a bomb.
    static let maxRatio: UInt64 = 100

    /// Unpacks `entry` to `url`, counting the bytes actually inflated (an archive can declare any size it likes)
    /// and stopping at the ratio or absolute limit, so a small file cannot fill the disk.
    static func extract(_ entry: Entry, from archive: Archive, to url: URL) throws {
        let limit = min(maxUnpacked, UInt64(entry.compressedSize) * maxRatio + (1 << 20))
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
            throw XLSXError("Không ghi được tệp tạm để đọc trang tính.")
        }
        defer { try? handle.close() }
        var written: UInt64 = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                written += UInt64(chunk.count)
                guard written <= limit else {
                    throw XLSXError("Phần \(entry.path) của tệp .xlsx giải nén ra quá lớn (trên \(limit >> 20) MB từ \(entry.compressedSize) byte nén); không nhập.")
                }
                try handle.write(contentsOf: chunk)
            }
        } catch let error as XLSXError { throw error } catch {
            throw XLSXError("Tệp .xlsx bị hỏng (không giải nén được \(entry.path)). Lưu lại tệp trong Excel rồi thử lại.")
        }
    }

    public static func convert(_ xlsx: URL, to csv: URL) throws {
        let archive: Archive
        do { archive = try Archive(url: xlsx, accessMode: .read) } catch {
            throw XLSXError("\(xlsx.lastPathComponent) không phải là tệp Excel (.xlsx) đọc được. Lưu lại dưới dạng \"Excel Workbook (.xlsx)\" hoặc CSV UTF-8.")
        }
        guard let workbook = try XLSXReader.part("xl/workbook.xml", in: archive) else {
            throw XLSXError("Tệp .xlsx thiếu phần xl/workbook.xml. Lưu lại tệp trong Excel rồi thử lại.")
        }
        guard let first = WorkbookSheets.parse(workbook).first else { throw XLSXError("Tệp .xlsx không có trang tính nào.") }
        let rels = try XLSXReader.part("xl/_rels/workbook.xml.rels", in: archive).map(Relationships.parse) ?? [:]
        var target = rels[first.relationship] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let entry = archive[target], UInt64(entry.uncompressedSize) <= maxUnpacked else {
            throw XLSXError("Tệp .xlsx thiếu trang tính đầu tiên (\(target)) hoặc trang quá lớn.")
        }
        let shared = try sharedStrings(archive)
        let sheetFile = ScratchFile.url("sheet", extension: "xml")
        defer { try? FileManager.default.removeItem(at: sheetFile) }
        try extract(entry, from: archive, to: sheetFile)
        guard FileManager.default.createFile(atPath: csv.path, contents: nil), let out = try? FileHandle(forWritingTo: csv),
              let stream = InputStream(url: sheetFile) else {
            throw XLSXError("Không ghi được tệp tạm để đọc trang tính.")
        }
        defer { try? out.close() }
        let writer = RowWriter(shared: shared, out: out)
        let parser = XMLParser(stream: stream)
        parser.delegate = writer
        if !parser.parse() {
            throw writer.failure ?? XLSXError("Trang tính không đọc được (XML lỗi ở dòng \(parser.lineNumber)). Lưu lại tệp trong Excel rồi thử lại.")
        }
        writer.flush()
    }

    /// The shared strings, read once: ids and names a sheet refers to by number.
    static func sharedStrings(_ archive: Archive) throws -> [String] {
        guard let entry = archive["xl/sharedStrings.xml"] else { return [] }
        guard UInt64(entry.uncompressedSize) <= maxUnpacked else { throw XLSXError("Bảng chuỗi của tệp .xlsx quá lớn.") }
        let file = ScratchFile.url("strings", extension: "xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try extract(entry, from: archive, to: file)
        guard let stream = InputStream(url: file) else { return [] }
        let delegate = SharedStrings()
        let parser = XMLParser(stream: stream)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }
}

/// Writes each `<row>` as a CSV line as soon as it ends.
private final class RowWriter: NSObject, XMLParserDelegate {
    let shared: [String]
    let out: FileHandle
    var buffer = Data()
    var written = 0                     // sheet rows already written
    var row: [Int: String] = [:]
    var rowNumber = 0
    var column = 0, type = "n", text = "", collecting = false, inCell = false
    var failure: XLSXError?

    init(shared: [String], out: FileHandle) {
        self.shared = shared
        self.out = out
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            row = [:]
            column = 0
        case "c":
            column = attributes["r"].flatMap { SheetParser.reference($0)?.column } ?? column
            type = attributes["t"] ?? "n"
            text = ""
            inCell = true
        case "v", "t":
            collecting = inCell
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "v", "t":
            collecting = false
        case "c":
            inCell = false
            let resolved: SheetCells.Value?
            do { resolved = try SheetCells.Value.resolve(type: type, text: text, shared: shared, cell: CellName.of(row: rowNumber, column: column)) } catch {
                failure = error as? XLSXError
                parser.abortParsing()
                return
            }
            // A TRUE/FALSE cell in a 0/1 column reads as the 1 or 0 it stands for.
            let value: String
            switch resolved {
            case let .bool(b)?: value = b ? "1" : "0"
            case let other?: value = other.asText
            case nil: value = ""
            }
            if !value.isEmpty { row[column] = value }
            column += 1
        case "row":
            // Rows missing from the sheet are blank lines, so line numbers stay Excel's row numbers.
            while written + 1 < rowNumber {
                buffer.append(10)
                written += 1
            }
            let width = (row.keys.max() ?? -1) + 1
            let line = (0..<width).map { quote(row[$0] ?? "") }.joined(separator: ",")
            buffer.append(contentsOf: Array(line.utf8))
            buffer.append(10)
            written = rowNumber
            if buffer.count > 1 << 20 { flush() }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func flush() {
        out.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
