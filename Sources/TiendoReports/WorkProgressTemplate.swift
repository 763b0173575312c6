import Foundation
import TiendoCore

/// The works' monthly report as a spreadsheet: one row per work its chủ đầu tư reports, for one month; the shaded
/// columns are filled in and the file uploaded back (`WorkProgressUpload` reads columns A and C to I from row 3).
public enum WorkProgressTemplate {
    /// `works`: each work with its last reported month (its land needed is carried over).
    public static func workbook(_ works: [(work: InvestmentWork, last: WorkProgress?)], month: CivilDate) -> Workbook {
        let label = month.monthLabel
        var rows: [[Workbook.Cell]] = [
            [.text("Báo cáo tiến độ công trình tháng \(label) (hạn ngày 25): điền các cột tô màu, giữ nguyên cột A và C; số tiền bằng đồng, trong tháng (không lũy kế).", .title)],
            ["Mã công trình", "Tên công trình", "Tháng", "Khối lượng thực hiện trong tháng (đồng)", "Giải ngân trong tháng (đồng)",
             "Tiến độ cả công trình (%)", "Mặt bằng đã giải phóng (ha)", "Diện tích cần giải phóng (ha)", "Khó khăn, nguyên nhân chậm"].map { .text($0, .header) },
        ]
        for (work, last) in works {
            rows.append([.text(work.code, .wrapped), .text(work.name, .wrapped), .text(label, .wrapped), .text("", .input), .text("", .input),
                         .text("", .input), .text(last?.landCleared?.vietnamese ?? "", .input), .text(last?.landNeeded?.vietnamese ?? "", .input),
                         .text("", .input)])
        }
        return Workbook(sheets: [Workbook.Sheet(name: WorkProgress.sheetName, rows: rows, widths: [16, 50, 10, 20, 20, 14, 14, 14, 40], frozenRows: 2, printTitleRows: 2...2)])
    }
}
