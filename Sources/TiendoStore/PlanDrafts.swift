import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// A draft plan as stored while it is reviewed.
public struct StoredDraft: Sendable {
    public enum Status: String, Sendable { case draft, published }
    public var id: Int
    public var fileName: String
    public var status: Status
    public var draft: PlanDraft
    public var createdBy: String
    public var createdAt: String
    public var updatedAt: String
    public var publishedAt: String?
}

/// Drafts read from plan documents, and publishing one: a new plan, a child plan under its parent, or a new
/// version of a plan it amends. Each write is one transaction with its audit entries.
public struct PlanDrafts: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    struct Row: Codable {
        var id: Int?
        var planId: String
        var fileName: String
        var status: String
        var parentPlanId: String?
        var amends: String?
        var draft: String
        var createdBy: String
        var createdAt: String
        var updatedAt: String
        var publishedAt: String?

        func stored() throws -> StoredDraft {
            guard let id, let status = StoredDraft.Status(rawValue: status) else { throw StoreError.corrupt(column: "plan_drafts.status", value: status) }
            let draft = try JSONDecoder().decode(PlanDraft.self, from: Data(self.draft.utf8))
            return StoredDraft(id: id, fileName: fileName, status: status, draft: draft, createdBy: createdBy,
                               createdAt: createdAt, updatedAt: updatedAt, publishedAt: publishedAt)
        }
    }

    static func encode(_ draft: PlanDraft) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(draft), as: UTF8.self)
    }

    /// Stores a new draft; returns its number.
    public func create(_ draft: PlanDraft, fileName: String, by actor: Actor) async throws -> Int {
        let text = try Self.encode(draft)
        return try await WriteTransaction.run(on: db) { sql in
            let now = Timestamp.now()
            // No id column: the database numbers it (PostgreSQL refuses an explicit NULL there).
            struct NewRow: Encodable {
                var planId: String, fileName: String, status: String, parentPlanId: String?, amends: String?, draft: String
                var createdBy: String, createdAt: String, updatedAt: String
            }
            let row = NewRow(planId: draft.document.id, fileName: fileName, status: StoredDraft.Status.draft.rawValue,
                          parentPlanId: draft.parentPlanId, amends: draft.amends, draft: text, createdBy: actor.username,
                          createdAt: now, updatedAt: now)
            let id = try await sql.insert(into: "plan_drafts").model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .returning("id").first(decodingColumn: "id", as: Int.self) ?? 0
            try await AuditLog.append([AuditChange(.plan, AuditKey("nháp \(id)"), field: "draft",
                                                   newValue: "\(draft.document.plan.number) · \(fileName) · \(draft.problems.count) vấn đề")],
                                      by: actor, reason: "Nhập kế hoạch từ văn bản.", on: sql)
            return id
        }
    }

    public func get(_ id: Int) async throws -> StoredDraft? {
        let sql = db as! any SQLDatabase
        return try await sql.select().column("*").from("plan_drafts").where("id", .equal, id)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.stored()
    }

    public func all() async throws -> [StoredDraft] {
        let sql = db as! any SQLDatabase
        return try await sql.select().column("*").from("plan_drafts").orderBy("id", .descending)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).map { try $0.stored() }
    }

    /// Replaces a draft under review with the reviewer's corrections; a published draft no longer changes.
    public func update(_ id: Int, _ draft: PlanDraft, by actor: Actor) async throws {
        let text = try Self.encode(draft)
        try await WriteTransaction.run(on: db) { sql in
            guard let row = try await sql.select().column("*").from("plan_drafts").where("id", .equal, id)
                .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) else { throw AppError.notFound("Không có bản nháp số \(id).") }
            guard row.status == StoredDraft.Status.draft.rawValue else { throw AppError.conflict("Bản nháp số \(id) đã ban hành; không sửa được nữa.") }
            let before = try row.stored().draft
            let changes = PlanComparison.changes(from: before.document, to: draft.document)
            try await sql.update("plan_drafts").set("draft", to: text).set("plan_id", to: draft.document.id)
                .set("parent_plan_id", to: draft.parentPlanId).set("amends", to: draft.amends)
                .set("updated_at", to: Timestamp.now()).where("id", .equal, id).run()
            var audit = changes.map { AuditChange(.plan, AuditKey("nháp \(id)", $0.item), field: $0.kind.rawValue, oldValue: $0.before, newValue: $0.after) }
            if audit.isEmpty || before.parentPlanId != draft.parentPlanId || before.implements != draft.implements || before.document.plan != draft.document.plan {
                audit.append(AuditChange(.plan, AuditKey("nháp \(id)"), field: "draft", newValue: "đã sửa khi duyệt"))
            }
            try await AuditLog.append(audit, by: actor, reason: "Duyệt bản nháp kế hoạch.", on: sql)
        }
    }

    /// Publishes a draft: a new plan, or, for an amendment, the plan's next version (the one it replaces is kept
    /// in `plan_versions`; figures and task updates stay with the task codes that continue). Returns the plan id.
    public func publish(_ id: Int, by actor: Actor) async throws -> String {
        try await WriteTransaction.run(on: db) { sql in
            // Two publishes of one draft take turns; the second finds it published.
            try await WriteTransaction.lock(["plan-draft:\(id)"], on: sql)
            guard let row = try await sql.select().column("*").from("plan_drafts").where("id", .equal, id)
                .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) else { throw AppError.notFound("Không có bản nháp số \(id).") }
            guard row.status == StoredDraft.Status.draft.rawValue else { throw AppError.conflict("Bản nháp số \(id) đã ban hành rồi.") }
            let draft = try row.stored().draft
            var document = draft.document
            try await WriteTransaction.lock(["plan:\(draft.amends ?? document.id)"], on: sql)
            var audit: [AuditChange] = []
            // The plan this one implements: the draft's, or for an amendment the one the amended plan had.
            var parent = draft.parentPlanId
            if let amended = draft.amends {
                guard let stored = try await PlanRows(db: sql, id: amended) else {
                    throw AppError.notFound("Không có kế hoạch \(amended) để sửa đổi, bổ sung.")
                }
                let current = try stored.document()
                let version = stored.plan.version ?? 1
                try await sql.insert(into: "plan_versions").columns("plan_id", "version", "document", "replaced_at", "replaced_by", "amended_by")
                    .values(SQLBind(amended), SQLBind(version), SQLBind(String(decoding: try JSONEncoder().encode(current), as: UTF8.self)),
                            SQLBind(Timestamp.now()), SQLBind(actor.username), SQLBind(document.plan.number)).run()
                for table in CreatePlanTables.planTables.reversed() {
                    try await sql.delete(from: table).where(table == "plans" ? "id" : "plan_id", .equal, amended).run()
                }
                document.id = amended
                parent = parent ?? stored.plan.parentId
                var rows = PlanRows(document)
                (rows.plan.version, rows.plan.parentId) = (version + 1, parent)
                try await rows.insert(into: sql)
                audit.append(AuditChange(.plan, AuditKey(amended), field: "version", oldValue: String(version), newValue: String(version + 1)))
                audit += PlanComparison.changes(from: current, to: document)
                    .map { AuditChange(.plan, AuditKey(amended, $0.item), field: $0.kind.rawValue, oldValue: $0.before, newValue: $0.after) }
            } else {
                let taken = try await sql.select().column("id").from("plans").where("id", .equal, document.id).first()
                guard taken == nil else {
                    throw AppError.conflict("Đã có kế hoạch mã \(document.id) (\(document.plan.number)). Nếu văn bản này sửa đổi kế hoạch đó, chọn \"sửa đổi, bổ sung\".")
                }
                if let parent = draft.parentPlanId {
                    guard try await sql.select().column("id").from("plans").where("id", .equal, parent).first() != nil else {
                        throw AppError.invalid("Không có kế hoạch cấp trên mã \(parent).")
                    }
                }
                var rows = PlanRows(document)
                (rows.plan.version, rows.plan.parentId) = (1, draft.parentPlanId)
                try await rows.insert(into: sql)
                audit.append(AuditChange(.plan, AuditKey(document.id), field: "published", newValue: "\(document.plan.number) ngày \(document.plan.issuedOn.vietnamese)"))
                if let parent = draft.parentPlanId { audit.append(AuditChange(.plan, AuditKey(document.id), field: "parent_id", newValue: parent)) }
            }
            try await sql.delete(from: "plan_task_links").where("plan_id", .equal, document.id).run()
            if let parent {
                for (task, parents) in draft.implements.sorted(by: { $0.key < $1.key }) {
                    for parentTask in parents.uniqued() {
                        try await sql.insert(into: "plan_task_links").columns("plan_id", "task_code", "parent_plan_id", "parent_task_code")
                            .values(SQLBind(document.id), SQLBind(task), SQLBind(parent), SQLBind(parentTask)).run()
                        audit.append(AuditChange(.plan, AuditKey(document.id, task), field: "implements", newValue: "\(parent) \(parentTask)"))
                    }
                }
            }
            try await sql.update("plan_drafts").set("status", to: StoredDraft.Status.published.rawValue).set("plan_id", to: document.id)
                .set("published_at", to: Timestamp.now()).where("id", .equal, id).run()
            try await AuditLog.append(audit, by: actor, reason: "Ban hành kế hoạch từ bản nháp số \(id).", on: sql)
            return document.id
        }
    }
}

/// How plans hang together: parents, children, versions, and the child tasks that implement a parent task.
public struct PlanFamily: Sendable {
    let sql: any SQLDatabase

    public init(_ db: any Database) { self.sql = db as! any SQLDatabase }

    public struct ChildTask: Hashable, Sendable {
        public var planId: String
        public var planNumber: String
        public var issuer: String
        public var taskCode: String
        public var text: String
    }

    public struct Version: Hashable, Sendable {
        public var version: Int
        public var document: PlanDocument
        public var replacedAt: String
        public var replacedBy: String
        public var amendedBy: String?
    }

    /// A plan published under another: who issued it and the day (in Vietnam) it was first published in Tiendo.
    public struct PublishedChild: Hashable, Sendable {
        public var planId: String
        public var issuer: String
        public var issuedOn: CivilDate
        public var publishedOn: CivilDate
    }

    /// The plans published as children of `planId`, each with the day its first version was published (an amendment
    /// later does not move it).
    public func publishedChildren(of planId: String) async throws -> [PublishedChild] {
        struct R: Decodable { var id: String; var issuer: String; var issuedOn: String; var publishedAt: String }
        let rows = try await sql.raw("""
            SELECT p.id, p.issuer, p.issued_on, MIN(d.published_at) AS published_at FROM plans p
            JOIN plan_drafts d ON d.plan_id = p.id AND d.status = 'published' AND d.amends IS NULL
            WHERE p.parent_id = \(bind: planId)
            GROUP BY p.id, p.issuer, p.issued_on ORDER BY p.id
            """).all(decoding: R.self, keyDecodingStrategy: .convertFromSnakeCase)
        return try rows.map { r in
            guard let issued = CivilDate(iso: r.issuedOn) else { throw StoreError.corrupt(column: "plans.issued_on", value: r.issuedOn) }
            guard let published = Timestamp.vietnamDay(r.publishedAt) else { throw StoreError.corrupt(column: "plan_drafts.published_at", value: r.publishedAt) }
            return PublishedChild(planId: r.id, issuer: r.issuer, issuedOn: issued, publishedOn: published)
        }
    }

    /// The tasks of child plans that implement `taskCode` of `planId`.
    public func childTasks(of planId: String, task taskCode: String) async throws -> [ChildTask] {
        struct R: Decodable { var planId: String; var taskCode: String; var text: String; var number: String; var issuer: String }
        return try await sql.raw("""
            SELECT l.plan_id, l.task_code, t.text, p.number, p.issuer FROM plan_task_links l
            JOIN tasks t ON t.plan_id = l.plan_id AND t.code = l.task_code
            JOIN plans p ON p.id = l.plan_id
            WHERE l.parent_plan_id = \(bind: planId) AND l.parent_task_code = \(bind: taskCode)
            ORDER BY l.plan_id, t.position
            """).all(decoding: R.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { ChildTask(planId: $0.planId, planNumber: $0.number, issuer: $0.issuer, taskCode: $0.taskCode, text: $0.text) }
    }

    /// The parent tasks each task of `planId` implements.
    public func implements(_ planId: String) async throws -> [String: [String]] {
        struct R: Decodable { var taskCode: String; var parentTaskCode: String }
        let rows = try await sql.select().column("task_code").column("parent_task_code").from("plan_task_links")
            .where("plan_id", .equal, planId).all(decoding: R.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(grouping: rows, by: \.taskCode).mapValues { $0.map(\.parentTaskCode) }
    }

    /// The versions an amendment replaced, oldest first.
    public func versions(of planId: String) async throws -> [Version] {
        struct R: Decodable { var version: Int; var document: String; var replacedAt: String; var replacedBy: String; var amendedBy: String? }
        let rows = try await sql.select().column("*").from("plan_versions").where("plan_id", .equal, planId).orderBy("version")
            .all(decoding: R.self, keyDecodingStrategy: .convertFromSnakeCase)
        return try rows.map { r in
            let document = try JSONDecoder().decode(PlanDocument.self, from: Data(r.document.utf8))
            return Version(version: r.version, document: document, replacedAt: r.replacedAt, replacedBy: r.replacedBy, amendedBy: r.amendedBy)
        }
    }
}
