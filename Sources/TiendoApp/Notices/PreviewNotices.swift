import Foundation
import TiendoCore
import TiendoStore

/// Who would be reminded of what on a day: every province-wide plan's notices (`Reminders`) with the accounts that
/// would receive each — the officers whose scope is the recipient in the map of that day, Ban Dân tộc's coordinators
/// for its own. Reads only; sending is not built yet.
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
        let repository = PlanRepository(app.db)
        let users = try await Accounts(app.db).users().filter { !$0.locked }
        var planned: [Planned] = []
        for summary in try await repository.plans() where summary.parentId == nil {
            guard let loaded = try await repository.load(id: summary.id) else { continue }
            let states = try await DataEntry(app.db, plan: loaded).overview(planId: loaded.document.id).mapValues { $0.mapValues(\.state) }
            let units = loaded.directory.units
            for notice in Reminders.notices(on: day, plan: loaded.document, directory: loaded.directory, states: states) {
                let accounts = users.filter { user in
                    user.grants.contains { grant in
                        if notice.recipient == loaded.document.plan.coordinator, grant.role == .coordinator { return true }
                        guard grant.scope == notice.recipient else { return false }
                        switch grant.role {
                        case .agencyOfficer: return true
                        case .districtOfficer, .communeOfficer:
                            // A code is read in its grant's map: the 2024 Hà Phong officer is not the 2025 Hà Tu officer.
                            guard let held = units.unit(code: notice.recipient, asOf: grant.mapDate ?? day),
                                  let now = units.unit(code: notice.recipient, at: day) else { return false }
                            return units.era(of: held) == units.era(of: now)
                        default: return false
                        }
                    }
                }.map(\.user)
                planned.append(Planned(plan: loaded.document.plan.number, notice: notice, accounts: accounts))
            }
        }
        return planned
    }
}

/// Delivers a day's notices to the in-app inbox of every account that receives them; a notice already delivered to a
/// person (an earlier run, a restart, another instance) is not delivered again. E-mail is not built yet.
public struct SendNotices: Sendable {
    public var day: CivilDate

    public init(day: CivilDate) { self.day = day }

    /// How many notices the day has, and how many messages were new.
    public func run(_ app: AppContext) async throws -> (notices: Int, delivered: Int) {
        let planned = try await PreviewNotices(day: day).run(app)
        let delivered = try await Inbox(app.db).deliver(planned.flatMap { p in p.accounts.map { (username: $0, notice: p.notice) } })
        return (planned.count, delivered)
    }
}
