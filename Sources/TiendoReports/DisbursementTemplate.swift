import Foundation
import TiendoCore

/// The disbursement template: one row per capital line of a plan year, its plan, and the cumulative disbursement
/// column (shaded for input) pre-filled with what is recorded; the import reads columns A and D from row 3.
public enum DisbursementTemplate {
    public static func workbook(_ funnel: CapitalFunnel, year: Int, holderName: (CapitalHolder) -> String) -> Workbook {
        var rows: [[Workbook.Cell]] = [
            [.text("Giải ngân vốn kế hoạch năm \(year): nhập số giải ngân lũy kế (đồng) vào cột D; giữ nguyên cột A.", .title)],
            ["Mã dòng vốn", "Nội dung", "Kế hoạch vốn (đồng)", "Giải ngân lũy kế (đồng)", "Chủ đầu tư"].map { .text($0, .header) },
        ]
        for f in funnel.lines {
            rows.append([.text(f.line.id, .wrapped),
                         .text("\(f.line.projectName) · \(f.line.capitalType.vietnamese) · \(f.line.origin.vietnamese)", .wrapped),
                         .integer(f.plan.value), .integer(f.disbursed.value, .input), .text(holderName(f.line.holder), .wrapped)])
        }
        return Workbook(sheets: [Workbook.Sheet(name: "Giải ngân", rows: rows, widths: [30, 48, 20, 22, 36], frozenRows: 2, printTitleRows: 2...2)])
    }
}
