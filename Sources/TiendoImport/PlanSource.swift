import Foundation
import TiendoCore

/// A plan document reduced to what every format shares: numbered lines of text, paragraphs in reading order,
/// tables as rows of cells, and footnotes. Text copied from a website and a Word file both come to this,
/// so one reader understands both.
public struct PlanSource: Sendable {
    /// A paragraph and the line it is shown on.
    public struct Paragraph: Hashable, Sendable {
        public var text: String
        public var line: Int
    }
    /// A table cell: its paragraphs, possibly none.
    public typealias Cell = [Paragraph]
    public enum Block: Sendable {
        case paragraph(Paragraph)
        case table([[Cell]])
    }
    public struct Footnote: Hashable, Sendable {
        public var number: Int
        public var text: String
        public var line: Int
    }

    /// What the reviewer sees, line n at index n - 1.
    public var lines: [String]
    public var blocks: [Block]
    public var footnotes: [Footnote]

    /// Reads a plan file by its name: `.docx`, or text (`.txt`, `.md`, anything else).
    public static func read(_ data: Data, fileName: String) throws -> PlanSource {
        if fileName.lowercased().hasSuffix(".docx") { return try docx(data) }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw PlanImportError("Tệp \(fileName) là tệp nén (có thể là .docx bị đổi tên). Đặt lại đuôi .docx rồi nhập lại.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanImportError("Tệp \(fileName) không phải văn bản UTF-8. Lưu lại dưới dạng văn bản UTF-8 (.txt) hoặc Word (.docx).")
        }
        return self.text(text)
    }

    /// Text as copied from a legal-document website or written in Markdown: the site's own lines before the
    /// document and after it are dropped; a line holding only a no-break space is an empty table cell.
    public static func text(_ raw: String) -> PlanSource {
        var text = raw.precomposedStringWithCanonicalMapping
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let rawLines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line numbers are the file's own, so "dòng 97" is line 97 in the reviewer's editor too.
        var lines = rawLines.map { trim(cleanMarkdown($0)) }
        // The document starts at its issuer, an upper-case line; a site's title or menu comes before it.
        let first = lines.firstIndex(where: isUpperCaseLine) ?? 0
        var items: [TextItem] = []
        for index in first..<rawLines.count {
            let raw = rawLines[index], trimmed = lines[index], line = index + 1
            if trimmed.isEmpty {
                if raw.contains("\u{A0}") { items.append(.emptyCell) }
            } else if trimmed.hasPrefix("|") {
                items.append(.tableRow(markdownCells(trimmed).map { $0.isEmpty ? [] : [Paragraph(text: $0, line: line)] }))
            } else {
                items.append(.paragraph(Paragraph(text: trimmed, line: line)))
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return assemble(lines: lines, items: items, footnotes: [])
    }

    /// What text and Word files are read into before their tables are known.
    enum TextItem {
        case paragraph(Paragraph)
        /// A paragraph holding only a no-break space: an empty cell of a table flattened to paragraphs.
        case emptyCell
        /// A Markdown table row.
        case tableRow([Cell])
        /// A real table (Word).
        case table([[Cell]])
    }

    /// Paragraphs into blocks, whatever the format: an appendix flattened to one cell per paragraph (a website's
    /// text, or that text pasted into Word) is rebuilt as a table; without footnotes of the format's own
    /// (footnotes.xml), trailing "1 Các xã: …", "2 Gồm: …" paragraphs numbered 1…n are the footnotes; a
    /// website's lines after the document are dropped.
    static func assemble(lines: [String], items all: [TextItem], footnotes own: [Footnote]) -> PlanSource {
        // What a website prints after the document is not part of it, in a text file or pasted into Word.
        let items = all.prefix { item in
            guard case let .paragraph(p) = item else { return true }
            return !siteTrailers.contains { p.text.hasPrefix($0) }
        }
        var footnotes: [Footnote] = []
        var end = items.count
        while own.isEmpty, end > 0 {
            switch items[end - 1] {
            case .emptyCell: end -= 1; continue
            case let .paragraph(p):
                if let (n, rest) = leadingNumber(p.text), n >= 1, n <= 20 {
                    footnotes.insert(Footnote(number: n, text: rest, line: p.line), at: 0)
                    end -= 1
                    continue
                }
            case .tableRow, .table: break
            }
            break
        }
        if footnotes.map(\.number) != Array(1...max(1, footnotes.count)) || footnotes.isEmpty {
            footnotes = own
            end = items.count
        }
        return PlanSource(lines: lines, blocks: blocks(Array(items[..<end])), footnotes: footnotes)
    }

    /// Lines a legal-document website prints after the document itself.
    static let siteTrailers = ["HIỆU LỰC VĂN BẢN", "Tải văn bản", "Văn bản liên quan", "Lược đồ", "Nội dung MIX"]

    /// Paragraphs, Markdown tables, and the appendix table that a website flattens to one cell per line.
    static func blocks(_ items: [TextItem]) -> [Block] {
        var blocks: [Block] = []
        var i = 0
        while i < items.count {
            switch items[i] {
            case .emptyCell:
                i += 1
            case let .table(rows):
                blocks.append(.table(rows))
                i += 1
            case .tableRow:
                var rows: [[Cell]] = []
                while i < items.count, case let .tableRow(cells) = items[i] {
                    if !cells.allSatisfy({ $0.allSatisfy { $0.text.allSatisfy { "-: ".contains($0) } } }) { rows.append(cells) }
                    i += 1
                }
                blocks.append(.table(rows))
            case let .paragraph(p):
                if let (table, next) = flattenedTable(items, at: i) {
                    blocks.append(.table(table))
                    i = next
                } else {
                    blocks.append(.paragraph(p))
                    i += 1
                }
            }
        }
        return blocks
    }

    /// The appendix as a website prints it: the header cells "TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian…"
    /// one per line, then group rows (a Roman numeral and a title) and task rows (a number, the task, the lead cell,
    /// the coordinating cell, the deadline), an empty cell written as a no-break space.
    static func flattenedTable(_ items: [TextItem], at start: Int) -> ([[Cell]], Int)? {
        // Most paragraphs are not a table's first cell: say so before reading five of them.
        guard case let .paragraph(first) = items[start], first.text.count <= 6, isNumberHeader(first.text) else { return nil }
        var header: [Paragraph] = []
        var i = start
        while i < items.count, header.count < 5, case let .paragraph(p) = items[i] { header.append(p); i += 1 }
        guard header.count == 5, isAppendixHeader(header.map(\.text)) else { return nil }
        var rows: [[Cell]] = [header.map { [$0] }]
        var current: [TextItem] = []
        func flush() {
            guard !current.isEmpty else { return }
            rows.append(cells(ofFlattenedRow: current))
            current = []
        }
        while i < items.count {
            if case let .paragraph(p) = items[i], isRowNumber(p.text) { flush() }
            if case .paragraph = items[i] {} else if case .emptyCell = items[i] {} else { break }
            current.append(items[i])
            i += 1
        }
        flush()
        return (rows, i)
    }

    /// Whether five cells are an appendix header: a number column, the task, who leads, who helps, when.
    public static func isAppendixHeader(_ cells: [String]) -> Bool {
        guard cells.count >= 4, isNumberHeader(cells[0]) else { return false }
        let n = cells.map { AgencyDirectory.normalise($0) }
        return n.contains { $0.hasPrefix("chủ trì") } && n.contains { $0.hasPrefix("phối hợp") }
    }

    /// "TT", "STT", "Số TT": the header of a table's number column.
    static func isNumberHeader(_ cell: String) -> Bool {
        ["tt", "stt", "số tt"].contains(AgencyDirectory.normalise(cell))
    }

    static func isRowNumber(_ text: String) -> Bool {
        (text.count <= 3 && Int(text) != nil) || RomanNumeral.value(text) != nil
    }

    /// Splits a flattened row: the number, then the task, the middle cells (lead, coordinating) and the deadline.
    /// Bulleted paragraphs ("- …", "(1) …") that follow one another belong to one cell.
    static func cells(ofFlattenedRow items: [TextItem]) -> [Cell] {
        var paragraphs: [Paragraph?] = []
        for item in items {
            switch item {
            case let .paragraph(p): paragraphs.append(p)
            case .emptyCell: paragraphs.append(nil)
            case .tableRow, .table: break
            }
        }
        while let last = paragraphs.last, last == nil { paragraphs.removeLast() }
        guard let number = paragraphs.first ?? nil else { return [] }
        if RomanNumeral.value(number.text) != nil {
            return [[number], paragraphs.dropFirst().compactMap { $0 }]
        }
        var rest = Array(paragraphs.dropFirst())
        while let first = rest.first, first == nil { rest.removeFirst() }
        guard let task = rest.first ?? nil else { return [[number]] }
        rest.removeFirst()
        guard let deadline = rest.popLast() ?? nil else { return [[number], [task]] }
        var middle: [Cell] = []
        for p in rest {
            guard let p else { middle.append([]); continue }
            if let previous = middle.last?.first, let kind = bullet(p.text), bullet(previous.text) == kind {
                middle[middle.count - 1].append(p)
            } else {
                middle.append([p])
            }
        }
        // Two middle cells are the lead and the coordinating cell; one means nobody coordinates.
        if middle.count == 1 { middle.append([]) }
        return [[number], [task]] + middle + [[deadline]]
    }

    /// "-" or "+" for a dash bullet, "(n)" for a numbered one.
    static func bullet(_ text: String) -> String? {
        if text.hasPrefix("- ") || text.hasPrefix("+ ") || text.hasPrefix("• ") { return String(text.prefix(1)) }
        if text.hasPrefix("("), let close = text.firstIndex(of: ")"), Int(text[text.index(after: text.startIndex)..<close]) != nil { return "(n)" }
        return nil
    }

    static func trim(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{A0}\t")))
    }

    /// "12 Some text" → (12, "Some text").
    static func leadingNumber(_ text: String) -> (Int, String)? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, let n = Int(digits) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard rest.first == " " else { return nil }
        return (n, rest.trimmingCharacters(in: .whitespaces))
    }

    /// Whether a line is written in capitals, as an issuer's name is ("ỦY BAN NHÂN DÂN").
    static func isUpperCaseLine(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 3 && letters.allSatisfy(\.isUppercase)
    }

    /// Markdown emphasis and heading marks removed; the words stay.
    static func cleanMarkdown(_ line: String) -> String {
        var s = line
        while s.hasPrefix("#") { s.removeFirst() }
        for mark in ["**", "__"] { s = s.replacingOccurrences(of: mark, with: "") }
        return s.hasPrefix(">") ? String(s.dropFirst()) : s
    }

    static func markdownCells(_ line: String) -> [String] {
        var s = Substring(line)
        if s.hasPrefix("|") { s = s.dropFirst() }
        if s.hasSuffix("|") { s = s.dropLast() }
        return s.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "<br>", with: " ").trimmingCharacters(in: .whitespaces) }
    }
}

/// Roman numerals as plans number their sections and appendix groups (I–XX).
enum RomanNumeral {
    static let numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]

    static func value(_ text: String) -> Int? {
        numerals.firstIndex(of: text.trimmingCharacters(in: CharacterSet(charactersIn: ". "))).map { $0 + 1 }
    }

    static func string(_ n: Int) -> String { (1...numerals.count).contains(n) ? numerals[n - 1] : String(n) }
}
