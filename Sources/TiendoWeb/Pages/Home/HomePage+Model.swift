import TiendoCore

extension HomePage {
    /// What the overview shows, computed from the plan's data alone (testable without HTTP).
    struct Model {
        struct IndicatorRow {
            var target: String
            var indicator: Indicator
            var figure: IndicatorFigure?
        }

        struct GroupRow {
            /// A task group's code ("III.4"), or nil for the appendix.
            var code: String?
            var projects: [Int]
            var counts: [TaskStatus: Int]
        }

        struct ObligationRow {
            var obligation: ReportObligation
            var completeness: Completeness?
        }

        struct DistrictRow {
            var code: String
            var name: String
            var leads: Int
            /// Tasks it leads that it has sent at least one update on (`WorkCounts.reported`), not its number of updates.
            var reported: Int
            var done: Int
            var late: Int
        }

        var planNumber: String
        var today: CivilDate
        var indicators: [IndicatorRow]
        var groups: [GroupRow]
        var obligations: [ObligationRow]
        /// The units right under the province in the plan's map as it stands (districts; from 01/07/2025, communes).
        var districts: [DistrictRow]
        var level: AdminLevel = .district

        /// Every status summed over the groups.
        var total: [TaskStatus: Int] {
            groups.reduce(into: [:]) { sum, row in row.counts.forEach { sum[$0.key, default: 0] += $0.value } }
        }

        static func query(_ data: PlanData) -> Model {
            func counts(_ codes: [String]) -> [TaskStatus: Int] {
                codes.reduce(into: [:]) { counts, code in counts[data.progress[code]?.status ?? .notStarted, default: 0] += 1 }
            }
            let indicators = data.plan.targets.flatMap { target in
                target.indicators.map { IndicatorRow(target: target.code, indicator: $0, figure: data.indicators[$0.code]) }
            }
            let groups = data.plan.taskGroups.map { GroupRow(code: $0.code, projects: $0.projects, counts: counts($0.tasks.map(\.code))) }
                + [GroupRow(code: nil, projects: [], counts: counts(data.plan.appendix.map(\.code)))]
            let obligations = data.plan.reportObligations.map { ObligationRow(obligation: $0, completeness: data.completeness[$0.id]) }
            // The map as it stands today within the plan's year: a 2025 plan issued under districts is followed by the
            // communes once the districts are gone.
            let units = data.directory.units
            let day = max(data.plan.plan.issuedOn, min(data.today, ReportingPeriod.year(data.plan.plan.year).end))
            let level: AdminLevel = units.units(at: day, level: .district).isEmpty ? .commune : .district
            let work = WorkCounts.byUnit(in: data.progress, on: data.today)
            let districts = units.children(of: data.plan.plan.provinceCode, at: day).filter { $0.level == level }.map { unit in
                let counts = work[unit.code] ?? WorkCounts()
                return DistrictRow(code: unit.code, name: data.directory.committee(of: unit).name, leads: counts.leads.count,
                                   reported: counts.reported.count, done: counts.done.count, late: counts.late.count)
            }
            return Model(planNumber: data.plan.plan.number, today: data.today, indicators: indicators, groups: groups,
                         obligations: obligations, districts: districts, level: level)
        }
    }
}
