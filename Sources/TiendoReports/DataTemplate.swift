import Foundation
import TiendoCore

/// The Excel file a reporter downloads to fill in: one line per figure of every form in its scope,
/// pre-filled with what is already stored, the value and comment columns shaded for input.
public enum DataTemplate {
    /// `stored` gives the figure already entered for a line, by reporter, unit and element.
    public static func workbook(obligation: ReportObligation, period: ReportingPeriod, forms: [EntryForm],
                                stored: (_ reporter: String, _ unit: String, _ element: String) -> (value: Int, comment: String?)?) -> Workbook {
        var rows: [[Workbook.Cell]] = [
            [.text("Chế độ báo cáo", .header), .text(obligation.id), .text(obligation.name, .title)],
            [.text("Kỳ báo cáo", .header), .text(period.code), .text(period.label, .title)],
            [.text("Chỉ nhập vào hai cột tô vàng (Số liệu, Ghi chú), số nguyên không dấu chấm phẩy; giữ nguyên các cột khác và hai dòng trên.", .note)],
            DataSheet.Column.allCases.map { .text($0.header, .header) },
        ]
        for form in forms {
            for line in form.lines {
                let figure = stored(form.reporter, line.unitCode, line.element.code)
                rows.append([
                    .text(form.reporter, .wrapped), .text(form.reporterName, .wrapped), .text(line.element.code, .wrapped),
                    .text(line.element.name, .wrapped), .text(line.unitCode, .wrapped), .text(line.unitName, .wrapped),
                    .text(line.element.unit, .wrapped),
                    figure.map { .integer($0.value, .input) } ?? .text("", .input),
                    .text(figure?.comment ?? "", .input),
                ])
            }
        }
        var sheet = Workbook.Sheet(name: DataSheet.sheetName, rows: rows, widths: DataSheet.Column.allCases.map(\.width),
                                   frozenRows: DataSheet.headerRow)
        // The codes stay in the file (the upload reads them) but out of the way, so the sheet opens with the
        // names and the yellow input column in view.
        sheet.hiddenColumns = Set([DataSheet.Column.reporter, .element, .unit].map(\.rawValue))
        return Workbook(sheets: [sheet])
    }
}
