import Foundation
import TiendoCore
import TiendoStore

/// An assignee reports progress on a task, for itself or (as Ban Dân tộc) for another assignee.
public struct PostTaskUpdate: Sendable {
    public var task: String, request: TaskUpdateRequest

    public init(task: String, request: TaskUpdateRequest) { (self.task, self.request) = (task, request) }

    /// The reporter is resolved and the assignment and scope checked through the policy before anything is written.
    public func run(_ app: AppContext, by caller: Caller) async throws -> TaskUpdate {
        try await TaskReporting(app.db, plan: app.plan).post(request, task: task, by: caller.principal, address: caller.address)
    }
}

/// The one who posted an update, or Ban Dân tộc, attaches a document to it.
public struct AttachEvidence: Sendable {
    public var task: String, updateId: Int, fileName: String, contentType: String, content: Data

    public init(task: String, updateId: Int, fileName: String, contentType: String, content: Data) {
        (self.task, self.updateId, self.fileName, self.contentType, self.content) = (task, updateId, fileName, contentType, content)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> EvidenceFile {
        try await Evidence(app.db).attach(content, fileName: fileName, contentType: contentType, to: updateId, task: task,
                                          by: caller.principal, address: caller.address)
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
