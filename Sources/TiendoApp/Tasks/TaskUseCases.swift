import Foundation
import TiendoCore
import TiendoStore

/// An assignee reports progress on a task, for itself or (as Ban Dân tộc) for another assignee.
public struct PostTaskUpdate: Sendable {
    public var task: String, request: TaskUpdateRequest

    public init(task: String, request: TaskUpdateRequest) { (self.task, self.request) = (task, request) }

    /// The reporter is resolved (the one named, or the caller's own scope), the assignment and the caller's scope
    /// checked through the policy and the update validated before anything is written.
    public func run(_ app: AppContext, by caller: Caller) async throws -> TaskUpdate {
        let loaded = try await app.loadedPlan()
        let (plan, directory) = (loaded.document, loaded.directory)
        guard let assignments = TaskReporting.assignments(of: task, in: plan) else {
            throw AppError.notFound("Kế hoạch \(plan.plan.number) không có nhiệm vụ mã \"\(task)\".")
        }
        let date = plan.plan.issuedOn
        let reporter: Agency
        if let unit = request.unit?.trimmingCharacters(in: .whitespaces), !unit.isEmpty {
            guard let named = directory.reporter(named: unit, on: date) else {
                throw AppError.invalid("Trường \"unit\": không có cơ quan hay đơn vị \"\(unit)\".")
            }
            reporter = named
        } else {
            guard let own = caller.principal.ownReporter(directory: directory, on: date) else {
                throw AppError.invalid("Trường \"unit\": cho biết báo cáo thay cho cơ quan hay đơn vị nào (tên cơ quan hoặc mã đơn vị).")
            }
            reporter = own
        }
        let role = try Policy.reportingRole(caller.principal, for: reporter, assignments: assignments, taskCode: task,
                                            directory: directory, on: date).get()
        let update = TaskUpdate(planId: plan.id, taskCode: task, reporter: reporter.name, reporterUnitCode: reporter.unitCode,
                                role: role, status: request.status, progress: request.progress,
                                note: try FreeText.check(request.note, field: "note", maxLength: 10_000),
                                evidenceNumber: try request.evidenceNumber.map { try FreeText.check($0, field: "evidenceNumber", maxLength: 200) }?.nilIfEmpty,
                                evidenceDate: request.evidenceDate, username: caller.principal.username, createdAt: Timestamp.now())
        do { try update.validate() } catch let error as TaskUpdateError { throw AppError.invalid(error.description) }
        return try await TaskReporting(app.db).insert(update, by: caller.actor)
    }
}

/// The one who posted an update, or Ban Dân tộc, attaches a document to it.
public struct AttachEvidence: Sendable {
    public var task: String, updateId: Int, fileName: String, contentType: String, content: Data

    public init(task: String, updateId: Int, fileName: String, contentType: String, content: Data) {
        (self.task, self.updateId, self.fileName, self.contentType, self.content) = (task, updateId, fileName, contentType, content)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> EvidenceFile {
        let evidence = Evidence(app.db)
        guard let owner = try await evidence.owner(of: updateId, task: task) else {
            throw AppError.notFound("Nhiệm vụ \(task) không có cập nhật số \(updateId).")
        }
        try Policy.require(caller.principal, .attachEvidence(owner: owner))
        let file = try EvidenceUpload(content: content, fileName: fileName, contentType: contentType)
        return try await evidence.insert(file, to: updateId, task: task, by: caller.actor)
    }
}

/// Any signed-in user reads an evidence file of a task.
public struct ReadEvidence: Sendable {
    public var task: String, fileId: Int

    public init(task: String, fileId: Int) { (self.task, self.fileId) = (task, fileId) }

    public func run(_ app: AppContext, by caller: Caller) async throws -> (EvidenceFile, Data) {
        guard let found = try await Evidence(app.db).file(id: fileId, task: task) else {
            throw AppError.notFound("Không có tệp minh chứng này.")
        }
        return found
    }
}
