import FluentKit
import TiendoCore
import TiendoStore

extension MapAdminPage {
    /// The recorded agency changes, the agencies in force today, and every split unit with its shares so far.
    struct Model {
        struct Split {
            var unit: AdminUnit
            var successors: [AdminUnit]
            var shares: [MapReading.Share]
        }

        var changes: [AgencyChange]
        /// Accounts whose unit ended with the map, and the units each may move to.
        var endedScopes: [(username: String, scope: Principal.EndedScope)] = []
        var agencies: [String]
        var splits: [Split]
        var canWrite: Bool

        static func query(_ db: any Database, directory: AgencyDirectory, canWrite: Bool, today: CivilDate = .today()) async throws -> Model {
            let shares = Dictionary(grouping: try await MapChanges(db).shares(), by: \.fromKey)
            let units = directory.units
            let splits = units.units.compactMap { unit -> Split? in
                let parts = units.links(from: unit).filter { $0.kind == .split }
                guard !parts.isEmpty else { return nil }
                return Split(unit: unit, successors: parts.compactMap { units.unit(versionKey: $0.toKey) }, shares: shares[unit.versionKey] ?? [])
            }
            let agencies = directory.agencies.filter { $0.kind != .peoplesCommittee && directory.isInForce($0.name, on: today) }.map(\.name)
            var ended: [(username: String, scope: Principal.EndedScope)] = []
            let accounts = Accounts(db)
            for (user, _, _) in try await accounts.users() {
                guard let principal = try await accounts.principal(user) else { continue }
                ended += principal.endedScopes(in: units, on: today).map { (user, $0) }
            }
            return Model(changes: directory.changes, endedScopes: ended, agencies: agencies, splits: splits, canWrite: canWrite)
        }
    }
}
