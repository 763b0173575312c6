import TiendoCore

extension TasksPage {
    /// What the task list shows: the tasks the filters select, in the chosen order, with each one's status.
    struct Model {
        var filters: Filters
        var listings: [TaskListing]
        var statuses: [String: TaskStatus]
        /// Why a filter was not applied (an unknown agency or district).
        var problem: String?
        /// The filter's choices.
        var agencies: [(String, String)]
        var districts: [(String, String)]
        var groups: [(code: String, title: String, appendix: Bool)]

        /// The query, without HTTP: from the plan's data and the filters the query string gave.
        static func query(_ data: PlanData, filters: Filters) throws -> Model {
            var listings: [TaskListing]
            var problem: String?
            do {
                listings = try data.listings(TaskFilter(agency: filters.agency, unitCode: filters.district, dueBefore: filters.dueBy))
            } catch let error as TaskFilterError {
                listings = try data.listings()
                problem = error.message
            }
            if let group = filters.group { listings = listings.filter { $0.group == group } }
            if let status = filters.status { listings = listings.filter { data.progress[$0.code]?.status == status } }
            let never = CivilDate(year: 9999, month: 12, day: 31)!
            switch filters.sort {
            case "han": listings.sort { ($0.deadline?.date ?? never) < ($1.deadline?.date ?? never) }
            case "tinh-trang": listings.sort { (data.progress[$0.code]?.status.rawValue ?? "") < (data.progress[$1.code]?.status.rawValue ?? "") }
            default: break
            }
            return Model(filters: filters, listings: listings,
                         statuses: data.progress.mapValues(\.status), problem: problem,
                         agencies: data.directory.agencies.map { ($0.name, $0.name) },
                         districts: data.directory.units.units(at: data.plan.plan.issuedOn, level: .district).map { ($0.code, $0.name) },
                         groups: data.plan.taskGroups.map { ($0.code, $0.title, false) } + data.plan.appendixGroups.map { ($0.code, "", true) })
        }

        func status(_ code: String) -> TaskStatus { statuses[code] ?? .notStarted }
    }

    /// The filters of the query string (co-quan, huyen, nhom, tinh-trang, han-den, sap-xep).
    struct Filters {
        var agency: String?
        var district: String?
        var group: String?
        var status: TaskStatus?
        var dueBy: CivilDate?
        var sort: String = "ma"
    }
}
