import Foundation
import TiendoCore

/// A finance spreadsheet of cumulative disbursement by capital line: Tiendo's template, or the common layout
/// "STT | Nội dung | Kế hoạch vốn | Giải ngân | Tỷ lệ" with a column mapping. Read whole; every problem is listed by
/// cell, and nothing is returned unless there is none.
public enum DisbursementUpload {
    /// Where the figures are: the column holding the line's id, the column of cumulative disbursement, the first data
    /// row, and whether amounts are in đồng or in triệu đồng (the common layout's unit).
    public struct Mapping: Hashable, Sendable {
        public enum Unit: String, Sendable, CaseIterable { case dong, millions = "trieu" }

        public var keyColumn: Int
        public var amountColumn: Int
        public var firstRow: Int
        public var unit: Unit
        public var sheet: String?

        public init(keyColumn: Int, amountColumn: Int, firstRow: Int, unit: Unit, sheet: String? = nil) {
            (self.keyColumn, self.amountColumn, self.firstRow, self.unit, self.sheet) = (keyColumn, amountColumn, firstRow, unit, sheet)
        }

        /// Tiendo's template: line id in A, cumulative disbursement in đồng in D, data from row 3.
        public static let template = Mapping(keyColumn: 0, amountColumn: 3, firstRow: 3, unit: .dong, sheet: templateSheet)

        /// A layout as a person names it: the key and amount columns as letters ("B", "D"), the first row of figures,
        /// "dong" or "trieu"; nil when any of them is not one.
        public init?(keyLetters: String, amountLetters: String, firstRow: String, unit: String, sheet: String? = nil) {
            guard let key = Self.column(keyLetters), let amount = Self.column(amountLetters), let first = Int(firstRow), first >= 1,
                  let unit = Unit(rawValue: unit) else { return nil }
            self.init(keyColumn: key, amountColumn: amount, firstRow: first, unit: unit, sheet: sheet)
        }

        /// "B" → 1; nil for anything but one to three letters.
        public static func column(_ letters: String) -> Int? {
            let upper = letters.uppercased()
            guard (1...3).contains(upper.count), upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            return upper.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        }
    }

    public static let templateSheet = "Giải ngân"

    /// One line's cumulative disbursement as the file gives it, with the row it came from.
    public struct Row: Hashable, Sendable {
        public var row: Int
        public var lineId: String
        public var cumulative: Dong
    }

    /// The rows with a line id; `lines` are the ids that exist. Blank rows and rows whose key is not a line (a
    /// heading, a subtotal) are skipped only when their amount is blank too; otherwise they are an error.
    public static func read(_ data: Data, mapping: Mapping, lines: Set<String>) throws -> [Row] {
        let cells = try XLSXReader.read(data, sheet: mapping.sheet)
        var issues: [UploadIssue] = [], rows: [Row] = [], seen: [String: Int] = [:]
        for row in stride(from: mapping.firstRow, through: max(cells.lastRow, mapping.firstRow - 1), by: 1) {
            let key = cells.value(row: row, column: mapping.keyColumn)?.asText.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let raw = cells.value(row: row, column: mapping.amountColumn)
            let amountCell = CellName.of(row: row, column: mapping.amountColumn), keyCell = CellName.of(row: row, column: mapping.keyColumn)
            let blank = raw.map { $0.asText.trimmingCharacters(in: .whitespaces).isEmpty } ?? true
            guard lines.contains(key) else {
                if !blank { issues.append(UploadIssue(cell: keyCell, message: key.isEmpty ? "dòng có số giải ngân nhưng không có mã dòng vốn."
                                                                                        : "\"\(key.clipped(to: 60))\" không phải mã dòng vốn nào.")) }
                continue
            }
            if let first = seen[key] { issues.append(UploadIssue(cell: keyCell, message: "dòng vốn \(key) đã có ở dòng \(first).")); continue }
            seen[key] = row
            guard let raw, !blank else { issues.append(UploadIssue(cell: amountCell, message: "thiếu số giải ngân lũy kế của \(key).")); continue }
            switch amount(raw, unit: mapping.unit) {
            case let .success(value) where value.value >= 0: rows.append(Row(row: row, lineId: key, cumulative: value))
            case .success: issues.append(UploadIssue(cell: amountCell, message: "số giải ngân không được âm."))
            case let .failure(problem): issues.append(UploadIssue(cell: amountCell, message: problem.message))
            }
        }
        guard issues.isEmpty else { throw UploadRejected(issues: issues) }
        guard !rows.isEmpty else { throw UploadRejected(issues: [UploadIssue(cell: "", message: "tệp không có dòng vốn nào có số giải ngân (xem lại cột mã và cột số tiền).")]) }
        return rows
    }

    /// An amount in đồng from a cell: whole đồng, or triệu đồng with at most six decimals ("381.822,5" or 381822.5).
    static func amount(_ value: SheetCells.Value, unit: Mapping.Unit) -> Result<Dong, UploadIssue> {
        let text: String
        switch value {
        case let .number(n): text = n
        case let .text(t):
            // Vietnamese writing: dots group thousands, a comma starts the decimals.
            text = t.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        default: return .failure(UploadIssue(cell: "", message: "\"\(value.asText)\" không phải số tiền."))
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "E" || $0 == "e" || $0 == "+") }),
              let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(UploadIssue(cell: "", message: "\"\(value.asText.clipped(to: 30))\" không phải số tiền."))
        }
        let dong = unit == .millions ? decimal * 1_000_000 : decimal
        var rounded = Decimal(), copy = dong
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == dong, abs(dong) < 1_000_000_000_000_000 else {
            return .failure(UploadIssue(cell: "", message: unit == .millions ? "\(value.asText) triệu đồng không quy ra được số đồng nguyên."
                                                                              : "\(value.asText) không phải số đồng nguyên."))
        }
        return .success(Dong(NSDecimalNumber(decimal: dong).intValue))
    }
}
