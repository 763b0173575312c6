import Fluent
import TiendoCore
import TiendoStore
import Vapor

/// The plan, its directory and where every task stands, loaded once per request.
/// The plan and directory do not change while the server runs, so they are read from the database once.
struct PlanData: Sendable {
    var plan: PlanDocument
    var directory: AgencyDirectory
    var updates: [TaskUpdate]
    var progress: [String: TaskProgressSummary]
    var today: CivilDate
    /// Each indicator's province figure from approved data, with its status; absent when nothing is approved.
    var indicators: [String: IndicatorFigure]
    /// The figures the indicators were computed from: approved data and survey tallies, by unit and period.
    var values: [DataValue]
    /// For each dated obligation: who had to report, and who did on time, late or not at all.
    var completeness: [String: Completeness]
    /// For each dated obligation: every commune in force on the due date, against what it sent its district.
    var communeCompleteness: [String: Completeness]
    /// For each dated obligation: where each reporter's figures stand.
    var states: [String: [String: SubmissionState]]
    /// Fingerprints of the task updates and of the approved figures the parts above were derived from.
    var taskKey: String
    var approvedKey: String

    /// Recomputed only when the data changed since the last request (the audit head moved) or the day turned.
    /// The plan is the request's (`?ke-hoach=` or the reader's own); pages about reports take the plan that sets them.
    static func load(_ req: Request, for purpose: PlanChoice.Purpose = .plan) async throws -> PlanData {
        let plan = try await req.loadedPlan(for: purpose)
        return try await load(req.db, cache: req.application.planCache, plan: plan, head: try await req.auditHead())
    }

    /// The same without a request: what page models are queried from in tests. `plan` nil: the current top-level plan;
    /// `head` nil: read the audit head here.
    static func load(_ db: any Database, cache: PlanCache, plan: LoadedPlan? = nil, today: CivilDate = .today(),
                     head: Int? = nil) async throws -> PlanData {
        let version: Int
        if let head { version = head } else { version = try await AuditLog.headSeq(on: db) }
        let loaded: LoadedPlan
        if let plan {
            loaded = plan
        } else {
            guard let current = try await cache.plans(db, head: version).last(where: { $0.parentId == nil }) else {
                throw Abort(.notFound, reason: "Chưa có kế hoạch nào trong cơ sở dữ liệu.")
            }
            loaded = try await cache.loaded(db, id: current.id)
        }
        if let cached = await cache.data(plan: loaded.document.id, version: version, today: today) { return cached }
        let data = try await compute(db, cache: cache, plan: loaded, today: today)
        await cache.store(data, version: version)
        return data
    }

    static func compute(_ db: any Database, cache: PlanCache, plan loaded: LoadedPlan, today: CivilDate) async throws -> PlanData {
        let (plan, directory) = (loaded.document, loaded.directory)
        let reporting = TaskReporting(db)
        let entry = DataEntry(db, plan: loaded)
        // Most changes touch one kind of data: recompute only the figures derived from what moved.
        let previous = await cache.latest(plan: plan.id, today: today)
        let taskKey = try await reporting.fingerprint(planId: plan.id)
        let updates: [TaskUpdate], progress: [String: TaskProgressSummary]
        if let previous, previous.taskKey == taskKey {
            (updates, progress) = (previous.updates, previous.progress)
        } else {
            updates = try await reporting.updates(planId: plan.id)
            progress = PlanProgress.compute(plan, directory: directory, updates: updates, today: today)
        }
        let surveys = Surveys(db)
        let approvedKey = try await entry.approvedFingerprint(planId: plan.id) + "|" + surveys.fingerprint()
        let indicators: [String: IndicatorFigure], values: [DataValue]
        if let previous, previous.approvedKey == approvedKey {
            (indicators, values) = (previous.indicators, previous.values)
        } else {
            values = try await ReportSources.values(db, plan: loaded)
            indicators = try IndicatorFigure.compute(plan, directory: directory, values: values, today: today)
        }
        var completeness: [String: Completeness] = [:], communes: [String: Completeness] = [:]
        var states: [String: [String: SubmissionState]] = [:]
        let overviews = try await entry.overview(planId: plan.id)
        let childPlans = try await PlanFamily(db).publishedChildren(of: plan.id).compactMap { child in
            Reporter.resolve(child.issuer, directory: directory, on: child.issuedOn).map { ($0.key, child.publishedOn) }
        }
        for obligation in plan.reportObligations {
            guard let due = obligation.dueOn else { continue }
            let overview = overviews[obligation.id] ?? [:]
            var days = overview.compactMapValues(\.sentOn)
            // The plan an agency or district must issue (V.4's first report) is sent by publishing it here as a child plan.
            if obligation.isFulfilledByChildPlans {
                for (reporter, day) in childPlans { days[reporter] = min(days[reporter] ?? day, day) }
            }
            let expected = obligation.expectedReporters(directory: directory)
            completeness[obligation.id] = Completeness.compute(dueOn: due, level: expected.level, agencies: expected.agencies,
                                                               units: directory.units, submissions: days, today: today)
            states[obligation.id] = overview.mapValues(\.state)
            guard obligation.carriesFigures else { continue }
            communes[obligation.id] = Completeness.compute(dueOn: due, level: .commune, agencies: [], units: directory.units,
                                                           submissions: days, today: today)
        }
        return PlanData(plan: plan, directory: directory, updates: updates, progress: progress, today: today, indicators: indicators, values: values,
                        completeness: completeness, communeCompleteness: communes, states: states,
                        taskKey: taskKey, approvedKey: approvedKey)
    }

    /// Every task as listed, section III first.
    func listings(_ filter: TaskFilter = TaskFilter()) throws -> [TaskListing] {
        try TaskQuery.run(plan, directory: directory, filter: filter)
    }

    func groupTitle(of listing: TaskListing) -> String {
        if listing.source == .section {
            return plan.taskGroups.first { $0.code == listing.group }.map { "\($0.code). \($0.title)" } ?? listing.group
        }
        return plan.appendixGroups.first { $0.code == listing.group }.map { "Phụ lục \($0.code). \($0.title)" } ?? listing.group
    }
}
