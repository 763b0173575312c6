import Foundation
import TiendoCore


/// Reads a filled works template back: one month per row that has figures, every problem named by its cell.
public enum WorkProgressUpload {
    public struct Row: Hashable, Sendable {
        public var row: Int
        public var progress: WorkProgress
    }

    /// The rows with figures for `month`; `works` are the codes that exist. A row whose figure columns are all blank is
    /// a work not reported this time; any other problem rejects the whole file.
    public static func read(_ data: Data, month: CivilDate, works: Set<String>) throws -> [Row] {
        let cells = try XLSXReader.read(data, sheet: WorkProgress.sheetName)
        let label = month.monthLabel
        var issues: [UploadIssue] = [], rows: [Row] = [], seen: [String: Int] = [:]
        for row in stride(from: 3, through: max(cells.lastRow, 2), by: 1) {
            func text(_ column: Int) -> String { cells.value(row: row, column: column)?.asText.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
            let code = text(0)
            guard !(3...5).allSatisfy({ text($0).isEmpty }) else { continue }
            guard works.contains(code) else {
                issues.append(UploadIssue(cell: CellName.of(row: row, column: 0), message: code.isEmpty ? "dòng có số liệu nhưng không có mã công trình."
                                                                                                  : "\"\(code.clipped(to: 40))\" không phải mã công trình nào."))
                continue
            }
            if let first = seen[code] { issues.append(UploadIssue(cell: CellName.of(row: row, column: 0), message: "công trình \(code) đã có ở dòng \(first).")); continue }
            seen[code] = row
            if text(2) != label { issues.append(UploadIssue(cell: CellName.of(row: row, column: 2), message: "tháng phải là \(label) (tháng đang nhập).")) }
            func amount(_ column: Int, _ what: String) -> Dong? {
                guard let value = cells.value(row: row, column: column), !text(column).isEmpty else {
                    issues.append(UploadIssue(cell: CellName.of(row: row, column: column), message: "thiếu \(what).")); return nil
                }
                switch DisbursementUpload.amount(value, unit: .dong) {
                case let .success(dong) where dong.value >= 0: return dong
                case .success: issues.append(UploadIssue(cell: CellName.of(row: row, column: column), message: "\(what) không được âm.")); return nil
                case let .failure(problem): issues.append(UploadIssue(cell: CellName.of(row: row, column: column), message: problem.message)); return nil
                }
            }
            func hectares(_ column: Int) -> ExactNumber?? {
                let raw = text(column)
                guard !raw.isEmpty else { return .some(nil) }
                guard let value = ExactNumber(raw) else {
                    issues.append(UploadIssue(cell: CellName.of(row: row, column: column), message: "\"\(raw.clipped(to: 20))\" không phải số ha (ví dụ 12,5).")); return nil
                }
                return .some(value)
            }
            let done = amount(3, "khối lượng thực hiện"), paid = amount(4, "giải ngân")
            let percent = Int(text(5)).flatMap { (0...100).contains($0) ? $0 : nil }
            if percent == nil { issues.append(UploadIssue(cell: CellName.of(row: row, column: 5), message: "tiến độ là số nguyên từ 0 đến 100.")) }
            let cleared = hectares(6), needed = hectares(7)
            guard let done, let paid, let percent, let cleared, let needed else { continue }
            let causes = text(8)
            rows.append(Row(row: row, progress: WorkProgress(workCode: code, month: month, valueDone: done, disbursed: paid, physicalPercent: percent,
                                                             landCleared: cleared, landNeeded: needed, causes: causes.isEmpty ? nil : causes, reportedBy: "")))
        }
        guard issues.isEmpty else { throw UploadRejected(issues: issues) }
        guard !rows.isEmpty else { throw UploadRejected(issues: [UploadIssue(cell: "", message: "tệp không có công trình nào có số liệu tháng \(label).")]) }
        return rows
    }
}
