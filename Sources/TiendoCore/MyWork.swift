import Foundation

/// "Việc của tôi": what a signed-in officer has to do today, from the plan and the state of its reports. My tasks (as
/// lead or coordinating) with the overdue first; my reports not yet sent, with the days left; figures returned to me
/// with the reason; what waits for my approval; for Ban Dân tộc, who is late and by how much.
public struct MyWork: Hashable, Sendable, Codable {
    public struct TaskItem: Hashable, Sendable, Codable {
        public var code: String
        public var text: String
        /// "chủ trì" or "phối hợp".
        public var role: String
        public var status: TaskStatus
        public var deadline: CivilDate?
        /// The last update's note, reporter and percentage.
        public var lastUpdate: String?
    }

    /// A report of one reporter for one obligation: due, returned, waiting for approval, or late.
    public struct ReportItem: Hashable, Sendable, Codable {
        public var obligation: String
        public var title: String
        public var reporter: String
        public var reporterName: String
        public var period: String
        public var due: CivilDate
        /// Days from today to the due date; negative once it has passed.
        public var daysLeft: Int
        public var state: SubmissionState?
        /// Why the figures came back, when they did.
        public var reason: String?
        /// Whether the report is figures entered in Tiendo (else a document, or a plan published as a child plan).
        public var figures: Bool
        /// Whether it is met by publishing the reporter's own plan in Tiendo (a child plan).
        public var plan: Bool
    }

    public var tasks: [TaskItem] = []
    public var reportsDue: [ReportItem] = []
    public var returned: [ReportItem] = []
    public var toApprove: [ReportItem] = []
    public var late: [ReportItem] = []

    public var isEmpty: Bool { tasks.isEmpty && reportsDue.isEmpty && returned.isEmpty && toApprove.isEmpty && late.isEmpty }

    /// `states`: per obligation and reporter, where its figures stand; `completeness` and `communeCompleteness`: per
    /// obligation, who sent and when (communes report the figures of a district's obligation too); `reasons`: per
    /// obligation and reporter, the comment of a return.
    public static func make(for principal: Principal, plan: PlanDocument, directory: AgencyDirectory, updates: [TaskUpdate],
                            states: [String: [String: SubmissionState]], completeness: [String: Completeness],
                            communeCompleteness: [String: Completeness] = [:],
                            reasons: [String: [String: String]], today: CivilDate) throws -> MyWork {
        let grants = principal.activeGrants
        let coordinates = grants.contains { $0.role == .coordinator || $0.role == .admin }
        // The reporters this person speaks for: an agency by name, a unit by code; Ban Dân tộc for its coordinator.
        var mine: [String] = grants.compactMap { grant in
            switch grant.role {
            case .agencyOfficer, .districtOfficer, .communeOfficer: grant.scope
            default: nil
            }
        }
        if coordinates { mine.append(plan.plan.coordinator) }
        mine = mine.uniqued()
        func name(_ key: String, on date: CivilDate) -> String {
            directory.units.unit(code: key, asOf: date).map { directory.committee(of: $0).name } ?? key
        }

        var work = MyWork()
        // Tasks, in the plan's order within: overdue, then open, then done.
        let progress = PlanProgress.compute(plan, directory: directory, updates: updates, today: today)
        var seen: Set<String> = []
        for key in mine {
            let isUnit = directory.units.versions(of: key).isEmpty == false
            let listings = try TaskQuery.run(plan, directory: directory, filter: isUnit ? TaskFilter(unitCode: key) : TaskFilter(agency: key))
            for listing in listings where seen.insert(listing.code).inserted {
                let summary = progress[listing.code]
                let lead = listing.matchedAs?.contains { $0.role == .lead } ?? listing.leads.contains(key)
                work.tasks.append(TaskItem(
                    code: listing.code, text: listing.text.clipped(to: 160), role: lead ? "chủ trì" : "phối hợp",
                    status: summary?.status ?? .notStarted, deadline: listing.deadline?.date,
                    lastUpdate: summary?.lastUpdate.map { "\($0.note.clipped(to: 120)) (\($0.reporter), \($0.progress)%)" }))
            }
        }
        let rank: (TaskStatus) -> Int = { [.overdue: 0, .blocked: 1, .inProgress: 2, .notStarted: 3, .done: 4][$0] ?? 3 }
        work.tasks = work.tasks.enumerated().sorted { (rank($0.element.status), $0.offset) < (rank($1.element.status), $1.offset) }.map(\.element)

        for obligation in plan.reportObligations {
            guard let due = obligation.dueOn else { continue }
            let expected = obligation.expectedReporters(directory: directory)
            let sent = states[obligation.id] ?? [:]
            func item(_ reporter: String) -> ReportItem {
                ReportItem(obligation: obligation.id, title: obligation.name, reporter: reporter, reporterName: name(reporter, on: due),
                           period: obligation.period.code, due: due, daysLeft: due.dayNumber - today.dayNumber,
                           state: sent[reporter], reason: reasons[obligation.id]?[reporter], figures: obligation.carriesFigures,
                           plan: obligation.isFulfilledByChildPlans)
            }
            // My own reports: expected of me and not sent yet, or sent back.
            let missing = Set(((completeness[obligation.id]?.lines ?? []) + (communeCompleteness[obligation.id]?.lines ?? []))
                .filter { $0.outcome == .missing }.map(\.reporter))
            for key in mine {
                if sent[key] == .returned {
                    work.returned.append(item(key))
                } else if key == plan.plan.coordinator && obligation.via == key {
                    // What the others send through Ban Dân tộc, it consolidates: its report is built, not entered.
                    guard obligation.receiver != key else { continue }
                    var consolidated = item(key)
                    (consolidated.reporterName, consolidated.figures, consolidated.plan, consolidated.state) =
                        ("\(key) (báo cáo tổng hợp gửi \(obligation.receiver))", false, false, nil)
                    work.reportsDue.append(consolidated)
                } else if missing.contains(key) {
                    work.reportsDue.append(item(key))
                }
            }
            // Waiting for my approval: a district's communes; for Ban Dân tộc, the districts, agencies and the communes
            // no district stands above.
            for (reporter, state) in sent where state == .submitted {
                guard let who = Reporter.resolve(reporter, directory: directory, on: due) else { continue }
                let approver: Bool
                if let district = who.district {
                    approver = grants.contains { $0.role == .districtOfficer && $0.scope == district }
                } else {
                    approver = coordinates && reporter != plan.plan.coordinator
                }
                if approver { work.toApprove.append(item(reporter)) }
            }
            // Who is late, for Ban Dân tộc.
            if coordinates && due < today, let lines = completeness[obligation.id]?.lines {
                for line in lines where line.outcome == .missing && line.reporter != plan.plan.coordinator {
                    work.late.append(item(line.reporter))
                }
            }
        }
        work.reportsDue.sort { ($0.due, $0.reporterName) < ($1.due, $1.reporterName) }
        work.toApprove.sort { ($0.due, $0.reporterName) < ($1.due, $1.reporterName) }
        work.late.sort { ($0.daysLeft, $0.reporterName) < ($1.daysLeft, $1.reporterName) }
        return work
    }
}
