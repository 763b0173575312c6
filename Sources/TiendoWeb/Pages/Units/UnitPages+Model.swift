import TiendoCore

extension UnitPages {
    /// An agency's or a district's page: what it leads, helps with and is late on, and what it must report.
    struct Model {
        var title: String
        var filter: TaskFilter
        /// The agency's name or the district's code, as its reports are filed.
        var reporter: String
        /// Set for a district: its communes' reports are shown too.
        var district: String?
        var leads: [TaskListing]
        var helps: [TaskListing]
        var late: [TaskListing]
        var statuses: [String: TaskStatus]
        var obligations: [ReportObligation]
        var today: CivilDate

        /// nil when no agency has that name.
        static func agency(_ data: PlanData, name: String) throws -> Model? {
            guard case let .agency(agency)? = data.directory.resolve(name) else { return nil }
            return try make(data, title: agency.name, filter: TaskFilter(agency: agency.name), reporter: agency.name, district: nil)
        }

        /// nil when `code` is not a district's.
        static func district(_ data: PlanData, code: String) throws -> Model? {
            guard let unit = data.directory.units.versions(of: code).last, unit.level == .district else { return nil }
            let current = data.directory.units.unit(code: code, at: data.plan.plan.issuedOn) ?? unit
            return try make(data, title: data.directory.committee(of: current).name, filter: TaskFilter(unitCode: code),
                            reporter: code, district: code)
        }

        static func make(_ data: PlanData, title: String, filter: TaskFilter, reporter: String, district: String?) throws -> Model {
            let listings = try data.listings(filter)
            let leads = listings.filter { $0.matchedAs?.contains { $0.role == .lead } == true }
            return Model(title: title, filter: filter, reporter: reporter, district: district, leads: leads,
                         helps: listings.filter { $0.matchedAs?.contains { $0.role == .lead } != true },
                         // The same derivation as the home page's column and the unit's report.
                         late: { let late = Set(WorkCounts.of(unitCode: district, agency: district == nil ? reporter : nil, in: data.progress,
                                                              on: data.today).late)
                                 return listings.filter { late.contains($0.code) } }(),
                         statuses: data.progress.mapValues(\.status), obligations: data.plan.reportObligations, today: data.today)
        }
    }

    /// The index: every agency by name, every district with its code and its communes' codes (what an
    /// administrator types as an account's scope), as on the plan's date.
    struct Index {
        var agencies: [String]
        var districts: [(code: String, name: String, communes: [(code: String, name: String)])]

        static func query(_ data: PlanData) -> Index {
            let day = data.plan.plan.issuedOn
            return Index(agencies: data.directory.agencies.map(\.name),
                         districts: data.directory.units.units(at: day, level: .district).map { district in
                             (district.code, data.directory.committee(of: district).name,
                              data.directory.units.children(of: district.code, at: day).map { ($0.code, $0.name) })
                         })
        }
    }
}
