import Foundation

/// An investment work ("công trình", "dự án đầu tư"): what the plan names, its decisions, its capital lines and its
/// monthly progress. A work read from a plan has its name and task and nothing else: a figure is never invented.
public struct InvestmentWork: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case preparing = "chuan-bi", underway = "dang-thi-cong", finished = "hoan-thanh", suspended = "tam-dung"

        public var vietnamese: String {
            switch self {
            case .preparing: "chuẩn bị đầu tư"
            case .underway: "đang thi công"
            case .finished: "hoàn thành"
            case .suspended: "tạm dừng"
            }
        }
    }

    /// "III.4.(1).2": the task that names it and its place in the task's text.
    public var code: String
    public var name: String
    public var planId: String
    public var taskCodes: [String]
    public var investor: CapitalHolder?
    /// Where it is: units, each a code read in the map of a day ("06652@2025-07-01").
    public var units: [String] = []
    public var project: Int?
    public var policyDecision: CapitalDecision?
    public var approvalDecision: CapitalDecision?
    public var totalInvestment: Dong?
    public var plannedStart: CivilDate?
    public var plannedFinish: CivilDate?
    public var actualStart: CivilDate?
    public var actualFinish: CivilDate?
    public var status: Status?

    public init(code: String, name: String, planId: String, taskCodes: [String], project: Int? = nil) {
        (self.code, self.name, self.planId, self.taskCodes, self.project) = (code, name, planId, taskCodes, project)
    }

    /// The works a plan's tasks name: "Dự án cải tạo, nâng cấp Đường tỉnh 342, …", "Dự án Cải tạo, xây mới trụ sở
    /// các Trạm Y tế …", "Đầu tư xây dựng mới trụ sở …", each up to the next ";" or sentence end. Programmes and
    /// schemes ("Đề án …", "Dự án 4 Chương trình …") are not works.
    public static func named(in plan: PlanDocument) -> [InvestmentWork] {
        let pattern = try! NSRegularExpression(pattern:
            "(Dự án (?:[Cc]ải tạo|[Nn]âng cấp|[Xx]ây dựng|[Xx]ây mới|[Đđ]ầu tư|[Mm]ở rộng)[^;]*?|Đầu tư xây dựng mới [^;.]*?)(?=;|\\.\\.\\.|…|\\.\\s|\\.$|$)")
        var works: [InvestmentWork] = []
        for group in plan.taskGroups {
            let project = group.projects.count == 1 ? group.projects.first : nil
            for task in group.tasks {
                let text = task.text
                let found = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match -> String? in
                    Range(match.range(at: 1), in: text).map { String(text[$0]).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }
                }
                for (index, name) in found.uniqued().enumerated() {
                    works.append(InvestmentWork(code: "\(task.code).\(index + 1)", name: name, planId: plan.id, taskCodes: [task.code], project: project))
                }
            }
        }
        return works
    }
}

/// A work's report for one month (due on the 25th): value of work done and disbursed in the month, physical progress,
/// land cleared against the land needed, and the causes of any delay.
public struct WorkProgress: Hashable, Sendable {
    public var workCode: String
    /// The month's last day.
    public var month: CivilDate
    public var valueDone: Dong
    public var disbursed: Dong
    /// Physical progress of the whole work, 0…100.
    public var physicalPercent: Int
    /// Hectares, as exact decimals ("12,5").
    public var landCleared: ExactNumber?
    public var landNeeded: ExactNumber?
    public var causes: String?
    public var reportedBy: String
    /// Who in Ban Dân tộc approved the month; nil while it waits.
    public var approvedBy: String?

    public init(workCode: String, month: CivilDate, valueDone: Dong, disbursed: Dong, physicalPercent: Int,
                landCleared: ExactNumber? = nil, landNeeded: ExactNumber? = nil, causes: String? = nil, reportedBy: String) {
        (self.workCode, self.month, self.valueDone, self.disbursed, self.physicalPercent) = (workCode, month, valueDone, disbursed, physicalPercent)
        (self.landCleared, self.landNeeded, self.causes, self.reportedBy) = (landCleared, landNeeded, causes, reportedBy)
    }

    /// The sheet of the works' monthly report template.
    public static let sheetName = "Tiến độ công trình"

    /// The day a month's report is due.
    public static func due(_ month: CivilDate) -> CivilDate { CivilDate(year: month.year, month: month.month, day: 25)! }

    /// Refuses what cannot be: a future month, a second report of a month, negative amounts, a percentage outside
    /// 0…100 or below the last month's, more land cleared than needed. Names the work, the month and the field.
    public func check(previous: [WorkProgress], today: CivilDate) throws {
        let field = "\(workCode) · tháng \(month.month)/\(month.year)"
        guard month.day == CivilDate.daysIn(month: month.month, year: month.year) else { throw AppError.invalid("\(field): kỳ báo cáo là một tháng.") }
        guard CivilDate(year: month.year, month: month.month, day: 1)! <= today else { throw AppError.invalid("\(field): tháng chưa tới.") }
        guard !previous.contains(where: { $0.month == month }) else { throw AppError.conflict("\(field): công trình đã có báo cáo tháng này.") }
        guard valueDone.value >= 0, disbursed.value >= 0 else { throw AppError.invalid("\(field): số tiền không được âm.") }
        guard (0...100).contains(physicalPercent) else { throw AppError.invalid("\(field): tiến độ thực hiện là 0 đến 100 %.") }
        if let last = previous.filter({ $0.month < month }).max(by: { $0.month < $1.month }), physicalPercent < last.physicalPercent {
            throw AppError.invalid("\(field): tiến độ \(physicalPercent) % thấp hơn tháng \(last.month.month)/\(last.month.year) (\(last.physicalPercent) %).")
        }
        for land in [landCleared, landNeeded].compactMap({ $0 }) where land.decimal < 0 {
            throw AppError.invalid("\(field): diện tích không được âm (\(land.vietnamese) ha).")
        }
        if let cleared = landCleared, let needed = landNeeded, cleared > needed {
            throw AppError.invalid("\(field): mặt bằng đã giải phóng \(cleared.vietnamese) ha lớn hơn diện tích cần \(needed.vietnamese) ha.")
        }
    }
}

extension InvestmentWork {
    /// Why the work needs following on `today`, if it does: no report for the month once the 25th has passed, a
    /// planned finish passed without finishing, or physical progress behind the share of its planned time elapsed.
    public func followUp(_ reports: [WorkProgress], today: CivilDate) -> String? {
        guard status != .finished else { return nil }
        let thisMonth = CivilDate.endOfMonth(today.month, year: today.year)!
        let latest = reports.max { $0.month < $1.month }
        if let finish = plannedFinish, finish < today { return "quá hạn hoàn thành \(finish.vietnamese)" }
        if let start = plannedStart, let finish = plannedFinish, start < today, let latest, start < finish {
            let expected = (today.dayNumber - start.dayNumber) * 100 / (finish.dayNumber - start.dayNumber)
            if latest.physicalPercent < expected { return "tiến độ \(latest.physicalPercent) %, theo kế hoạch khoảng \(expected) %" }
        }
        if today > WorkProgress.due(thisMonth), !reports.contains(where: { $0.month == thisMonth }), status == .underway {
            return "chưa báo cáo tháng \(today.month)/\(today.year) (hạn 25/\(today.month < 10 ? "0" : "")\(today.month))"
        }
        return nil
    }
}
