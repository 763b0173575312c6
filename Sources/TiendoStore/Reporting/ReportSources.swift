import FluentKit
import SQLKit
import TiendoCore

/// Reading what a report is drafted from, and recording that a report was built.
public enum ReportSources {
    public static func load(_ db: any Database, plan loaded: LoadedPlan? = nil, today: CivilDate = .today()) async throws -> ReportInputs {
        var plan = loaded
        if plan == nil { plan = try await PlanRepository(db).loadDefault() }
        guard let plan else { throw AppError.notFound("Chưa có kế hoạch.") }
        let entry = DataEntry(db, plan: plan)
        let values = try await Self.values(db, plan: plan)
        return ReportInputs(plan: plan.document, directory: plan.directory,
                            updates: try await TaskReporting(db).updates(planId: plan.document.id),
                            values: values, states: try await entry.overview(planId: plan.document.id), today: today,
                            profile: try await Settings(db).profile(for: plan.document.plan), capital: try await CapitalBook(db).inputs())
    }

    /// The figures a plan's indicators are computed from: its approved data and the household surveys.
    public static func values(_ db: any Database, plan: LoadedPlan) async throws -> [DataValue] {
        SurveyFigures.merge(approved: try await DataEntry(db, plan: plan).approvedValues(planId: plan.document.id), surveys: try await Surveys(db).dataValues())
    }

    /// Building a report is recorded: who drafted what, when, in which format.
    public static func record(obligation: String, reporter: String?, period: String, format: String, by actor: Actor, on db: any Database) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await AuditLog.append([AuditChange(.report, AuditKey(obligation, reporter ?? "tổng hợp", period),
                                                   field: "build", oldValue: nil, newValue: format)], by: actor, on: sql)
        }
    }
}
