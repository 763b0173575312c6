import Foundation

/// When Tiendo reminds a reporter of a dated report, and when it tells the level above: `daysBefore` the due date and on
/// the day; after it, every `repeatEvery` days to the reporter, and from `escalateAfter` days late on, every
/// `repeatEvery` days to the level above (a commune's district, else Ban Dân tộc). One rule per obligation, or the
/// installation's default (`obligation` nil).
public struct ReminderRule: Hashable, Sendable, Codable {
    public var obligation: String?
    public var daysBefore: [Int]
    public var onTheDay: Bool
    public var repeatEvery: Int
    public var escalateAfter: Int

    public init(obligation: String? = nil, daysBefore: [Int] = [7, 2], onTheDay: Bool = true, repeatEvery: Int = 7, escalateAfter: Int = 14) {
        (self.obligation, self.daysBefore, self.onTheDay, self.repeatEvery, self.escalateAfter) = (obligation, daysBefore, onTheDay, repeatEvery, escalateAfter)
    }

    /// The defaults: 7 and 2 days before, on the day, weekly after, to the level above after two weeks.
    public static let standard = ReminderRule()

    /// Refuses what would remind nobody sensibly: negative days, a repeat of less than a day.
    public func check() throws {
        guard daysBefore.allSatisfy({ (1...90).contains($0) }) else { throw AppError.invalid("Số ngày nhắc trước hạn là 1 đến 90.") }
        guard (1...90).contains(repeatEvery) else { throw AppError.invalid("Nhắc lại sau hạn mỗi 1 đến 90 ngày.") }
        guard (0...365).contains(escalateAfter) else { throw AppError.invalid("Báo cấp trên sau 0 đến 365 ngày quá hạn.") }
    }
}

/// A message Tiendo owes someone on a day: to the accounts of `recipient` (a unit code or an agency name), about
/// `about`'s report. `key` is the same for the same notice on the same day, so it is sent once.
public struct Notice: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case reminder = "nhac-han", overdue = "qua-han", escalation = "bao-cap-tren"
        case returned = "tra-lai", stale = "cham-cap-nhat"

        public var vietnamese: String {
            switch self {
            case .reminder: "nhắc hạn"
            case .overdue: "quá hạn"
            case .escalation: "báo cấp trên"
            case .returned: "trả lại để sửa"
            case .stale: "chưa cập nhật nhiệm vụ"
            }
        }
    }

    public var kind: Kind
    public var recipient: String
    /// "UBND huyện Ba Chẽ", "Ban Dân tộc": the recipient as a reader knows it.
    public var recipientName: String
    public var about: String
    public var obligation: String
    public var period: String
    public var due: CivilDate
    public var day: CivilDate
    /// Plain and short, in Vietnamese.
    public var text: String
    /// The page where it is done.
    public var link: String
    /// What tells two notices of one day apart that are not the same thing: a return's time (a report returned,
    /// corrected and returned again the same day is told twice). Empty for the day's reminders.
    public var occasion: String = ""

    public init(kind: Kind, recipient: String, recipientName: String, about: String, obligation: String, period: String,
                due: CivilDate, day: CivilDate, text: String, link: String, occasion: String = "") {
        (self.kind, self.recipient, self.recipientName, self.about, self.obligation, self.period) = (kind, recipient, recipientName, about, obligation, period)
        (self.due, self.day, self.text, self.link, self.occasion) = (due, day, text, link, occasion)
    }

    public var key: String { ([kind.rawValue, obligation, period, about, recipient, day.iso] + (occasion.isEmpty ? [] : [occasion])).joined(separator: "|") }

    /// What a person who chose so is sent at once rather than in the day's digest: figures returned, a report due
    /// today or tomorrow.
    public var isUrgent: Bool { kind == .returned || (kind == .reminder && due.dayNumber - day.dayNumber <= 1) }

    /// A reporter's code or name, or a task code, as a path segment of a notice's link.
    public static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// The page where `reporter` enters and sends its figures of `period` for `obligation`.
    public static func figuresPage(obligation: String, reporter: String, period: String) -> String {
        "/so-lieu/\(obligation)/\(segment(reporter))?ky=\(period)"
    }
}

/// The installation's reminder rules, as the coordinator edits them under `/quan-tri/nhac-han`: one per obligation
/// or the default, and after how many days without an update a task's lead is told (then weekly).
public struct NoticeRules: Hashable, Sendable, Codable {
    public var reminders: [ReminderRule]
    public var staleTaskDays: Int

    public init(reminders: [ReminderRule] = [.standard], staleTaskDays: Int = 30) {
        (self.reminders, self.staleTaskDays) = (reminders, staleTaskDays)
    }

    public static let standard = NoticeRules()

    /// The rule of `obligation`: its own, else the default.
    public func rule(for obligation: String) -> ReminderRule {
        reminders.first { $0.obligation == obligation } ?? reminders.first { $0.obligation == nil } ?? .standard
    }

    public func check() throws {
        for rule in reminders { try rule.check() }
        guard (7...365).contains(staleTaskDays) else { throw AppError.invalid("Nhiệm vụ chưa cập nhật: 7 đến 365 ngày.") }
    }
}

/// The reminders and escalations of a day, from the plans' dated obligations and where each reporter's report stands.
public enum Reminders {
    /// Every notice owed on `day`. Reporters are those the obligation expects in the map in force that day (a merged
    /// commune is no longer reminded, its successor is); a report sent (or approved) stops them; a returned one counts
    /// as not sent.
    public static func notices(on day: CivilDate, plan: PlanDocument, directory: AgencyDirectory, states: [String: [String: SubmissionState]],
                               rules: [ReminderRule] = [.standard]) -> [Notice] {
        var notices: [Notice] = []
        for obligation in plan.reportObligations {
            guard let due = obligation.dueOn else { continue }
            let rule = NoticeRules(reminders: rules).rule(for: obligation.id)
            let daysLeft = due.dayNumber - day.dayNumber
            let late = -daysLeft
            let remind = rule.daysBefore.contains(daysLeft) || (rule.onTheDay && daysLeft == 0)
            let overdue = late > 0 && late % rule.repeatEvery == 0
            let escalate = late > 0 && late >= rule.escalateAfter && (late - rule.escalateAfter) % rule.repeatEvery == 0
            guard remind || overdue || escalate else { continue }
            let sent = states[obligation.id] ?? [:]
            for reporter in expected(obligation, directory: directory, on: day) where !plan.plan.coordinator.isEmpty && reporter.key != plan.plan.coordinator {
                switch sent[reporter.key] {
                case .submitted?, .districtApproved?, .approved?: continue
                default: break
                }
                let link = obligation.carriesFigures
                    ? Notice.figuresPage(obligation: obligation.id, reporter: reporter.key, period: obligation.period.code) : "/bao-cao/\(obligation.id)"
                func notice(_ kind: Notice.Kind, to recipient: String, _ text: String) -> Notice {
                    let name = recipient == reporter.key ? reporter.name
                        : directory.units.unit(code: recipient, at: day).map { directory.committee(of: $0).name } ?? recipient
                    return Notice(kind: kind, recipient: recipient, recipientName: name, about: reporter.key, obligation: obligation.id,
                                  period: obligation.period.code, due: due, day: day, text: text, link: link)
                }
                if remind {
                    notices.append(notice(.reminder, to: reporter.key, daysLeft == 0
                        ? "\(obligation.name): hạn gửi là hôm nay (\(due.vietnamese))."
                        : "\(obligation.name): còn \(daysLeft) ngày, hạn \(due.vietnamese)."))
                }
                if overdue {
                    notices.append(notice(.overdue, to: reporter.key, "\(obligation.name): đã quá hạn \(late) ngày (hạn \(due.vietnamese)); đề nghị gửi ngay."))
                }
                if escalate {
                    notices.append(notice(.escalation, to: reporter.above ?? plan.plan.coordinator,
                                          "\(reporter.name) chưa gửi \(obligation.name.lowercasedFirst), quá hạn \(late) ngày (hạn \(due.vietnamese))."))
                }
            }
        }
        return notices
    }

    /// Tasks whose lead has posted nothing for `after` days (counted from its last update, or from the plan's issue
    /// date): a notice to that lead on that day and weekly after, until it reports or the task is done.
    /// `updatedOn` reads an update's day in Vietnam.
    public static func staleTasks(on day: CivilDate, plan: PlanDocument, directory: AgencyDirectory, progress: [String: TaskProgressSummary],
                                  after: Int, updatedOn: (TaskUpdate) -> CivilDate?) -> [Notice] {
        var notices: [Notice] = []
        // A plan runs for its year: a task left open in an old plan is not chased for ever.
        guard day.year == plan.plan.issuedOn.year else { return [] }
        let texts = Dictionary(plan.sectionTasks.map { ($0.code, $0.text) } + plan.appendix.map { ("PL.\($0.number)", $0.text) },
                               uniquingKeysWith: { first, _ in first })
        for code in progress.keys.sorted() {
            guard let summary = progress[code], summary.status != .done else { continue }
            for lead in summary.assignees where lead.role == .lead && lead.counts && lead.status != .done {
                let since = lead.lastUpdate.flatMap(updatedOn) ?? plan.plan.issuedOn
                let quiet = day.dayNumber - since.dayNumber
                guard quiet >= after, (quiet - after) % 7 == 0 else { continue }
                let recipient = lead.unitCode ?? lead.assignee
                let name = lead.unitCode.flatMap { directory.units.unit(code: $0, at: day) }.map { directory.committee(of: $0).name } ?? lead.assignee
                let what = texts[code].map { " (\($0.clipped(to: 80)))" } ?? ""
                notices.append(Notice(kind: .stale, recipient: recipient, recipientName: name, about: code, obligation: "nhiem-vu",
                                      period: plan.id, due: summary.deadline ?? day, day: day,
                                      text: "Nhiệm vụ \(code)\(what) chưa có cập nhật \(quiet) ngày; đề nghị báo cáo tiến độ.",
                                      link: "/nhiem-vu/\(Notice.segment(code))"))
            }
        }
        return notices
    }

    struct Expected {
        var key: String
        var name: String
        /// Who is told when it is late: a commune's district; nil for Ban Dân tộc.
        var above: String?
    }

    /// The reporters `obligation` expects on `day`: its agencies, and the units of its level in the map in force that
    /// day, with the communes below when the report carries figures.
    static func expected(_ obligation: ReportObligation, directory: AgencyDirectory, on day: CivilDate) -> [Expected] {
        let expected = obligation.expectedReporters(directory: directory)
        var result = expected.agencies.map { Expected(key: $0, name: $0, above: nil) }
        var levels: [AdminLevel] = expected.level.map { [$0] } ?? []
        if obligation.carriesFigures, expected.level == .district { levels.append(.commune) }
        for level in levels {
            for unit in directory.units.units(at: day, level: level) {
                let parent = unit.parentCode.flatMap { directory.units.unit(code: $0, at: day) }
                result.append(Expected(key: unit.code, name: directory.committee(of: unit).name,
                                       above: parent?.level == .district ? parent?.code : nil))
            }
        }
        return result
    }
}
