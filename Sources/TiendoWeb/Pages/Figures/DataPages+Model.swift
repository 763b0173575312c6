import TiendoCore
import TiendoStore

extension DataPages {
    /// The obligations with dates, and the reporters this user may enter figures for, named for reading.
    struct Index {
        var obligations: [ReportObligation]
        var reporters: [(code: String, name: String)]

        static func query(_ data: PlanData, principal: Principal) -> Index {
            let reporters = EntryForm.reporters(for: principal, directory: data.directory, on: data.plan.plan.issuedOn).map { code -> (String, String) in
                let day = data.plan.plan.issuedOn
                guard let unit = data.directory.units.unit(code: code, asOf: day) else { return (code, code) }
                let district = unit.parentCode.flatMap { data.directory.units.unit(code: $0, asOf: day) }
                return (code, unit.level == .commune ? "\(unit.name) (\(district?.name ?? ""))" : unit.name)
            }
            return Index(obligations: data.plan.reportObligations.filter { $0.dueOn != nil }, reporters: reporters)
        }
    }

    /// A reporter's figures for one obligation and period: the form's lines, what is stored, and what this user may do
    /// with them (the policy's answers, the same the use cases ask).
    struct Model {
        struct Row {
            var element: DataElement
            var unit: String
            var unitName: String
        }

        var obligation: String
        var reporter: String
        var period: String
        var title: String
        var submission: Submission
        var who: Reporter
        var rows: [Row]
        /// Stored figures by "unit|element".
        var current: [String: EntryValue]
        var editable: Bool
        /// The workflow steps offered, in order.
        var steps: [SubmissionAction]

        static func query(_ data: PlanData, entry: DataEntry, obligation: String, reporter: String, period: String,
                          principal: Principal) async throws -> Model {
            let submission = try await entry.load(obligation: obligation, reporter: reporter, period: period)
            let found = data.plan.reportObligations.first { $0.id == obligation }
            let due = found?.dueOn ?? data.plan.plan.issuedOn
            let elements = found?.elements(from: try SeedData.indicatorDefinitions().elements) ?? []
            // Units named as at the end of the period being entered.
            let day = ReportingPeriod.parse(period)?.end ?? due
            let rows = (EntryForm.make(reporter: submission.reporter, directory: data.directory, elements: elements, on: due)?.lines ?? []).map {
                Row(element: $0.element, unit: $0.unitCode, unitName: data.directory.units.name(of: $0.unitCode, on: day))
            }
            let who = Reporter.resolve(submission.reporter, directory: data.directory, on: due) ?? .agency(name: submission.reporter)
            return Model(obligation: obligation, reporter: reporter, period: period,
                         title: "Số liệu — \(found?.name ?? obligation)", submission: submission, who: who, rows: rows,
                         current: Dictionary(submission.values.map { ("\($0.unitCode ?? submission.reporter)|\($0.element)", $0) },
                                             uniquingKeysWith: { a, _ in a }),
                         editable: Policy.can(principal, .submission(.edit, state: submission.state, reporter: who)),
                         steps: [.submit, .approve, .return, .reopen].filter { Policy.can(principal, .submission($0, state: submission.state, reporter: who)) })
        }
    }
}
