import Foundation
import TiendoCore

/// A problem in an uploaded template, named by its cell so the user can find it in Excel.
public struct UploadIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// "H12", or "" when the problem is the file as a whole.
    public var cell: String
    public var message: String

    public init(cell: String, message: String) {
        self.cell = cell
        self.message = message
    }

    public var description: String { cell.isEmpty ? message : "Ô \(cell): \(message)" }
}

/// An upload that cannot be applied; nothing was stored.
public struct UploadRejected: Error, Sendable, CustomStringConvertible {
    public var issues: [UploadIssue]
    public init(issues: [UploadIssue]) { self.issues = issues }
    public var description: String {
        "Tệp chưa được nhận: \(issues.count) lỗi. " + issues.prefix(5).map(\.description).joined(separator: " ")
    }
}

/// Reads a filled-in template back into figures, checking every line against the forms the user may fill.
public enum DataUpload {
    /// Figures by reporter, in sheet order; a reporter of `forms` without a single line in the file is absent,
    /// one whose lines are all blank maps to no figures.
    /// Throws `UploadRejected` listing every problem found, or `XLSXError` for a file that is not a workbook.
    public static func read(_ data: Data, obligation: String, period: ReportingPeriod, forms: [EntryForm]) throws -> [String: [DataSheet.Figure]] {
        let cells = try XLSXReader.read(data, sheet: DataSheet.sheetName)
        var issues: [UploadIssue] = []
        func text(_ row: Int, _ column: DataSheet.Column) -> String {
            cells.value(row: row, column: column.rawValue)?.asText.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        let fileObligation = cells.value(row: DataSheet.obligationRow, column: 1)?.asText ?? ""
        let filePeriod = cells.value(row: DataSheet.periodRow, column: 1)?.asText ?? ""
        if fileObligation != obligation {
            issues.append(UploadIssue(cell: "B\(DataSheet.obligationRow)",
                                      message: "tệp là mẫu của chế độ báo cáo \"\(fileObligation)\", không phải \"\(obligation)\". Tải mẫu đúng từ trang này."))
        }
        if filePeriod != period.code {
            issues.append(UploadIssue(cell: "B\(DataSheet.periodRow)",
                                      message: "tệp là mẫu của kỳ \"\(filePeriod)\", không phải \(period.label) (\(period.code)). Tải mẫu đúng kỳ."))
        }
        for column in DataSheet.Column.allCases where text(DataSheet.headerRow, column) != column.header {
            issues.append(UploadIssue(cell: CellName.of(row: DataSheet.headerRow, column: column.rawValue),
                                      message: "tiêu đề cột phải là \"\(column.header)\". Không thêm, xóa hay đổi chỗ các cột của mẫu."))
        }
        guard issues.isEmpty else { throw UploadRejected(issues: issues) }

        let lines = Dictionary(forms.flatMap { form in form.lines.map { ("\(form.reporter)|\($0.unitCode)|\($0.element.code)", $0) } },
                               uniquingKeysWith: { first, _ in first })
        let reporters = Set(forms.map(\.reporter))
        var seen: [String: Int] = [:]
        var result: [String: [DataSheet.Figure]] = [:]
        for row in stride(from: DataSheet.firstDataRow, through: cells.lastRow, by: 1) {
            let reporter = text(row, .reporter), element = text(row, .element), unit = text(row, .unit)
            let rawValue = cells.value(row: row, column: DataSheet.Column.value.rawValue)
            let comment = text(row, .comment)
            if reporter.isEmpty && element.isEmpty && unit.isEmpty {
                if rawValue.map({ !$0.asText.trimmingCharacters(in: .whitespaces).isEmpty }) == true || !comment.isEmpty {
                    issues.append(UploadIssue(cell: "A\(row)", message: "dòng có số liệu nhưng thiếu mã đơn vị và mã chỉ tiêu. Chép số liệu vào đúng dòng của mẫu."))
                }
                continue
            }
            guard reporters.contains(reporter) else {
                issues.append(UploadIssue(cell: DataSheet.Column.reporter.letter + "\(row)",
                                          message: "\"\(reporter)\" không thuộc phạm vi nhập số liệu của tài khoản này."))
                continue
            }
            let key = "\(reporter)|\(unit)|\(element)"
            guard lines[key] != nil else {
                issues.append(UploadIssue(cell: DataSheet.Column.element.letter + "\(row)",
                                          message: "chỉ tiêu \"\(element)\" của đơn vị \"\(unit)\" không có trong biểu mẫu của \(reporter). Giữ nguyên các cột mã của mẫu."))
                continue
            }
            if let first = seen[key] {
                issues.append(UploadIssue(cell: DataSheet.Column.element.letter + "\(row)", message: "trùng với dòng \(first)."))
                continue
            }
            seen[key] = row
            if result[reporter] == nil { result[reporter] = [] }   // present with every line blank: its figures are cleared
            guard let rawValue, !rawValue.asText.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            switch integer(rawValue) {
            case let .success(value):
                result[reporter, default: []].append(DataSheet.Figure(reporter: reporter, element: element, unitCode: unit, value: value,
                                                                      comment: comment.isEmpty ? nil : comment, row: row))
            case let .failure(problem):
                issues.append(UploadIssue(cell: DataSheet.Column.value.letter + "\(row)", message: problem.message))
            }
        }
        guard issues.isEmpty else { throw UploadRejected(issues: issues) }
        return result
    }

    /// A whole number from a numeric cell, or from text such as "1.500.000" typed into a text cell.
    static func integer(_ value: SheetCells.Value) -> Result<Int, UploadIssue> {
        switch value {
        case let .number(text):
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                return .failure(UploadIssue(cell: "", message: "\"\(text)\" không phải là số."))
            }
            var rounded = decimal, copy = decimal
            NSDecimalRound(&rounded, &copy, 0, .plain)
            guard rounded == decimal, let int = Int(exactly: NSDecimalNumber(decimal: decimal).int64Value),
                  Decimal(int) == decimal else {
                return .failure(UploadIssue(cell: "", message: "\(text) không phải số nguyên; nhập số nguyên (tiền tính bằng đồng)."))
            }
            return .success(int)
        case let .text(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let groups = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            let wellGrouped = groups.count == 1 || (groups.dropFirst().allSatisfy { $0.count == 3 } && (1...3).contains(groups[0].count))
            let digits = trimmed.replacingOccurrences(of: ".", with: "")
            guard wellGrouped, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let int = Int(digits) else {
                return .failure(UploadIssue(cell: "", message: "\"\(text)\" không phải số nguyên. Nhập số như 1500000 hoặc 1.500.000."))
            }
            return .success(int)
        case .bool, .error:
            return .failure(UploadIssue(cell: "", message: "\"\(value.asText)\" không phải số nguyên."))
        }
    }
}

extension UploadIssue: Error {}
