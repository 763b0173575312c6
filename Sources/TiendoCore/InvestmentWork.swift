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
