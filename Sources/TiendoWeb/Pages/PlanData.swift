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
    static func load(_ req: Request) async throws -> PlanData {
        let cache = req.application.planCache
        let version = try await AuditLog.headSeq(on: req.db)
        let today = CivilDate.today()
        if let cached = await cache.data(version: version, today: today) { return cached }
        let data = try await compute(req, today: today)
        await cache.store(data, version: version)
        return data
    }

    static func compute(_ req: Request, today: CivilDate) async throws -> PlanData {
        let cache = req.application.planCache
        let (plan, directory) = try await cache.get(req.db)
        let reporting = try await req.taskReporting()
        let entry = try await req.dataEntry()
        // Most changes touch one kind of data: recompute only the figures derived from what moved.
        let previous = await cache.latest(today: today)
        let taskKey = try await reporting.fingerprint(planId: plan.id)
        let updates: [TaskUpdate], progress: [String: TaskProgressSummary]
        if let previous, previous.taskKey == taskKey {
            (updates, progress) = (previous.updates, previous.progress)
        } else {
            updates = try await reporting.updates(planId: plan.id)
            progress = PlanProgress.compute(plan, directory: directory, updates: updates, today: today)
        }
        let surveys = Surveys(req.db)
        let approvedKey = try await entry.approvedFingerprint(planId: plan.id) + "|" + surveys.fingerprint()
        let indicators: [String: IndicatorFigure]
        if let previous, previous.approvedKey == approvedKey {
            indicators = previous.indicators
        } else {
            let values = SurveyFigures.merge(approved: try await entry.approvedValues(planId: plan.id), surveys: try await surveys.dataValues())
            indicators = try IndicatorFigure.compute(plan, directory: directory, values: values, today: today)
        }
        var completeness: [String: Completeness] = [:], communes: [String: Completeness] = [:]
        var states: [String: [String: SubmissionState]] = [:]
        let overviews = try await entry.overview(planId: plan.id)
        for obligation in plan.reportObligations {
            guard let due = obligation.dueOn else { continue }
            let overview = overviews[obligation.id] ?? [:]
            let days = overview.compactMapValues(\.sentOn)
            let expected = obligation.expectedReporters(directory: directory)
            completeness[obligation.id] = Completeness.compute(dueOn: due, level: expected.level, agencies: expected.agencies,
                                                               units: directory.units, submissions: days, today: today)
            states[obligation.id] = overview.mapValues(\.state)
            guard obligation.carriesFigures else { continue }
            communes[obligation.id] = Completeness.compute(dueOn: due, level: .commune, agencies: [], units: directory.units,
                                                           submissions: days, today: today)
        }
        return PlanData(plan: plan, directory: directory, updates: updates, progress: progress, today: today, indicators: indicators,
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

/// An indicator's value for the plan year at province level, and how it stands against the target.
struct IndicatorFigure: Sendable {
    var value: Decimal
    var assessment: TargetAssessment

    static func compute(_ plan: PlanDocument, directory: AgencyDirectory, values: [DataValue], today: CivilDate) throws -> [String: IndicatorFigure] {
        guard !values.isEmpty else { return [:] }
        let seed = try SeedData.indicatorDefinitions()
        let year = ReportingPeriod.year(plan.plan.year)
        let measured = values.filter { year.covers($0.period) }.map(\.period.end).max() ?? year.end
        let rollUp = RollUp(elements: seed.elements, values: values, units: directory.units, structure: min(measured, today))
        var result: [String: IndicatorFigure] = [:]
        for definition in seed.definitions {
            guard let indicator = plan.indicator(code: definition.indicator),
                  let value = rollUp.indicator(definition, unit: plan.plan.provinceCode, period: year, baseline: .year(plan.plan.year - 1))
            else { continue }
            let rounded = value.rounded(definition.scale)
            result[definition.indicator] = IndicatorFigure(value: rounded, assessment: TargetStatus.assess(
                indicator, actual: rounded, measuredOn: measured, today: today))
        }
        return result
    }

    func badge(_ language: Language) -> Markup {
        el("span", [("class", "badge t-\(assessment.status.rawValue)"), ("title", assessment.reason)], text: assessment.status.vietnamese)
    }
}

/// Holds the plan and directory after the first read, and the figures of the latest data state.
actor PlanCache {
    private var value: (PlanDocument, AgencyDirectory)?
    private var computed: (version: Int, data: PlanData)?

    func data(version: Int, today: CivilDate) -> PlanData? {
        guard let computed, computed.version == version, computed.data.today == today else { return nil }
        return computed.data
    }

    func store(_ data: PlanData, version: Int) {
        computed = (version, data)
    }

    /// The last computed data of today, whatever changed since: its parts are reused when their inputs did not move.
    func latest(today: CivilDate) -> PlanData? {
        guard let computed, computed.data.today == today else { return nil }
        return computed.data
    }

    func get(_ db: any Database) async throws -> (PlanDocument, AgencyDirectory) {
        if let value { return value }
        let repository = PlanRepository(db)
        guard let plan = try await repository.defaultDocument() else {
            throw Abort(.notFound, reason: "Chưa có kế hoạch nào trong cơ sở dữ liệu.")
        }
        let loaded = (plan, try await repository.directory(province: plan.plan.provinceCode))
        value = loaded
        return loaded
    }
}

extension Request {
    /// Figures entry against the plan and directory the server already holds.
    func dataEntry() async throws -> DataEntry {
        let (plan, directory) = try await application.planCache.get(db)
        return DataEntry(db, plan: LoadedPlan(document: plan, directory: directory))
    }

    /// Task reporting against the plan and directory the server already holds.
    func taskReporting() async throws -> TaskReporting {
        let (plan, directory) = try await application.planCache.get(db)
        return TaskReporting(db, plan: LoadedPlan(document: plan, directory: directory))
    }
}

extension Application {
    private struct PlanCacheKey: StorageKey { typealias Value = PlanCache }

    var planCache: PlanCache {
        if let cache = storage[PlanCacheKey.self] { return cache }
        let cache = PlanCache()
        storage[PlanCacheKey.self] = cache
        return cache
    }
}

/// Small formatting helpers shared by the pages.
enum Format {
    static func badge(_ status: TaskStatus, _ language: Language) -> Markup {
        el("span", [("class", "badge s-\(status.rawValue)")], text: language.status(status))
    }

    static func number(_ value: ExactNumber?) -> String { value?.vietnamese ?? "—" }

    /// "còn 12 ngày" or "đã quá hạn 3 ngày", counted in whole days.
    static func daysLeft(_ due: CivilDate, today: CivilDate, _ language: Language) -> String {
        let days = due.dayNumber - today.dayNumber
        if language == .en { return days >= 0 ? "\(days) days left" : "overdue by \(-days) days" }
        return days >= 0 ? "còn \(days) ngày" : "đã quá hạn \(-days) ngày"
    }

    /// "29/11/2026 19:05": a stored UTC timestamp as a Vietnamese reader's clock shows it.
    static func vietnamTime(_ stamp: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: stamp) else { return stamp }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
    }

    /// A URL path segment for a task code or agency name.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~()"))) ?? text
    }

    /// Only a local path may be a redirect target.
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
