import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct CapitalLineRecord: TableRow {
    static let table = "capital_lines"
    var lineId: String
    var year: Int
    var project: Int?
    var subproject: Int?
    var content: Int?
    var capitalType: String
    var source: String
    var origin: String
    var originYear: Int?
    var holder: String
    var createdBy: String
    var createdAt: String

    init(_ line: CapitalLine, by actor: Actor, at now: String) {
        (lineId, year, project, subproject, content) = (line.id, line.year, line.project, line.subproject, line.content)
        (capitalType, source, holder, createdBy, createdAt) = (line.capitalType.rawValue, line.source, line.holder.key, actor.username, now)
        switch line.origin {
        case .assigned: (origin, originYear) = ("giao", nil)
        case let .extended(from): (origin, originYear) = ("keo-dai", from)
        }
    }

    func line() throws -> CapitalLine {
        guard let type = FundingSource.CapitalType(rawValue: capitalType), let holder = CapitalHolder(key: holder) else {
            throw StoreError.corrupt(column: "capital_lines", value: lineId)
        }
        let origin: CapitalLine.Origin = self.origin == "keo-dai" ? .extended(from: originYear ?? year - 1) : .assigned
        return CapitalLine(id: lineId, year: year, project: project, subproject: subproject, content: content, capitalType: type,
                           source: source, origin: origin, holder: holder)
    }
}

struct CapitalEventRecord: TableRow {
    static let table = "capital_events"
    var lineId: String
    var kind: String
    var amount: Int
    var decisionNumber: String
    var decisionDate: String
    var decisionIssuer: String
    var target: String?
    var recordedBy: String
    var recordedAt: String

    func event() throws -> CapitalEvent {
        guard let kind = CapitalEvent.Kind(rawValue: kind), let date = CivilDate(iso: decisionDate) else {
            throw StoreError.corrupt(column: "capital_events", value: "\(lineId) \(kind)")
        }
        return CapitalEvent(lineId: lineId, kind: kind, amount: Dong(amount),
                            decision: CapitalDecision(number: decisionNumber, date: date, issuer: decisionIssuer), target: target)
    }
}

extension CapitalLineRecord {
    /// Read column by column: tens of thousands of lines decode several times faster than through `Decodable`.
    init(row: any SQLRow) throws {
        (lineId, year) = (try row.decode(column: "line_id", as: String.self), try row.decode(column: "year", as: Int.self))
        (project, subproject) = (try row.decode(column: "project", as: Int?.self), try row.decode(column: "subproject", as: Int?.self))
        (content, capitalType) = (try row.decode(column: "content", as: Int?.self), try row.decode(column: "capital_type", as: String.self))
        (source, origin) = (try row.decode(column: "source", as: String.self), try row.decode(column: "origin", as: String.self))
        (originYear, holder) = (try row.decode(column: "origin_year", as: Int?.self), try row.decode(column: "holder", as: String.self))
        (createdBy, createdAt) = ("", "")
    }
}

extension CapitalEventRecord {
    /// Read column by column, as `CapitalLineRecord(row:)`.
    init(row: any SQLRow) throws {
        (lineId, kind, amount) = (try row.decode(column: "line_id", as: String.self), try row.decode(column: "kind", as: String.self),
                                  try row.decode(column: "amount", as: Int.self))
        decisionNumber = try row.decode(column: "decision_number", as: String.self)
        decisionDate = try row.decode(column: "decision_date", as: String.self)
        decisionIssuer = try row.decode(column: "decision_issuer", as: String.self)
        (target, recordedBy, recordedAt) = (try row.decode(column: "target", as: String?.self), "", "")
    }
}

struct DisbursementRecord: TableRow {
    static let table = "disbursements"
    var lineId: String
    var month: String
    var source: String
    var disbursed: Int
    var workDone: Int?
    var reportedBy: String
    var comment: String?
    var recordedAt: String

    func disbursement() throws -> Disbursement {
        guard let month = CivilDate(iso: month) else { throw StoreError.corrupt(column: "disbursements.month", value: month) }
        guard let source = Disbursement.Source(rawValue: source) else { throw StoreError.corrupt(column: "disbursements.source", value: source) }
        return Disbursement(lineId: lineId, month: month, disbursed: Dong(disbursed), workDone: workDone.map(Dong.init), reportedBy: reportedBy, source: source)
    }
}

struct InvestmentWorkRecord: TableRow {
    static let table = "investment_works"
    var code: String
    var planId: String
    var name: String
    var taskCodes: String
    var investor: String?
    var units: String
    var project: Int?
    var policyDecision: String?
    var approvalDecision: String?
    var totalInvestment: Int?
    var plannedStart: String?
    var plannedFinish: String?
    var actualStart: String?
    var actualFinish: String?
    var status: String?

    init(_ w: InvestmentWork) {
        (code, planId, name, taskCodes, investor) = (w.code, w.planId, w.name, JSONText.encode(w.taskCodes), w.investor?.key)
        (units, project, totalInvestment) = (JSONText.encode(w.units), w.project, w.totalInvestment?.value)
        policyDecision = w.policyDecision.map { JSONText.encode([$0.number, $0.date.iso, $0.issuer]) }
        approvalDecision = w.approvalDecision.map { JSONText.encode([$0.number, $0.date.iso, $0.issuer]) }
        (plannedStart, plannedFinish, actualStart, actualFinish) = (w.plannedStart?.iso, w.plannedFinish?.iso, w.actualStart?.iso, w.actualFinish?.iso)
        status = w.status?.rawValue
    }

    func work() throws -> InvestmentWork {
        func decision(_ text: String?, _ column: String) throws -> CapitalDecision? {
            guard let text else { return nil }
            let parts = try JSONText.decode([String].self, text, column: column)
            guard parts.count == 3, let date = CivilDate(iso: parts[1]) else { throw StoreError.corrupt(column: column, value: text) }
            return CapitalDecision(number: parts[0], date: date, issuer: parts[2])
        }
        var w = InvestmentWork(code: code, name: name, planId: planId,
                               taskCodes: try JSONText.decode([String].self, taskCodes, column: "investment_works.task_codes"), project: project)
        w.investor = investor.flatMap(CapitalHolder.init(key:))
        w.units = try JSONText.decode([String].self, units, column: "investment_works.units")
        w.policyDecision = try decision(policyDecision, "investment_works.policy_decision")
        w.approvalDecision = try decision(approvalDecision, "investment_works.approval_decision")
        w.totalInvestment = totalInvestment.map(Dong.init)
        (w.plannedStart, w.plannedFinish) = (plannedStart.flatMap(CivilDate.init(iso:)), plannedFinish.flatMap(CivilDate.init(iso:)))
        (w.actualStart, w.actualFinish) = (actualStart.flatMap(CivilDate.init(iso:)), actualFinish.flatMap(CivilDate.init(iso:)))
        w.status = status.flatMap(InvestmentWork.Status.init(rawValue:))
        return w
    }
}

struct WorkProgressRecord: TableRow {
    static let table = "work_progress"
    var workCode: String
    var month: String
    var valueDone: Int
    var disbursed: Int
    var physicalPercent: Int
    var landCleared: String?
    var landNeeded: String?
    var causes: String?
    var reportedBy: String
    var recordedAt: String
    var approvedBy: String?
    var approvedAt: String?

    func progress() throws -> WorkProgress {
        guard let day = CivilDate(iso: month) else { throw StoreError.corrupt(column: "work_progress.month", value: month) }
        var report = WorkProgress(workCode: workCode, month: day, valueDone: Dong(valueDone), disbursed: Dong(disbursed), physicalPercent: physicalPercent,
                                  landCleared: landCleared.flatMap(ExactNumber.init), landNeeded: landNeeded.flatMap(ExactNumber.init),
                                  causes: causes, reportedBy: reportedBy)
        report.approvedBy = approvedBy
        return report
    }
}

/// The capital lines, the decisions on them, the months disbursed and the works. Every write is one transaction that
/// locks the line, re-reads its figures, checks them (`CapitalRules`, passed in by the use case) and is audited.
public struct CapitalBook: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    public func lines() async throws -> [CapitalLine] {
        try await sql.select().columns("line_id", "year", "project", "subproject", "content", "capital_type", "source", "origin", "origin_year", "holder")
            .from(CapitalLineRecord.table).orderBy("year").orderBy("line_id").all().map { try CapitalLineRecord(row: $0).line() }
    }

    public func events() async throws -> [CapitalEvent] {
        try await sql.select().columns("line_id", "kind", "amount", "decision_number", "decision_date", "decision_issuer", "target")
            .from(CapitalEventRecord.table).orderBy("decision_date").orderBy("id").all().map { try CapitalEventRecord(row: $0).event() }
    }

    public func disbursements() async throws -> [Disbursement] {
        try await sql.rows(DisbursementRecord.self, orderBy: ["line_id", "month", "source"]).map { try $0.disbursement() }
    }

    /// The funnel of the lines of plan year `year` (every year when nil) on `asOf`. The months are summed in the
    /// database (`summedDisbursements`), so a page reads one row per line however many months there are.
    public func funnel(asOf: CivilDate, year: Int? = nil) async throws -> CapitalFunnel {
        let lines = try await lines().filter { line in year.map { line.year == $0 } ?? true }
        return try CapitalFunnel.compute(lines: lines, events: try await events(), disbursements: try await summedDisbursements(asOf: asOf), asOf: asOf)
    }

    /// Each line's disbursement and work done on `asOf` as one figure dated `asOf`, summed by the funnel's rule: the
    /// finance side's months up to the last it reported, the holder's months after it. A sum past 64 bits fails.
    public func summedDisbursements(asOf: CivilDate) async throws -> [Disbursement] {
        let finance = Disbursement.Source.finance.rawValue
        struct Summed: Decodable { var line_id: String, disbursed: Int, work_done: Int }
        return try await sql.raw("""
            WITH f AS (SELECT line_id, MAX(month) AS last FROM disbursements WHERE source = \(bind: finance) AND month <= \(bind: asOf.iso) GROUP BY line_id)
            SELECT d.line_id AS line_id, CAST(SUM(d.disbursed) AS BIGINT) AS disbursed, CAST(SUM(COALESCE(d.work_done, 0)) AS BIGINT) AS work_done
            FROM disbursements d LEFT JOIN f ON f.line_id = d.line_id
            WHERE d.month <= \(bind: asOf.iso) AND (d.source = \(bind: finance) OR f.last IS NULL OR d.month > f.last)
            GROUP BY d.line_id
            """).all(decoding: Summed.self).map {
            Disbursement(lineId: $0.line_id, month: asOf, disbursed: Dong($0.disbursed), workDone: Dong($0.work_done), reportedBy: "")
        }
    }

    /// A work's months up to a cut-off: value of work done and disbursed summed, and its physical progress then (the
    /// highest reported, as a month may not go below the one before).
    public struct WorkToDate: Hashable, Sendable {
        public var code: String
        public var valueDone: Dong
        public var disbursed: Dong
        public var physicalPercent: Int
        public var months: Int
    }

    /// Every work's months up to `asOf`, summed in the database.
    public func worksToDate(asOf: CivilDate) async throws -> [WorkToDate] {
        struct Row: Decodable { var work_code: String, value_done: Int, disbursed: Int, percent: Int, months: Int }
        return try await sql.raw("""
            SELECT work_code, CAST(SUM(value_done) AS BIGINT) AS value_done, CAST(SUM(disbursed) AS BIGINT) AS disbursed,
                   MAX(physical_percent) AS percent, COUNT(*) AS months
            FROM work_progress WHERE month <= \(bind: asOf.iso) GROUP BY work_code ORDER BY work_code
            """).all(decoding: Row.self).map {
            WorkToDate(code: $0.work_code, valueDone: Dong($0.value_done), disbursed: Dong($0.disbursed), physicalPercent: $0.percent, months: $0.months)
        }
    }

    /// Everything a report's money section is drafted from.
    public func inputs() async throws -> CapitalInputs {
        CapitalInputs(lines: try await lines(), events: try await events(), disbursements: try await disbursements(),
                      works: try await works(), progress: try await progress())
    }

    /// The plan years that have capital lines.
    public func years() async throws -> [Int] {
        try await sql.select().distinct().column("year").from(CapitalLineRecord.table).orderBy("year").all(decodingColumn: "year", as: Int.self)
    }

    public func addLine(_ line: CapitalLine, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["capital-line:\(line.id)"], on: sql)
            guard try await sql.select().column("id").from(CapitalLineRecord.table).where("line_id", .equal, line.id).first() == nil else {
                throw AppError.conflict("Đã có dòng vốn mã \(line.id).")
            }
            try await sql.insert([CapitalLineRecord(line, by: actor, at: Timestamp.now())])
            try await AuditLog.append([AuditChange(.capitalLine, AuditKey(line.id), field: "created",
                                                   newValue: "\(line.year) · \(line.projectName) · \(line.capitalType.vietnamese) · \(line.source) · \(line.origin.vietnamese) · \(line.holder.key)")],
                                      by: actor, on: sql)
        }
    }

    /// One line as stored, read once inside a write's transaction: its decisions (and those moving capital into it) and
    /// its months; the figures are computed from them, with or without a month about to be written.
    struct Ledger {
        var line: CapitalLine
        var events: [CapitalEvent]
        var paid: [Disbursement]

        static func read(_ lineId: String, on sql: any SQLDatabase) async throws -> Ledger {
            guard let line = try await sql.select().column("*").from(CapitalLineRecord.table).where("line_id", .equal, lineId)
                .first(decoding: CapitalLineRecord.self, keyDecodingStrategy: .convertFromSnakeCase)?.line() else {
                throw AppError.notFound("Không có dòng vốn mã \"\(lineId)\".")
            }
            let events = try await sql.select().column("*").from(CapitalEventRecord.table)
                .where("line_id", .equal, lineId).orWhere("target", .equal, lineId).orderBy("id")
                .all(decoding: CapitalEventRecord.self, keyDecodingStrategy: .convertFromSnakeCase).map { try $0.event() }
            let paid = try await sql.select().column("*").from(DisbursementRecord.table).where("line_id", .equal, lineId)
                .all(decoding: DisbursementRecord.self, keyDecodingStrategy: .convertFromSnakeCase).map { try $0.disbursement() }
            return Ledger(line: line, events: events, paid: paid)
        }

        /// The line's figures over everything recorded, with `extra` months counted as if stored.
        func figures(with extra: [Disbursement] = []) throws -> CapitalFunnel.LineFigures {
            try CapitalFunnel.compute(lines: [line], events: events, disbursements: paid + extra, asOf: .distantFuture).lines[0]
        }

        /// The months one side reported.
        func months(from source: Disbursement.Source) -> [Disbursement] { paid.filter { $0.source == source } }
    }

    /// Records a decision on a line after `check` accepted it against the line's figures on the decision's date.
    public func record(_ event: CapitalEvent, by actor: Actor,
                       check: @escaping @Sendable (CapitalLine, CapitalFunnel.LineFigures, Set<String>) throws -> Void) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["capital-line:\(event.lineId)"] + (event.target.map { ["capital-line:\($0)"] } ?? []), on: sql)
            let ledger = try await Ledger.read(event.lineId, on: sql)
            // The lines the rules may need to know exist: this one, and the one a transfer goes to.
            let known = try await sql.select().column("line_id").from(CapitalLineRecord.table)
                .where("line_id", .in, [event.lineId] + (event.target.map { [$0] } ?? [])).all(decodingColumn: "line_id", as: String.self)
            try check(ledger.line, try ledger.figures(), Set(known))
            try await sql.insert([CapitalEventRecord(lineId: event.lineId, kind: event.kind.rawValue, amount: event.amount.value,
                                                     decisionNumber: event.decision.number, decisionDate: event.decision.date.iso,
                                                     decisionIssuer: event.decision.issuer, target: event.target,
                                                     recordedBy: actor.username, recordedAt: Timestamp.now())])
            try await AuditLog.append([AuditChange(.capitalEvent, AuditKey(event.lineId, event.decision.number), field: event.kind.rawValue,
                                                   newValue: event.amount.vietnamese + (event.target.map { " → \($0)" } ?? ""))],
                                      by: actor, reason: "Quyết định \(event.decision.vietnamese)", on: sql)
        }
    }

    /// Records a month's disbursement after `check` accepted it (returning a warning it answered with `comment`).
    public func record(_ month: Disbursement, comment: String?, by actor: Actor,
                       check: @escaping @Sendable (CapitalFunnel.LineFigures, Set<CivilDate>, Dong) throws -> String?) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["capital-line:\(month.lineId)"], on: sql)
            let ledger = try await Ledger.read(month.lineId, on: sql)
            let warning = try check(try ledger.figures(), Set(ledger.months(from: month.source).map(\.month)), try ledger.figures(with: [month]).disbursed)
            try await sql.insert([DisbursementRecord(lineId: month.lineId, month: month.month.iso, source: month.source.rawValue, disbursed: month.disbursed.value,
                                                     workDone: month.workDone?.value, reportedBy: month.reportedBy, comment: comment,
                                                     recordedAt: Timestamp.now())])
            try await AuditLog.append([AuditChange(.disbursement, AuditKey(month.lineId, month.month.iso, month.source.rawValue), field: "disbursed",
                                                   newValue: month.disbursed.vietnamese + (month.workDone.map { "; khối lượng \($0.vietnamese)" } ?? ""))],
                                      by: actor, reason: warning.map { "\($0) Ghi chú: \(comment ?? "")" }, on: sql)
        }
    }

    /// Records the months of several lines from one file, all or nothing: `check` gets each line's figures and its
    /// months as stored inside the transaction and returns the month to store (or throws naming the file's cell).
    /// Every problem is collected; if there is any, nothing is written and they are thrown together. A line `check`
    /// returns nil for (nothing new this month) is left as it is.
    public func recordAll(_ lineIds: [String], by actor: Actor, reason: String,
                          check: @escaping @Sendable (String, CapitalFunnel.LineFigures, [Disbursement], (Disbursement) throws -> Dong) throws -> Disbursement?) async throws -> Int {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(lineIds.sorted().map { "capital-line:\($0)" }, on: sql)
            var problems: [String] = [], accepted: [Disbursement] = []
            for id in lineIds {
                do {
                    let ledger = try await Ledger.read(id, on: sql)
                    if let month = try check(id, try ledger.figures(), ledger.months(from: .finance), { try ledger.figures(with: [$0]).disbursed }) {
                        accepted.append(month)
                    }
                } catch let error as AppError {
                    problems.append(error.description)
                }
            }
            guard problems.isEmpty else { throw AppError.invalid(problems.joined(separator: "\n")) }
            guard !accepted.isEmpty else { return 0 }
            let now = Timestamp.now()
            try await sql.insert(accepted.map { DisbursementRecord(lineId: $0.lineId, month: $0.month.iso, source: $0.source.rawValue, disbursed: $0.disbursed.value, workDone: nil,
                                                                   reportedBy: $0.reportedBy, comment: nil, recordedAt: now) })
            try await AuditLog.append(accepted.map { AuditChange(.disbursement, AuditKey($0.lineId, $0.month.iso, $0.source.rawValue), field: "disbursed", newValue: $0.disbursed.vietnamese) },
                                      by: actor, reason: reason, on: sql)
            return accepted.count
        }
    }

    /// Every monthly report of every work, by work then month.
    public func progress() async throws -> [WorkProgress] {
        try await sql.rows(WorkProgressRecord.self, orderBy: ["work_code", "month"]).map { try $0.progress() }
    }

    /// Records a work's month after `check` accepted it against the work's reports as stored in the transaction.
    public func record(_ report: WorkProgress, by actor: Actor, check: @escaping @Sendable ([WorkProgress]) throws -> Void) async throws {
        try await record([report], by: actor, reason: report.causes) { _, previous in try check(previous) }
    }

    /// Records works' months after `check` accepted each against its work's reports as stored in the transaction: all
    /// or none, one audit entry each.
    public func record(_ reports: [WorkProgress], by actor: Actor, reason: String?,
                       check: @escaping @Sendable (WorkProgress, [WorkProgress]) throws -> Void) async throws {
        let codes = Set(reports.map(\.workCode)).sorted()
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(codes.map { "work:\($0)" }, on: sql)
            let stored = try await sql.select().column("*").from(WorkProgressRecord.table).where("work_code", .in, codes)
                .all(decoding: WorkProgressRecord.self, keyDecodingStrategy: .convertFromSnakeCase).map { try $0.progress() }
            let previous = Dictionary(grouping: stored, by: \.workCode)
            for report in reports { try check(report, previous[report.workCode] ?? []) }
            let now = Timestamp.now()
            try await sql.insert(reports.map { report in
                WorkProgressRecord(workCode: report.workCode, month: report.month.iso, valueDone: report.valueDone.value,
                                   disbursed: report.disbursed.value, physicalPercent: report.physicalPercent,
                                   landCleared: report.landCleared?.description, landNeeded: report.landNeeded?.description,
                                   causes: report.causes, reportedBy: report.reportedBy, recordedAt: now, approvedBy: nil, approvedAt: nil)
            })
            try await AuditLog.append(reports.map { report in
                AuditChange(.investmentWork, AuditKey(report.workCode, report.month.iso), field: "progress",
                            newValue: "\(report.physicalPercent) %; khối lượng \(report.valueDone.vietnamese); giải ngân \(report.disbursed.vietnamese)")
            }, by: actor, reason: reason, on: sql)
        }
    }

    /// Ban Dân tộc approves a work's month: refused when there is no such month or it is approved already.
    public func approve(work code: String, month: CivilDate, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["work:\(code)"], on: sql)
            let state = try await sql.select().column("approved_by").from(WorkProgressRecord.table)
                .where("work_code", .equal, code).where("month", .equal, month.iso).first()
            guard let state else { throw AppError.notFound("Công trình \(code) chưa có báo cáo tháng \(month.month)/\(month.year).") }
            guard try state.decode(column: "approved_by", as: String?.self) == nil else {
                throw AppError.conflict("Báo cáo tháng \(month.month)/\(month.year) của công trình \(code) đã được duyệt.")
            }
            try await sql.update(WorkProgressRecord.table).set("approved_by", to: actor.username).set("approved_at", to: Timestamp.now())
                .where("work_code", .equal, code).where("month", .equal, month.iso).run()
            try await AuditLog.append([AuditChange(.investmentWork, AuditKey(code, month.iso), field: "approve", newValue: actor.username)],
                                      by: actor, on: sql)
        }
    }

    /// Replaces a work's details (investor, decisions, total investment, dates, status), audited field by field.
    public func update(_ work: InvestmentWork, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["work:\(work.code)"], on: sql)
            guard let old = try await sql.select().column("*").from(InvestmentWorkRecord.table).where("code", .equal, work.code)
                .first(decoding: InvestmentWorkRecord.self, keyDecodingStrategy: .convertFromSnakeCase) else {
                throw AppError.notFound("Không có công trình mã \"\(work.code)\".")
            }
            let new = InvestmentWorkRecord(work)
            try await sql.update(InvestmentWorkRecord.table).set(model: new, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .where("code", .equal, work.code).run()
            let pairs: [(String, String?, String?)] = [
                ("investor", old.investor, new.investor), ("policy_decision", old.policyDecision, new.policyDecision),
                ("approval_decision", old.approvalDecision, new.approvalDecision),
                ("total_investment", old.totalInvestment.map(String.init), new.totalInvestment.map(String.init)),
                ("planned_start", old.plannedStart, new.plannedStart), ("planned_finish", old.plannedFinish, new.plannedFinish),
                ("actual_start", old.actualStart, new.actualStart), ("actual_finish", old.actualFinish, new.actualFinish),
                ("status", old.status, new.status), ("units", old.units, new.units),
            ]
            let changes = pairs.filter { $0.1 != $0.2 }.map { AuditChange(.investmentWork, AuditKey(work.code), field: $0.0, oldValue: $0.1, newValue: $0.2) }
            guard !changes.isEmpty else { return }
            try await AuditLog.append(changes, by: actor, on: sql)
        }
    }

    public func works() async throws -> [InvestmentWork] {
        try await sql.rows(InvestmentWorkRecord.self, orderBy: ["code"]).map { try $0.work() }
    }

    /// Adds the works `plan` names that are not stored yet (name and task only), audited as the system did it unless
    /// they come with the installation's first data.
    @discardableResult
    public func seedWorks(of plan: PlanDocument, by actor: Actor, audited: Bool = true) async throws -> Int {
        let named = InvestmentWork.named(in: plan)
        guard !named.isEmpty else { return 0 }
        return try await WriteTransaction.run(on: db) { sql in
            let known = Set(try await sql.select().column("code").from(InvestmentWorkRecord.table).all(decodingColumn: "code", as: String.self))
            let new = named.filter { !known.contains($0.code) }
            guard !new.isEmpty else { return 0 }
            try await sql.insert(new.map(InvestmentWorkRecord.init))
            guard audited else { return new.count }
            try await AuditLog.append(new.map { AuditChange(.investmentWork, AuditKey($0.code), field: "name", newValue: $0.name) },
                                      by: actor, reason: "Công trình nêu trong \(plan.plan.number); chưa có số liệu.", on: sql)
            return new.count
        }
    }
}
