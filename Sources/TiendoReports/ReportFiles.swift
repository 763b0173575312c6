import Foundation
import TiendoCore

/// A drafted report as the official Word document and its Excel annexes.
public enum ReportFiles {
    typealias Run = OfficialDocument.Run

    /// Fields only the office can fill (number, day, signer) are highlighted blanks.
    static func blank(_ text: String, size: Double = 13, bold: Bool = false) -> Run { Run(text, bold: bold, highlight: true, size: size) }

    /// NĐ 30/2020's header: the issuer (and the body above it) and the number on the left, the national motto and
    /// the place and date on the right; the office fills the number and the day.
    static func header(_ doc: inout OfficialDocument, issuer: ReportDraft.Issuer, place: String, year: String) {
        var left: [[Run]] = []
        if let parent = issuer.parent { left.append([Run(parent, size: 13)]) }
        left.append([Run(issuer.name, bold: true, size: 13)])
        left.append([Run("———", size: 13)])
        left.append([Run("Số: ", size: 13), blank("……"), Run("/\(issuer.symbol)", size: 13)])
        let right: [[Run]] = [
            [Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 12)],
            [Run("Độc lập - Tự do - Hạnh phúc", bold: true, underline: true, size: 13)],
            [Run(" ", size: 13)],
            [Run("\(place), ngày ", italic: true, size: 14), blank("……"), Run(" tháng ", italic: true, size: 14), blank("……"),
             Run(" năm \(year)", italic: true, size: 14)],
        ]
        doc.layout(widths: [3700, 5654], cells: [left, right], align: [.center, .center])
    }

    /// "Nơi nhận" on the left, each line ending with ";" and the last with "."; the signature block on the right.
    static func signature(_ doc: inout OfficialDocument, recipients: [String], authority: String) {
        let lines: [[Run]] = [[Run("Nơi nhận:", bold: true, italic: true, size: 12)]]
            + recipients.enumerated().map { i, name in [Run("- \(name)\(i == recipients.count - 1 ? "." : ";")", size: 11)] }
        let signature: [[Run]] = authority.split(separator: "\n").map { [Run(String($0), bold: true, size: 14)] } + [
            [Run(" ")], [Run(" ")], [Run(" ")],
            [blank("[Họ và tên người ký]", size: 14, bold: true)],
        ]
        doc.layout(widths: [4677, 4677], cells: [lines, signature], align: [.left, .center])
    }

    public static func docx(_ draft: ReportDraft) throws -> Data {
        var doc = OfficialDocument()
        header(&doc, issuer: draft.issuer, place: draft.place, year: draft.periodLabel.split(separator: " ").last.map(String.init) ?? "")
        doc.paragraph([Run("BÁO CÁO", bold: true)], align: .center, before: 360, after: 0)
        doc.paragraph([Run(draft.title, bold: true)], align: .center, after: 240)
        if !draft.missing.isEmpty {
            doc.paragraph([Run("Lưu ý: báo cáo lập khi chưa đủ báo cáo của các đơn vị; còn \(draft.missing.count) đơn vị chưa gửi: "
                               + draft.missing.joined(separator: ", ") + ".", italic: true, size: 13)], indent: true)
        }
        doc.heading("I. ĐÁNH GIÁ CHUNG")
        for sentence in draft.assessment { doc.text(sentence) }

        doc.heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
        doc.table(widths: [700, 2700, 1000, 1200, 1200, 1300, 1254],
                  rows: [["Mã", "Chỉ tiêu", "Đơn vị tính", "Năm gốc", "Mục tiêu", "\(draft.periodLabel)", "Đánh giá"]]
                      + draft.indicators.map { [$0.code, $0.name, $0.unit, $0.baseline, $0.goal, $0.value, $0.status] })
        doc.paragraph([Run("Nguồn và cách tính từng số liệu: Phụ lục B cuối báo cáo; số liệu theo từng đơn vị: Phụ lục 1 (tệp Excel kèm theo).",
                           italic: true, size: 12)], indent: true)

        doc.heading("III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
        for section in draft.taskSections {
            doc.paragraph([Run(section.title, bold: true, italic: true)], indent: true, keepNext: true)
            // Tasks nobody has reported on are summed up in one sentence, so the report is about what was done.
            let silent = section.tasks.filter { !$0.hasReport }
            if !silent.isEmpty {
                let codes = silent.map { $0.code + ($0.isLate ? " (quá hạn)" : "") }.joined(separator: ", ")
                doc.text("\(silent.count) nhiệm vụ chưa có báo cáo tiến độ: \(codes).")
            }
            for task in section.tasks where task.hasReport {
                var line = "\(task.code) \(task.text.clipped(to: 240)) — \(task.status)"
                if let deadline = task.deadline { line += ", hạn \(deadline.vietnamese)" }
                line += ". \(task.done)"
                if !task.evidence.isEmpty { line += " Văn bản: \(task.evidence)." }
                doc.paragraph([Run(line, bold: false), Run(task.isLate ? " (quá hạn)" : "", bold: true)], indent: true)
            }
        }

        try money(&doc, draft.money)

        doc.heading("V. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO")
        if draft.completeness.isEmpty {
            doc.text("Không có đơn vị cấp dưới phải gửi báo cáo cho báo cáo này.")
        } else {
            doc.text("\(draft.completeness.count - draft.missing.count)/\(draft.completeness.count) đơn vị đã gửi báo cáo"
                     + (draft.missing.isEmpty ? "." : "; \(draft.missing.count) đơn vị chưa gửi.") + " Danh sách từng đơn vị: Phụ lục A cuối báo cáo.")
        }

        doc.heading("VI. KHÓ KHĂN, VƯỚNG MẮC")
        if draft.difficulties.isEmpty { doc.text("Các đơn vị chưa báo cáo khó khăn, vướng mắc.") }
        for difficulty in draft.difficulties { doc.text("- " + difficulty) }

        doc.heading("VII. ĐỀ XUẤT, KIẾN NGHỊ")
        doc.paragraph([blank("[Nội dung đề xuất, kiến nghị do đơn vị soạn]", size: 14)], indent: true)

        signature(&doc, recipients: draft.recipients, authority: draft.issuer.authority)

        // Annexes after the signature: who reported, and where each figure comes from, formulas in words.
        if !draft.completeness.isEmpty {
            doc.paragraph([Run("PHỤ LỤC A. TÌNH HÌNH GỬI BÁO CÁO", bold: true)], align: .center, before: 360, keepNext: true)
            doc.table(widths: [5200, 4154], rows: [["Đơn vị", "Tình trạng"]] + draft.completeness.map { [$0.reporter, $0.outcome] })
        }
        doc.paragraph([Run("PHỤ LỤC B. NGUỒN VÀ CÁCH TÍNH SỐ LIỆU", bold: true)], align: .center, before: 360, keepNext: true)
        doc.table(widths: [900, 4000, 4454], rows: [["Mã", "Số liệu", "Nguồn (đơn vị, kỳ, trạng thái duyệt, công thức)"]]
                  + draft.indicators.filter { $0.number != nil }.map { [$0.code, "\($0.value) \($0.unit): \($0.reason)", $0.source] }
                  + (draft.money.lineCount > 0 ? [["Vốn", "Giải ngân \(try draft.money.total.rate().vietnamese)", draft.money.source]] : []), size: 11)
        return try doc.data()
    }

    /// Section IV: the year's capital in words and by Dự án and capital type, in triệu đồng.
    static func money(_ doc: inout OfficialDocument, _ money: CapitalReport) throws {
        doc.heading("IV. TÌNH HÌNH PHÂN BỔ, GIẢI NGÂN VỐN")
        for sentence in try money.sentences() { doc.text(sentence) }
        guard money.lineCount > 0 else { return }
        func row(_ r: CapitalReport.Row) throws -> [String] {
            let rate = try r.rate()
            return [r.project, r.capitalType, r.startPlan.millions(), r.adjustedPlan.millions(), r.extended.millions(), r.disbursed.millions(),
                    rate.percentText ?? "—"]
        }
        doc.table(widths: [2200, 1500, 1150, 1150, 1050, 1150, 1154],
                  rows: [["Dự án", "Loại vốn", "Kế hoạch đầu năm", "Kế hoạch điều chỉnh", "Vốn kéo dài", "Giải ngân", "Tỷ lệ (%)"]]
                      + (try money.rows.map(row)) + [try row(money.total)], size: 11)
        doc.paragraph([Run("Đơn vị: triệu đồng. Tỷ lệ giải ngân trên kế hoạch điều chỉnh cộng vốn kéo dài. Chi tiết: Phụ lục 4 và danh mục công trình: Phụ lục 5 (tệp Excel kèm theo).",
                           italic: true, size: 12)], indent: true)
    }

    /// Annexes: indicators by district with the province's total, every task, and the completeness of reports.
    public static func xlsx(_ draft: ReportDraft, tasks: [ReportDraft.TaskLine]? = nil) throws -> Data {
        let table = draft.unitTable
        let indicatorNames = Dictionary(draft.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var byUnit: [[Workbook.Cell]] = [[.text("Phụ lục 1. Chỉ tiêu theo đơn vị — \(draft.periodLabel)", .title)],
                                         [.text("Đơn vị", .header)] + table.indicators.map { .text("\($0) \(indicatorNames[$0]?.name ?? "")", .header) }]
        for (u, unit) in table.units.enumerated() {
            byUnit.append([.text(unit, .wrapped)] + table.values[u].enumerated().map { i, value in
                guard let value else { return .text("", .wrapped) }
                let scale = indicatorNames[table.indicators[i]]?.scale ?? 1
                return scale == 0 ? .integer(NSDecimalNumber(decimal: value).intValue) : .decimal(value, places: scale)
            })
        }
        let allTasks = tasks ?? draft.taskSections.flatMap(\.tasks)
        let taskRows: [[Workbook.Cell]] = [[.text("Phụ lục 2. Nhiệm vụ", .title)],
                                           ["Mã", "Nội dung", "Chủ trì", "Phối hợp", "Hạn", "Tình trạng", "Cập nhật gần nhất", "Văn bản"].map { .text($0, .header) }]
            + allTasks.map { t in
                [.text(t.code, .wrapped), .text(t.text, .wrapped), .text(t.leads, .wrapped), .text(t.coordinators, .wrapped),
                 t.deadline.map { .date($0) } ?? .text("", .wrapped),
                 .text(t.status, .wrapped), .text(t.done, .wrapped), .text(t.evidence, .wrapped)]
            }
        let completeness: [[Workbook.Cell]] = [[.text("Phụ lục 3. Tình hình gửi báo cáo", .title)], [.text("Đơn vị", .header), .text("Tình trạng", .header)]]
            + draft.completeness.map { [.text($0.reporter, .wrapped), .text($0.outcome, .wrapped)] }
        let money = draft.money
        func millions(_ d: Dong) -> Workbook.Cell { .decimal(Decimal(d.value) / 1_000_000, places: 0) }
        func percent(_ r: MoneyRate) -> Workbook.Cell { r.percent.map { .decimal($0, places: 2) } ?? .text("", .wrapped) }
        var capital: [[Workbook.Cell]] = [[.text("Phụ lục 4. Kế hoạch vốn và giải ngân theo dự án, loại vốn năm \(money.year) — đến ngày \(money.asOf.vietnamese) (triệu đồng)", .title)],
                                          ["Dự án", "Loại vốn", "Kế hoạch đầu năm", "Kế hoạch điều chỉnh", "Vốn kéo dài", "Tổng kế hoạch", "Giải ngân", "Tỷ lệ giải ngân (%)"].map { .text($0, .header) }]
        for r in money.lineCount > 0 ? money.rows + [money.total] : [] {
            let whole = try r.adjustedPlan.adding(r.extended, what: "kế hoạch vốn")
            capital.append([.text(r.project, .wrapped), .text(r.capitalType, .wrapped), millions(r.startPlan), millions(r.adjustedPlan),
                            millions(r.extended), millions(whole), millions(r.disbursed), percent(try r.rate())])
        }
        if money.lineCount == 0 { capital.append([.text(try money.sentences().joined(separator: " "), .wrapped)]) }
        var works: [[Workbook.Cell]] = [[.text("Phụ lục 5. Tình hình thực hiện các công trình, dự án đầu tư — \(draft.periodLabel) (triệu đồng)", .title)],
                                        ["STT", "Tên công trình, dự án", "Chủ đầu tư", "Địa điểm xây dựng", "Quyết định đầu tư", "Tổng mức đầu tư",
                                         "Thời gian khởi công - hoàn thành", "Kế hoạch vốn năm \(money.year)", "Giá trị khối lượng thực hiện từ đầu năm",
                                         "Giải ngân từ đầu năm", "Tỷ lệ giải ngân (%)", "Tiến độ thực hiện (%)", "Ghi chú (khó khăn, vướng mắc)"].map { .text($0, .header) }]
        for (i, w) in money.works.enumerated() {
            works.append([.integer(i + 1), .text(w.name, .wrapped), .text(w.investor, .wrapped), .text(w.location, .wrapped), .text(w.decision, .wrapped),
                          w.totalInvestment.map(millions) ?? .text("", .wrapped), .text(w.schedule, .wrapped), millions(w.yearPlan),
                          millions(w.valueDone), millions(w.disbursed), percent(MoneyRate(part: w.disbursed, whole: w.yearPlan)),
                          w.physicalPercent.map { .integer($0) } ?? .text("", .wrapped), .text(w.note, .wrapped)])
        }
        return try Workbook(sheets: [
            .init(name: "PL1 Chỉ tiêu", rows: byUnit, widths: [28] + table.indicators.map { _ in 14 }, frozenRows: 2),
            .init(name: "PL2 Nhiệm vụ", rows: taskRows, widths: [12, 70, 30, 36, 12, 14, 50, 22], frozenRows: 2),
            .init(name: "PL3 Báo cáo", rows: completeness, widths: [40, 36], frozenRows: 2),
            .init(name: "PL4 Vốn", rows: capital, widths: [26, 18, 14, 14, 14, 14, 14, 12], frozenRows: 2),
            .init(name: "PL5 Công trình", rows: works, widths: [6, 40, 26, 24, 22, 14, 14, 14, 16, 14, 10, 10, 36], frozenRows: 2),
        ]).data()
    }
}
