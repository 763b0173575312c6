import FluentKit
import TiendoCore
import TiendoStore

extension ReportPages {
    /// One obligation's reports as a user may build them: the reporters in their scope (asked of the policy),
    /// whether they may build the consolidated report, where each reporter's figures stand, when each was last built.
    struct Model {
        struct Row {
            var key: String
            var name: String
            var outcome: String
            var lastBuilt: String?
        }

        var obligation: ReportObligation
        var coordinator: String
        var consolidates: Bool
        var consolidatedBuilt: String?
        var rows: [Row]

        /// nil when there is no dated obligation `id`.
        static func query(_ data: PlanData, db: any Database, obligation id: String, principal: Principal) async throws -> Model? {
            guard let obligation = data.plan.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else { return nil }
            let expected = obligation.expectedReporters(directory: data.directory)
            var reporters: [(key: String, name: String)] = []
            if expected.level == .district {
                reporters += data.directory.units.units(at: due, level: .district).map { ($0.code, data.directory.committee(of: $0).name) }
            }
            reporters += expected.agencies.map { ($0, $0) }
            let mine = reporters.filter { reporter in
                Reporter.resolve(reporter.key, directory: data.directory, on: due).map { Policy.can(principal, .buildReport($0)) } ?? false
            }
            let built = try await lastBuilt(db, obligation: obligation.id)
            return Model(obligation: obligation, coordinator: data.plan.plan.coordinator, consolidates: Policy.can(principal, .buildReport(nil)),
                         consolidatedBuilt: built["tổng hợp"], rows: mine.map { r in
                let line = data.completeness[obligation.id]?.lines.first { $0.reporter == r.key }
                return Row(key: r.key, name: r.name, outcome: ReportingStatus.outcome(line, state: data.states[obligation.id]?[r.key]),
                           lastBuilt: built[r.key])
            })
        }

        /// When each reporter's draft was last built, from the audit log, in Vietnam's time.
        static func lastBuilt(_ db: any Database, obligation: String) async throws -> [String: String] {
            var result: [String: String] = [:]
            for entry in try await AuditLog.entries(on: db, entity: .report) {
                let parts = entry.key.parts
                guard parts.count == 3, parts[0] == obligation else { continue }
                result[parts[1]] = Format.vietnamTime(entry.at)
            }
            return result
        }
    }
}
