import Fluent
import SQLKit
import TiendoCore

/// Reading what a report is drafted from, and recording that a report was built.
public enum ReportSources {
    public static func load(_ db: any Database, plan loaded: LoadedPlan? = nil, today: CivilDate = .today()) async throws -> ReportInputs {
        var plan = loaded
        if plan == nil { plan = try await PlanRepository(db).loadDefault() }
        guard let plan else { throw AccessError.notFound("Chưa có kế hoạch.") }
        let entry = DataEntry(db, plan: plan)
        let values = SurveyFigures.merge(approved: try await entry.approvedValues(planId: plan.document.id), surveys: try await Surveys(db).dataValues())
        return ReportInputs(plan: plan.document, directory: plan.directory,
                            updates: try await TaskReporting(db, plan: plan).updates(planId: plan.document.id),
                            values: values, states: try await entry.overview(planId: plan.document.id), today: today)
    }

    /// Who may build which report: Ban Dân tộc any, including the consolidated one; an agency or a district its own.
    public static func authorize(_ principal: Principal, reporter: String?, directory: AgencyDirectory, on date: CivilDate) throws {
        if principal.holds(.coordinator) { return }
        guard let reporter else { throw AccessError.forbidden("Chỉ Ban Dân tộc lập báo cáo tổng hợp của tỉnh.") }
        guard let agency = AccessPolicy.reporter(named: reporter, directory: directory, on: date) else {
            throw AccessError.notFound("Không có cơ quan hay đơn vị \"\(reporter)\".")
        }
        let allowed = principal.grants.contains { grant in
            switch grant.role {
            case .agencyOfficer: grant.scope == agency.name
            case .districtOfficer: grant.scope != nil && grant.scope == agency.unitCode
            default: false
            }
        }
        guard allowed else { throw AccessError.forbidden("Tài khoản \(principal.username) không lập báo cáo của \(agency.name).") }
    }

    /// Building a report is recorded: who drafted what, when, in which format.
    public static func record(obligation: String, reporter: String?, period: String, format: String, by actor: Actor, on db: any Database) async throws {
        try await WriteQueue.shared.transaction(on: db) { sql in
            try await AuditLog.append([AuditChange(entity: "report", entityId: "\(obligation) · \(reporter ?? "tổng hợp") · \(period)",
                                                   field: "build", oldValue: nil, newValue: format)], by: actor, on: sql)
        }
    }
}
