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

        public var vietnamese: String {
            switch self {
            case .reminder: "nhắc hạn"
            case .overdue: "quá hạn"
            case .escalation: "báo cấp trên"
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

    public var key: String { [kind.rawValue, obligation, period, about, recipient, day.iso].joined(separator: "|") }
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
            let rule = rules.first { $0.obligation == obligation.id } ?? rules.first { $0.obligation == nil } ?? .standard
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
                let segment = reporter.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? reporter.key
                let link = obligation.carriesFigures ? "/so-lieu/\(obligation.id)/\(segment)?ky=\(obligation.period.code)" : "/bao-cao/\(obligation.id)"
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
