import Foundation
import TiendoCore

/// The multi-year review ("sơ kết", "tổng kết") as the official Word document, and its Excel annex by year.
public enum ProgrammeReviewFiles {
    typealias Run = OfficialDocument.Run

    /// "≥ 100", or "—" when the year set no target.
    static func goal(_ p: ProgrammeSeries.Point) -> String {
        p.target.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese)" } ?? "—"
    }

    /// "96,8 (12/54 xã)", "chưa có số liệu", or a baseline's value as the plan stated it.
    static func figure(_ p: ProgrammeSeries.Point) -> String {
        guard let value = p.value else { return "chưa có số liệu" }
        return ExactNumber(value).vietnamese + (p.coverage.map { " (\($0.vietnamese))" } ?? "") + (p.isBaseline ? " (năm gốc)" : "")
    }

    static func verdict(_ p: ProgrammeSeries.Point) -> String {
        switch p.met { case true?: "Đạt"; case false?: "Chưa đạt"; case nil: p.isBaseline ? "" : "—" }
    }

    public static func docx(_ review: ProgrammeReview) throws -> Data {
        var doc = OfficialDocument()
        ReportFiles.header(&doc, issuer: review.issuer, place: review.place, year: String(review.years.upperBound))
        doc.paragraph([Run("BÁO CÁO", bold: true)], align: .center, before: 360, after: 0)
        doc.paragraph([Run(review.title, bold: true)], align: .center, after: 240)

        doc.heading("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI")
        for sentence in review.assessment.prefix(1) { doc.text(sentence) }
        doc.table(widths: [900, 2400, 1600, 4454], rows: [["Năm", "Số kế hoạch", "Ngày ban hành", "Cơ quan ban hành"]]
                  + review.plans.map { [String($0.year), $0.number, $0.issuedOn.vietnamese, $0.issuer] })

        doc.heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUA CÁC NĂM")
        for sentence in review.assessment.dropFirst() { doc.text(sentence) }
        for (index, series) in review.series.enumerated() {
            doc.paragraph([Run("\(index + 1). \(series.name) (\(series.unit))", bold: true, italic: true)], indent: true, keepNext: true)
            doc.table(widths: [900, 1700, 4254, 1200, 1300], rows: [["Năm", "Mục tiêu", "Kết quả (giá trị cấp tỉnh, phạm vi số liệu)", "Đánh giá", "Kế hoạch"]]
                      + series.points.map { [String($0.year), goal($0), figure($0), verdict($0), $0.planNumber ?? "—"] }, size: 11)
        }
        doc.paragraph([Run("Số liệu từng năm là giá trị cấp tỉnh tính từ số liệu đã duyệt của kế hoạch năm đó; giá trị cấp tỉnh không đổi theo bản đồ hành chính. Bảng theo năm: Phụ lục (tệp Excel kèm theo).",
                           italic: true, size: 12)], indent: true)

        doc.heading("III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
        doc.paragraph([ReportFiles.blank("[Nội dung do đơn vị soạn]", size: 14)], indent: true)
        doc.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI")
        doc.paragraph([ReportFiles.blank("[Nội dung do đơn vị soạn]", size: 14)], indent: true)
        doc.heading("V. ĐỀ XUẤT, KIẾN NGHỊ")
        doc.paragraph([ReportFiles.blank("[Nội dung đề xuất, kiến nghị do đơn vị soạn]", size: 14)], indent: true)
        ReportFiles.signature(&doc, recipients: review.recipients, authority: review.issuer.authority)
        return try doc.data()
    }

    /// One row per indicator, three columns per year (target, result, coverage) and the last year's verdict; numbers
    /// are numbers in Excel, the coverage is text.
    public static func xlsx(_ review: ProgrammeReview) throws -> Data {
        let years = Array(review.years)
        var header1: [Workbook.Cell] = [.text("STT", .header), .text("Chỉ tiêu", .header), .text("Đơn vị tính", .header)]
        var header2: [Workbook.Cell] = [.text("", .header), .text("", .header), .text("", .header)]
        for year in years {
            header1 += [.text("Năm \(year)", .header), .text("", .header), .text("", .header)]
            header2 += [.text("Mục tiêu", .header), .text("Kết quả", .header), .text("Phạm vi số liệu", .header)]
        }
        header1.append(.text("Đánh giá năm \(review.years.upperBound)", .header))
        header2.append(.text("", .header))
        var rows: [[Workbook.Cell]] = [[.text("Phụ lục. Kết quả thực hiện các chỉ tiêu theo năm, \(review.years.lowerBound)-\(review.years.upperBound)", .title)],
                                       header1, header2]
        for (index, series) in review.series.enumerated() {
            var row: [Workbook.Cell] = [.integer(index + 1), .text(series.name, .wrapped), .text(series.unit, .wrapped)]
            for year in years {
                let point = series.points.first { $0.year == year && !$0.isBaseline }
                row.append(.text(point.map(goal) ?? "—", .wrapped))
                if let value = point?.value {
                    row.append(.decimal(value, places: max(0, -value.exponent)))
                } else {
                    row.append(.text("chưa có số liệu", .wrapped))
                }
                row.append(.text(point?.coverage?.vietnamese ?? "", .wrapped))
            }
            row.append(.text(series.points.last { $0.year == review.years.upperBound && !$0.isBaseline }.map(verdict) ?? "—", .wrapped))
            rows.append(row)
        }
        let plans: [[Workbook.Cell]] = [[.text("Các kế hoạch năm", .title)],
                                        ["Năm", "Số kế hoạch", "Ngày ban hành", "Cơ quan ban hành"].map { .text($0, .header) }]
            + review.plans.map { [.integer($0.year), .text($0.number, .wrapped), .date($0.issuedOn), .text($0.issuer, .wrapped)] }
        return try Workbook(sheets: [
            .init(name: "Chỉ tiêu theo năm", rows: rows, widths: [6, 60, 16] + years.flatMap { _ in [12.0, 12, 14] } + [14], frozenRows: 3,
                  printTitleRows: 2...3),
            .init(name: "Kế hoạch", rows: plans, widths: [8, 18, 14, 40], frozenRows: 2),
        ]).data()
    }
}
