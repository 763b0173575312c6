import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct DataValueRecord: TableRow {
    static let table = "data_values"
    var planId: String, obligationId: String, reporter: String, period: String, periodStart: String, periodEnd: String
    var element: String, unitCode: String, value: Int, comment: String?, enteredBy: String, enteredAt: String
}

struct SubmissionRecord: TableRow {
    static let table = "submissions"
    var planId: String, obligationId: String, reporter: String, period: String, state: String
    var updatedBy: String, updatedAt: String, comment: String?
    /// The first day the figures were sent: what timeliness is judged on.
    var submittedAt: String?
}

/// One figure as a reporter enters it; `unitCode` defaults to the reporter's own unit.
public struct EntryValue: Hashable, Sendable, Codable {
    public var element: String
    public var unitCode: String?
    public var value: Int
    /// Needed when the figure draws a warning (an outlier, a district total that differs from its communes).
    public var comment: String?

    /// What a save compares to tell whether anything changed.
    func comparable(default unit: String) -> String {
        "\(unitCode ?? unit)|\(element)|\(value)|\(comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")"
    }

    var comparable: String { comparable(default: "") }

    public init(element: String, unitCode: String? = nil, value: Int, comment: String? = nil) {
        self.element = element
        self.unitCode = unitCode
        self.value = value
        self.comment = comment
    }
}

/// A reporter's figures for one obligation and period, with where they stand.
public struct Submission: Hashable, Sendable, Codable {
    public var obligation: String
    public var reporter: String
    public var period: String
    public var state: SubmissionState
    public var values: [EntryValue]
}

/// Figures that fail validation: nothing was stored.
public struct DataRejected: Error, Sendable, CustomStringConvertible {
    public var issues: [DataIssue]
    public var description: String {
        "Số liệu chưa được lưu: \(issues.count) vấn đề. " + issues.prefix(5).map(\.description).joined(separator: " ")
    }
}

/// Who takes a workflow step, and the decision on it, asked inside the transaction that makes the step with the
/// state it finds there: the state after the step, or a refusal. TiendoApp passes the permission policy's answer;
/// storage never decides who may do what.
public struct StepAuthority: Sendable {
    public var actor: Actor
    public var decide: @Sendable (_ step: SubmissionAction, _ state: SubmissionState, _ reporter: Reporter) throws -> SubmissionState

    public init(actor: Actor, decide: @escaping @Sendable (SubmissionAction, SubmissionState, Reporter) throws -> SubmissionState) {
        self.actor = actor
        self.decide = decide
    }
}

/// Entering figures and moving them through submission and approval; every step decided and audited in its transaction.
public struct DataEntry: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    let loaded: LoadedPlan?

    /// `plan`, when given, saves reading the plan and directory on every call.
    public init(_ db: any Database, plan: LoadedPlan? = nil) {
        self.db = db
        self.loaded = plan
    }

    struct Context {
        var plan: PlanDocument
        var directory: AgencyDirectory
        var obligation: ReportObligation
        var period: ReportingPeriod
        var reporterKey: String
        /// The reporter as the policy reads it (a unit with its district and map era).
        var reporter: Reporter
        var elements: [String: DataElement]
        var definitions: [IndicatorDefinition]

        var reporterLevel: AdminLevel? { reporter.level }

        /// The submission as the audit log names it: obligation · reporter · period.
        var auditKey: AuditKey { AuditKey(obligation.id, reporterKey, period.code) }

        /// What two writers of this submission lock, so they take turns.
        var lockKey: String { "submission|\(plan.id)|\(obligation.id)|\(reporterKey)|\(period.code)" }
    }

    func context(obligation: String, reporter: String, period code: String) async throws -> Context {
        var loaded = self.loaded
        if loaded == nil { loaded = try await PlanRepository(db).loadDefault() }
        guard let loaded else { throw AppError.notFound("Chưa có kế hoạch.") }
        let (plan, directory) = (loaded.document, loaded.directory)
        guard let obligation = plan.reportObligations.first(where: { $0.id == obligation }), obligation.dueOn != nil else {
            throw AppError.notFound("Không có chế độ báo cáo \"\(obligation)\" có thời hạn.")
        }
        guard let period = ReportingPeriod.parse(code) else {
            throw AppError.invalid("Tham số \"period\" không hợp lệ: \"\(code)\". Dùng 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
        }
        let date = obligation.dueOn ?? plan.plan.issuedOn
        guard let agency = directory.reporter(named: reporter, on: date) else {
            throw AppError.notFound("Không có cơ quan hay đơn vị \"\(reporter)\".")
        }
        let unit = agency.unitCode.flatMap { directory.units.unit(code: $0, at: date) ?? directory.units.versions(of: $0).last }
        let seed = try SeedData.indicatorDefinitions()
        return Context(plan: plan, directory: directory, obligation: obligation, period: period,
                       reporterKey: unit?.code ?? agency.name,
                       reporter: unit.map { Reporter($0, in: directory.units) } ?? .agency(name: agency.name),
                       elements: Dictionary(uniqueKeysWithValues: obligation.elements(from: seed.elements).map { ($0.code, $0) }),
                       definitions: seed.definitions)
    }

    public func load(obligation: String, reporter: String, period: String) async throws -> Submission {
        let c = try await context(obligation: obligation, reporter: reporter, period: period)
        return try await submission(c, on: sql)
    }

    func submission(_ c: Context, on sql: any SQLDatabase) async throws -> Submission {
        let rows = try await sql.select().column("*").from(DataValueRecord.table)
            .scoped(to: c).orderBy("id")
            .all(decoding: DataValueRecord.self, keyDecodingStrategy: .snakeCase)
        return Submission(obligation: c.obligation.id, reporter: c.reporterKey, period: c.period.code,
                          state: try await state(c, on: sql),
                          values: rows.map { EntryValue(element: $0.element, unitCode: $0.unitCode, value: $0.value, comment: $0.comment) })
    }

    func state(_ c: Context, on sql: any SQLDatabase) async throws -> SubmissionState {
        let raw = try await sql.select().column("state").from(SubmissionRecord.table)
            .scoped(to: c)
            .first(decodingColumn: "state", as: String.self)
        return raw.flatMap(SubmissionState.init(rawValue:)) ?? .draft
    }

    /// Replaces the reporter's figures for the period, all or nothing, after the role, scope, state and every rule allow it.
    public func save(_ entries: [EntryValue], obligation: String, reporter: String, period: String,
                     as authority: StepAuthority) async throws -> Submission {
        let c = try await context(obligation: obligation, reporter: reporter, period: period)
        return try await save([(c, entries)], as: authority, skipUnchanged: false)[0]
    }

    /// Replaces the figures of several reporters (a district's communes, an uploaded template) in one transaction:
    /// every batch is checked first and nothing is stored unless all pass. A batch identical to what is stored is
    /// left alone, so a template may carry the lines of submissions that are already locked.
    public func saveAll(_ batches: [(reporter: String, entries: [EntryValue])], obligation: String, period: String,
                        as authority: StepAuthority) async throws -> [Submission] {
        var contexts: [(Context, [EntryValue])] = []
        for batch in batches {
            contexts.append((try await context(obligation: obligation, reporter: batch.reporter, period: period), batch.entries))
        }
        return try await save(contexts, as: authority, skipUnchanged: true)
    }

    /// Every state check happens inside the transaction that writes, with the submissions locked: a submit and an
    /// approval that commit while a save is under way are seen by it (and refuse it), never reset to draft unseen.
    func save(_ batches: [(Context, [EntryValue])], as authority: StepAuthority, skipUnchanged: Bool) async throws -> [Submission] {
        let batches = batches.map { (context: $0.0, entries: $0.1) }
        return try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(batches.map(\.context.lockKey), on: sql)
            var pending: [(c: Context, values: [DataValue], entries: [EntryValue])] = []
            var issues: [DataIssue] = []
            for (c, entries) in batches {
                let stored = try await submission(c, on: sql)
                if skipUnchanged && Set(stored.values.map(\.comparable)) == Set(entries.map { $0.comparable(default: c.reporterKey) }) { continue }
                _ = try authority.decide(.edit, stored.state, c.reporter)
                let values = entries.map { DataValue(element: $0.element, unitCode: $0.unitCode ?? c.reporterKey, period: c.period, value: $0.value) }
                issues += try await check(values, entries: entries, c, on: sql)
                pending.append((c, values, entries))
            }
            guard issues.isEmpty else { throw DataRejected(issues: issues) }
            var result: [Submission] = []
            for (c, values, entries) in pending {
                result.append(try await write(values, entries: entries, c, by: authority.actor, on: sql))
            }
            return result
        }
    }

    /// The problems that block saving: errors, and warnings without a comment.
    func check(_ values: [DataValue], entries: [EntryValue], _ c: Context, on sql: any SQLDatabase) async throws -> [DataIssue] {
        var issues = sourceIssues(values, c)
        let history = try await sql.select().column("*").from(DataValueRecord.table)
            .where("plan_id", .equal, c.plan.id).where("reporter", .equal, c.reporterKey).where("period", .notEqual, c.period.code)
            .all(decoding: DataValueRecord.self, keyDecodingStrategy: .snakeCase)
            .compactMap { row in ReportingPeriod.parse(row.period).map { DataValue(element: row.element, unitCode: row.unitCode, period: $0, value: row.value) } }
        issues += DataValidation.check(values, elements: c.elements, definitions: c.definitions, history: history,
                                       yearValues: history.filter { $0.period.kind == .year && $0.period.covers(c.period) })
        let explained = Set(zip(values, entries).compactMap { value, entry in
            entry.comment?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false ? "\(value.unitCode)|\(value.element)" : nil
        })
        return issues.filter { $0.severity == .error || !explained.contains("\($0.unitCode)|\($0.element)") }
    }

    func write(_ values: [DataValue], entries: [EntryValue], _ c: Context, by actor: Actor,
               on sql: any SQLDatabase) async throws -> Submission {
        let before = try await submission(c, on: sql)
        let old = Dictionary(before.values.map { ("\($0.unitCode ?? "")|\($0.element)", $0.value) }, uniquingKeysWith: { a, _ in a })
        try await sql.delete(from: DataValueRecord.table).scoped(to: c).run()
        let now = Timestamp.now()
        try await sql.insert(zip(values, entries).map { value, entry in
            DataValueRecord(planId: c.plan.id, obligationId: c.obligation.id, reporter: c.reporterKey, period: c.period.code,
                            periodStart: c.period.start.iso, periodEnd: c.period.end.iso, element: value.element, unitCode: value.unitCode,
                            value: value.value, comment: entry.comment, enteredBy: actor.username, enteredAt: now)
        })
        try await setState(.draft, c, by: actor, comment: nil, on: sql)
        // Editing returned figures takes them back to draft: a state change like any other, so it is audited.
        var changes = before.state == .draft ? [] : [AuditChange(.submission, c.auditKey,
                                                                 field: "state", oldValue: before.state.rawValue, newValue: SubmissionState.draft.rawValue)]
        changes += values.compactMap { value -> AuditChange? in
            let previous = old["\(value.unitCode)|\(value.element)"]
            guard previous != value.value else { return nil }
            return AuditChange(.dataValue, AuditKey(c.obligation.id, c.reporterKey, c.period.code, value.unitCode),
                               field: value.element, oldValue: previous.map(String.init), newValue: String(value.value))
        }
        // A figure left out of the new batch is removed: that is a change too.
        let kept = Set(values.map { "\($0.unitCode)|\($0.element)" })
        changes += before.values.filter { !kept.contains("\($0.unitCode ?? "")|\($0.element)") }.map { gone in
            AuditChange(.dataValue, AuditKey(c.obligation.id, c.reporterKey, c.period.code, gone.unitCode ?? ""),
                        field: gone.element, oldValue: String(gone.value), newValue: nil)
        }
        try await AuditLog.append(changes, by: actor, on: sql)
        return try await submission(c, on: sql)
    }

    /// Units enter their own elements for themselves; an agency enters its elements for the units of their level.
    func sourceIssues(_ values: [DataValue], _ c: Context) -> [DataIssue] {
        values.enumerated().compactMap { index, value -> DataIssue? in
            guard let element = c.elements[value.element] else { return nil }   // the rule "element" reports it
            let allowed: Bool
            switch element.source {
            case .units:
                allowed = c.reporterLevel == element.level && value.unitCode == c.reporterKey
            case let .agency(name):
                allowed = name == c.reporterKey && c.directory.units.unit(code: value.unitCode, at: c.period.end)?.level == element.level
            }
            guard !allowed else { return nil }
            let who: String
            if case let .agency(name) = element.source { who = "\(name) nhập cho từng đơn vị cấp \(element.level.vietnamese)" }
            else { who = "đơn vị cấp \(element.level.vietnamese) tự nhập cho chính mình" }
            return DataIssue(severity: .error, rule: "source", element: value.element, unitCode: value.unitCode,
                             message: "Dòng \(index + 1): \(element.name) do \(who).")
        }
    }

    /// Submit, approve, return or reopen; refused unless the workflow and the user's scope allow it.
    public func apply(_ action: SubmissionAction, obligation: String, reporter: String, period: String, comment: String?,
                      as authority: StepAuthority) async throws -> Submission {
        let c = try await context(obligation: obligation, reporter: reporter, period: period)
        let keys = [c.lockKey] + (c.reporterLevel == .district ? c.directory.units.children(of: c.reporterKey, at: c.obligation.dueOn ?? c.plan.plan.issuedOn)
            .map { unit in var commune = c; commune.reporterKey = unit.code; return commune.lockKey } : [])
        return try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(keys, on: sql)
            let current = try await state(c, on: sql)
            let next = try authority.decide(action, current, c.reporter)
            let reportsCommunes = c.reporterLevel == .district && c.obligation.carriesFigures
            let communes = reportsCommunes ? try await communeStates(c, on: sql) : []
            if action == .submit {
                let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(DataValueRecord.table)
                    .scoped(to: c)
                    .first(decodingColumn: "n", as: Int.self) ?? 0
                if reportsCommunes {
                    // A district's report is its communes' figures, checked: none may still wait for its approval.
                    let waiting = communes.filter { $0.state == .submitted }.map(\.context.reporterKey)
                    guard waiting.isEmpty else {
                        throw AppError.invalid("Còn \(waiting.count) xã đã gửi chờ huyện duyệt (\(waiting.joined(separator: ", "))); duyệt hoặc trả lại trước khi gửi báo cáo của huyện.")
                    }
                    guard count > 0 || communes.contains(where: { $0.state.isLocked }) else {
                        throw AppError.invalid("Chưa có xã nào được huyện duyệt số liệu; chưa có gì để gửi.")
                    }
                } else {
                    // A reporter with no figures to enter (most agencies) still sends its report: the written one.
                    let hasForm = !(EntryForm.make(reporter: c.reporterKey, directory: c.directory, elements: Array(c.elements.values),
                                                   on: c.obligation.dueOn ?? c.plan.plan.issuedOn)?.lines.isEmpty ?? true)
                    guard count > 0 || !hasForm else { throw AppError.invalid("Chưa có số liệu nào để gửi.") }
                }
            }
            var changes = [AuditChange(.submission, c.auditKey,
                                       field: "state", oldValue: current.rawValue, newValue: next.rawValue)]
            try await setState(next, c, by: authority.actor, comment: comment, on: sql)
            if action == .approve && next == .approved {
                // Approving a district's report approves the communes' figures it vouched for.
                for commune in communes where commune.state == .districtApproved {
                    try await setState(.approved, commune.context, by: authority.actor, comment: comment, on: sql)
                    changes.append(AuditChange(.submission, commune.context.auditKey,
                                               field: "state", oldValue: commune.state.rawValue, newValue: SubmissionState.approved.rawValue))
                }
            }
            if action == .return { try await noticeOfReturn(c, comment: comment, on: sql) }
            try await AuditLog.append(changes, by: authority.actor, reason: comment, on: sql)
            return try await submission(c, on: sql)
        }
    }

    /// Tells whoever last sent the figures that they came back and why, in their inbox, in the return's transaction:
    /// once per return. The sender is read from the audit log (the submission row keeps only its latest state).
    func noticeOfReturn(_ c: Context, comment: String?, on sql: any SQLDatabase) async throws {
        guard let sender = try await sql.select().column("actor").from(AuditRecord.table)
            .where("entity", .equal, AuditEntity.submission.rawValue).where("entity_id", .equal, c.auditKey.stored)
            .where("field", .equal, "state").where("new_value", .equal, SubmissionState.submitted.rawValue)
            .orderBy("seq", .descending).limit(1).first(decodingColumn: "actor", as: String.self) else { return }
        let now = Timestamp.now()
        let day = Timestamp.vietnamDay(now) ?? c.obligation.dueOn ?? c.plan.plan.issuedOn
        let name = c.directory.units.unit(code: c.reporterKey, asOf: c.obligation.dueOn ?? day).map { c.directory.committee(of: $0).name } ?? c.reporterKey
        let reason = comment.map { ": \($0.clipped(to: 300))" } ?? "."
        let notice = Notice(kind: .returned, recipient: c.reporterKey, recipientName: name, about: c.reporterKey, obligation: c.obligation.id,
                            period: c.period.code, due: c.obligation.dueOn ?? day, day: day,
                            text: "\(c.obligation.name) của \(name) được trả lại để sửa\(reason)",
                            link: Notice.figuresPage(obligation: c.obligation.id, reporter: c.reporterKey, period: c.period.code), occasion: now)
        _ = try await Inbox.deliver([(username: sender, notice: notice)], on: sql)
    }

    /// The district's communes in the map of the due date, each with where its figures stand.
    func communeStates(_ c: Context, on sql: any SQLDatabase) async throws -> [(context: Context, state: SubmissionState)] {
        var result: [(context: Context, state: SubmissionState)] = []
        for unit in c.directory.units.children(of: c.reporterKey, at: c.obligation.dueOn ?? c.plan.plan.issuedOn) {
            var commune = c
            commune.reporterKey = unit.code
            commune.reporter = Reporter(unit, in: c.directory.units)
            result.append((commune, try await state(commune, on: sql)))
        }
        return result
    }

    func setState(_ state: SubmissionState, _ c: Context, by actor: Actor, comment: String?, on sql: any SQLDatabase) async throws {
        let firstSent = try await sql.select().column("submitted_at").from(SubmissionRecord.table)
            .scoped(to: c)
            .first(decodingColumn: "submitted_at", as: String?.self) ?? nil
        let now = Timestamp.now()
        try await sql.delete(from: SubmissionRecord.table).scoped(to: c).run()
        try await sql.insert([SubmissionRecord(planId: c.plan.id, obligationId: c.obligation.id, reporter: c.reporterKey,
                                               period: c.period.code, state: state.rawValue, updatedBy: actor.username,
                                               updatedAt: now, comment: comment,
                                               submittedAt: firstSent ?? (state == .submitted ? now : nil))])
    }

    /// Moves a submission's first sending `days` after `due`: the demo's late and early reporters. Not audited:
    /// only `tiendo demo load` calls it, on a database of its own.
    public func backdate(obligation: String, reporter: String, period: String, due: CivilDate, days: Int) async throws {
        let stamp = Timestamp.string(Date(timeIntervalSince1970: Double(due.dayNumber + days) * 86_400 + 3 * 3600))
        try await sql.update(SubmissionRecord.table).set("submitted_at", to: stamp)
            .where("obligation_id", .equal, obligation).where("reporter", .equal, reporter).where("period", .equal, period).run()
    }

    /// Where each reporter's figures stand, and the day (in Vietnam's calendar) it first sent them, by obligation.
    public func overview(planId: String) async throws -> [String: [String: (state: SubmissionState, sentOn: CivilDate?)]] {
        let rows = try await sql.select().columns("obligation_id", "reporter", "state", "submitted_at").from(SubmissionRecord.table)
            .where("plan_id", .equal, planId).all()
        var result: [String: [String: (state: SubmissionState, sentOn: CivilDate?)]] = [:]
        for row in rows {
            let obligation = try row.decode(column: "obligation_id", as: String.self), reporter = try row.decode(column: "reporter", as: String.self)
            let day = try row.decode(column: "submitted_at", as: String?.self).flatMap(Timestamp.vietnamDay)
            let earlier = result[obligation]?[reporter]?.sentOn
            result[obligation, default: [:]][reporter] = (SubmissionState(rawValue: try row.decode(column: "state", as: String.self)) ?? .draft,
                                                          [earlier, day].compactMap { $0 }.min())
        }
        return result
    }

    /// Why each returned submission came back: the comment of its return, by obligation and reporter.
    public func returnReasons(planId: String) async throws -> [String: [String: String]] {
        let rows = try await sql.select().columns("obligation_id", "reporter", "comment").from(SubmissionRecord.table)
            .where("plan_id", .equal, planId).where("state", .equal, SubmissionState.returned.rawValue).all()
        var result: [String: [String: String]] = [:]
        for row in rows {
            guard let comment = try row.decode(column: "comment", as: String?.self) else { continue }
            result[try row.decode(column: "obligation_id", as: String.self), default: [:]][try row.decode(column: "reporter", as: String.self)] = comment
        }
        return result
    }

    /// Changes whenever the set of approved figures does: an approval stamps the newest time, a reopening lowers
    /// the count (approved figures are locked, so their values cannot change in place).
    public func approvedFingerprint(planId: String) async throws -> String {
        let row = try await sql.raw("""
            SELECT COUNT(*) AS n, MAX(updated_at) AS last FROM submissions
            WHERE plan_id = \(bind: planId) AND state = \(bind: SubmissionState.approved.rawValue)
            """).first()
        return "\(try row?.decode(column: "n", as: Int.self) ?? 0)/\(try row?.decode(column: "last", as: String?.self) ?? "")"
    }

    /// Every approved figure of the plan, for the roll-up. Read column by column: pages recompute from tens of
    /// thousands of figures after every change, and decoding whole records dominated that.
    public func approvedValues(planId: String) async throws -> [DataValue] {
        let rows = try await sql.raw("""
            SELECT v.element, v.unit_code, v.period, v.value FROM data_values v JOIN submissions s
            ON s.plan_id = v.plan_id AND s.obligation_id = v.obligation_id AND s.reporter = v.reporter AND s.period = v.period
            WHERE v.plan_id = \(bind: planId) AND s.state = \(bind: SubmissionState.approved.rawValue)
            """).all()
        var periods: [String: ReportingPeriod] = [:]
        var values: [DataValue] = []
        values.reserveCapacity(rows.count)
        for row in rows {
            let code = try row.decode(column: "period", as: String.self)
            guard let period = periods[code] ?? ReportingPeriod.parse(code) else { continue }
            periods[code] = period
            values.append(DataValue(element: try row.decode(column: "element", as: String.self),
                                    unitCode: try row.decode(column: "unit_code", as: String.self),
                                    period: period, value: try row.decode(column: "value", as: Int.self)))
        }
        return values
    }
}

extension SQLPredicateBuilder {
    /// Rows of one reporter's figures for one obligation and period.
    func scoped(to c: DataEntry.Context) -> Self {
        self.where("plan_id", .equal, c.plan.id).where("obligation_id", .equal, c.obligation.id)
            .where("reporter", .equal, c.reporterKey).where("period", .equal, c.period.code)
    }
}
