import Foundation

/// What a capital event or a month's disbursement must satisfy before it is stored. A refusal names the field; an
/// overrun the law allows (a plan adjusted upwards later) is a warning that is stored only with a comment saying why.
public enum CapitalRules {
    /// Checks `event` against its line's figures on the event's date (`figures` nil: the line has none yet).
    public static func check(_ event: CapitalEvent, line: CapitalLine, figures: CapitalFunnel.LineFigures?, lines: Set<String>) throws {
        let field = "\(line.id) · \(event.kind.vietnamese)"
        guard event.amount.value >= 0 else { throw AppError.invalid("\(field): số tiền không được âm (\(event.amount.vietnamese)).") }
        guard !event.decision.number.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.invalid("\(field): cần số quyết định.")
        }
        let plan = figures?.plan ?? .zero
        switch event.kind {
        case .assign:
            guard figures?.startPlan == nil else {
                throw AppError.invalid("\(field): dòng vốn đã có quyết định giao; thay đổi kế hoạch bằng \"điều chỉnh\".")
            }
        case .adjust:
            guard figures?.startPlan != nil else { throw AppError.invalid("\(field): dòng vốn chưa có quyết định giao để điều chỉnh.") }
            guard event.amount >= (figures?.disbursed ?? .zero) else {
                throw AppError.invalid("\(field): kế hoạch sau điều chỉnh \(event.amount.vietnamese) thấp hơn số đã giải ngân \((figures?.disbursed ?? .zero).vietnamese).")
            }
        case .extend:
            guard case .extended = line.origin else {
                throw AppError.invalid("\(field): vốn kéo dài ghi vào dòng vốn \"kéo dài từ năm trước\" của năm được kéo dài tới.")
            }
        case .allocate:
            guard let target = event.target, !target.isEmpty else { throw AppError.invalid("\(field): cần công trình hoặc đơn vị được phân bổ.") }
            let after = try (figures?.allocated ?? .zero).adding(event.amount, what: "vốn phân bổ")
            guard after <= plan else {
                throw AppError.invalid("\(field): phân bổ \(after.vietnamese) vượt kế hoạch vốn \(plan.vietnamese) của dòng.")
            }
        case .withdraw, .transfer:
            let left = plan.value - (figures?.disbursed ?? .zero).value
            guard event.amount.value <= left else {
                throw AppError.invalid("\(field): chỉ còn \(Dong(left).vietnamese) chưa giải ngân để \(event.kind.vietnamese).")
            }
            if event.kind == .transfer {
                guard let target = event.target, lines.contains(target), target != line.id else {
                    throw AppError.invalid("\(field): cần dòng vốn nhận điều chuyển (mã dòng vốn khác đã có).")
                }
            }
        }
    }

    /// Checks a month's disbursement. Returns the warning a comment must answer when the line's total would pass its
    /// plan (refused without a comment); throws for what is never allowed. `after` is the line's disbursed total with
    /// this month counted (a finance figure replaces the holder's for its month); nil: the total plus this month.
    public static func check(_ month: Disbursement, figures: CapitalFunnel.LineFigures, reportedMonths: Set<CivilDate>,
                             today: CivilDate, comment: String?, after: Dong? = nil) throws -> String? {
        let field = "\(month.lineId) · tháng \(month.month.month)/\(month.month.year)"
        guard month.disbursed.value >= 0, (month.workDone?.value ?? 0) >= 0 else { throw AppError.invalid("\(field): số tiền không được âm.") }
        guard month.month.day == CivilDate.daysIn(month: month.month.month, year: month.month.year) else {
            throw AppError.invalid("\(field): kỳ báo cáo là một tháng (ngày cuối tháng).")
        }
        guard CivilDate(year: month.month.year, month: month.month.month, day: 1)! <= today else {
            throw AppError.invalid("\(field): tháng chưa tới (hôm nay \(today.vietnamese)).")
        }
        guard figures.startPlan != nil || figures.plan.value > 0 else {
            throw AppError.invalid("\(field): dòng vốn chưa có quyết định giao hay kéo dài; chưa thể ghi giải ngân.")
        }
        guard !reportedMonths.contains(month.month) else {
            throw AppError.conflict("\(field): đã có số liệu giải ngân của tháng này; mỗi tháng một lần.")
        }
        let after = try after ?? figures.disbursed.adding(month.disbursed, what: "giải ngân")
        guard after > figures.plan else { return nil }
        let warning = "\(field): lũy kế giải ngân \(after.vietnamese) vượt kế hoạch vốn \(figures.plan.vietnamese)."
        guard let comment, !comment.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.invalid(warning + " Chỉ ghi được khi có ghi chú giải thích (ví dụ kế hoạch sẽ được điều chỉnh tăng).")
        }
        return warning
    }
}
