import Foundation
import TiendoCore
import TiendoStore

/// The rules reminders follow, as stored (`tiendo`'s settings, key `notice-rules`), or the defaults.
public struct ShowNoticeRules: Sendable {
    public static let settingKey = "notice-rules"

    public init() {}

    public func run(_ app: AppContext) async throws -> NoticeRules {
        guard let text = try await Settings(app.db).value(Self.settingKey) else { return .standard }
        return (try? JSONDecoder().decode(NoticeRules.self, from: Data(text.utf8))) ?? .standard
    }
}

/// Ban Dân tộc changes when reminders, escalations and stale-task notices go out; audited as a setting.
public struct SaveNoticeRules: Sendable {
    public var rules: NoticeRules

    public init(rules: NoticeRules) { self.rules = rules }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .manageReminders)
        try rules.check()
        let known = Set(try await RemindedObligations().run(app).map(\.obligation.id))
        if let unknown = rules.reminders.compactMap(\.obligation).first(where: { !known.contains($0) }) {
            throw AppError.invalid("Không có nghĩa vụ báo cáo \"\(unknown.clipped(to: 60))\" trong kế hoạch.")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await Settings(app.db).set(ShowNoticeRules.settingKey, String(decoding: try encoder.encode(rules), as: UTF8.self), by: caller.actor)
    }
}

/// The dated reports reminders are about: those of every province-wide plan (this year's and the years before), in
/// the plans' order, each with its plan's number.
public struct RemindedObligations: Sendable {
    public init() {}

    public func run(_ app: AppContext) async throws -> [(plan: String, obligation: ReportObligation)] {
        try await PlanRepository(app.db).provinceWide().flatMap { summary, loaded in
            loaded.document.reportObligations.filter { $0.dueOn != nil }.map { (summary.number, $0) }
        }
    }
}

/// Who would be reminded of what on a day: every province-wide plan's notices (`Reminders`: reports due, late,
/// escalated; tasks with no update) with the accounts that would receive each — the officers whose scope is the
/// recipient in the map of that day, Ban Dân tộc's coordinators for its own. Reads only.
public struct PreviewNotices: Sendable {
    public struct Planned: Hashable, Sendable {
        public var plan: String
        public var notice: Notice
        /// Usernames; empty when no account holds the recipient's scope.
        public var accounts: [String]
    }

    public var day: CivilDate

    public init(day: CivilDate) { self.day = day }

    public func run(_ app: AppContext) async throws -> [Planned] {
        let users = try await Accounts(app.db).users().filter { !$0.locked }
        let rules = try await ShowNoticeRules().run(app)
        var planned: [Planned] = []
        for (_, loaded) in try await PlanRepository(app.db).provinceWide() {
            let document = loaded.document
            let states = try await DataEntry(app.db, plan: loaded).overview(planId: document.id).mapValues { $0.mapValues(\.state) }
            let updates = try await TaskReporting(app.db).updates(planId: document.id)
            let progress = PlanProgress.compute(document, directory: loaded.directory, updates: updates, today: day)
            let notices = Reminders.notices(on: day, plan: document, directory: loaded.directory, states: states, rules: rules.reminders)
                + Reminders.staleTasks(on: day, plan: document, directory: loaded.directory, progress: progress, after: rules.staleTaskDays,
                                       updatedOn: { $0.createdAt.flatMap(Timestamp.vietnamDay) })
            for notice in notices {
                let accounts = users.filter { user in
                    user.grants.contains { Self.receives($0, notice, coordinator: document.plan.coordinator, units: loaded.directory.units) }
                }.map(\.user)
                planned.append(Planned(plan: document.plan.number, notice: notice, accounts: accounts))
            }
        }
        return planned
    }

    /// Whether an account with `grant` is told `notice`: Ban Dân tộc's coordinators what goes to Ban Dân tộc, an
    /// agency's officers what goes to the agency, a unit's officers what goes to the unit read in their grant's map
    /// (the 2024 Hà Phong officer is not the 2025 Hà Tu officer).
    static func receives(_ grant: RoleGrant, _ notice: Notice, coordinator: String, units: AdminUnitRegistry) -> Bool {
        if notice.recipient == coordinator, grant.role == .coordinator { return true }
        guard grant.scope == notice.recipient else { return false }
        switch grant.role {
        case .agencyOfficer: return true
        case .districtOfficer, .communeOfficer:
            guard let held = units.unit(code: notice.recipient, asOf: grant.mapDate ?? notice.day),
                  let now = units.unit(code: notice.recipient, at: notice.day) else { return false }
            return units.era(of: held) == units.era(of: now)
        default: return false
        }
    }
}
