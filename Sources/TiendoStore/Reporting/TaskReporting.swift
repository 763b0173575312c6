import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct TaskUpdateRecord: TableRow {
    static let table = "task_updates"
    var planId: String
    var taskCode: String
    var reporter: String
    var reporterUnitCode: String?
    var role: String
    var status: String
    var progress: Int
    var note: String
    var evidenceNumber: String?
    var evidenceDate: String?
    var username: String
    var createdAt: String

    var update: TaskUpdate? {
        guard let role = Assignment.Role(rawValue: role), let status = ProgressStatus(rawValue: status) else { return nil }
        return TaskUpdate(planId: planId, taskCode: taskCode, reporter: reporter, reporterUnitCode: reporterUnitCode, role: role,
                          status: status, progress: progress, note: note, evidenceNumber: evidenceNumber,
                          evidenceDate: evidenceDate.flatMap(CivilDate.init(iso:)), username: username, createdAt: createdAt)
    }
}

/// What an assignee submits about a task; `unit` names who it reports for (defaults to the user's own scope).
public struct TaskUpdateRequest: Hashable, Sendable, Codable {
    public var status: ProgressStatus
    public var progress: Int
    public var note: String
    public var unit: String?
    public var evidenceNumber: String?
    public var evidenceDate: CivilDate?

    public init(status: ProgressStatus, progress: Int, note: String, unit: String? = nil,
                evidenceNumber: String? = nil, evidenceDate: CivilDate? = nil) {
        self.status = status
        self.progress = progress
        self.note = note
        self.unit = unit
        self.evidenceNumber = evidenceNumber
        self.evidenceDate = evidenceDate
    }
}

/// Progress reports on tasks: stored with their audit entries in one transaction, and read back.
public struct TaskReporting: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Stores an update (already resolved, authorised and validated by the use case) with its audit entries.
    public func insert(_ update: TaskUpdate, by actor: Actor) async throws -> TaskUpdate {
        var update = update
        let code = update.taskCode
        let stored = update
        update.id = try await WriteTransaction.run(on: db) { sql in
            let previous = try await TaskReporting.latest(planId: stored.planId, task: code, reporter: stored.reporter, on: sql)
            let record = TaskUpdateRecord(planId: stored.planId, taskCode: code, reporter: stored.reporter,
                                          reporterUnitCode: stored.reporterUnitCode, role: stored.role.rawValue,
                                          status: stored.status.rawValue, progress: stored.progress, note: stored.note,
                                          evidenceNumber: stored.evidenceNumber, evidenceDate: stored.evidenceDate?.iso,
                                          username: stored.username, createdAt: stored.createdAt!)
            let id = try await sql.insert(into: TaskUpdateRecord.table)
                .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .returning("id").first(decodingColumn: "id", as: Int.self)!
            let entity = AuditKey(code, stored.reporter)
            var changes = [
                AuditChange(.taskUpdate, entity, field: "status", oldValue: previous?.status.rawValue, newValue: stored.status.rawValue),
                AuditChange(.taskUpdate, entity, field: "progress", oldValue: previous.map { String($0.progress) }, newValue: String(stored.progress)),
                AuditChange(.taskUpdate, entity, field: "note", oldValue: previous?.note, newValue: stored.note),
            ]
            if stored.evidenceNumber != nil || stored.evidenceDate != nil {
                changes.append(AuditChange(.taskUpdate, entity, field: "evidence",
                                           newValue: [stored.evidenceNumber, stored.evidenceDate?.vietnamese].compactMap { $0 }.joined(separator: " ngày ")))
            }
            try await AuditLog.append(changes, by: actor, reason: "cập nhật số \(id)", on: sql)
            return id
        }
        return update
    }

    /// Every update on a task (or, with no task, on the whole plan), oldest first.
    /// Changes whenever an update is added or removed: pages reuse what they derived from updates until it does.
    public func fingerprint(planId: String) async throws -> String {
        let row = try await sql.raw("SELECT COUNT(*) AS n, MAX(id) AS last FROM task_updates WHERE plan_id = \(bind: planId)").first()
        return "\(try row?.decode(column: "n", as: Int.self) ?? 0)/\(try row?.decode(column: "last", as: Int?.self) ?? 0)"
    }

    public func updates(task code: String? = nil, planId: String) async throws -> [TaskUpdate] {
        var query = sql.select().column("*").from(TaskUpdateRecord.table).where("plan_id", .equal, planId)
        if let code { query = query.where("task_code", .equal, code) }
        return try await query.orderBy("id")
            .all(decoding: IdentifiedUpdate.self, keyDecodingStrategy: .snakeCase)
            .compactMap { row in row.record.update.map { var u = $0; u.id = row.id; return u } }
    }

    struct IdentifiedUpdate: Decodable {
        var id: Int
        var record: TaskUpdateRecord
        init(from decoder: any Decoder) throws {
            struct Key: CodingKey { var stringValue: String; var intValue: Int? { nil }; init(stringValue: String) { self.stringValue = stringValue }; init?(intValue: Int) { nil } }
            id = try decoder.container(keyedBy: Key.self).decode(Int.self, forKey: Key(stringValue: "id"))
            record = try TaskUpdateRecord(from: decoder)
        }
    }

    static func latest(planId: String, task: String, reporter: String, on sql: any SQLDatabase) async throws -> TaskUpdate? {
        try await sql.select().column("*").from(TaskUpdateRecord.table)
            .where("plan_id", .equal, planId).where("task_code", .equal, task).where("reporter", .equal, reporter)
            .orderBy("id", .descending).limit(1)
            .first(decoding: TaskUpdateRecord.self, keyDecodingStrategy: .snakeCase)?.update
    }

    /// Assignments of a section III task or an appendix row, by code.
    public static func assignments(of code: String, in plan: PlanDocument) -> [Assignment]? {
        plan.sectionTasks.first { $0.code == code }?.assignments ?? plan.appendix.first { $0.code == code }?.assignments
    }
}
