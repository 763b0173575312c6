import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Progress updates on tasks and the audit log.
enum ReportingAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("tasks", ":code", "updates", use: updates)
        api.post("tasks", ":code", "updates", use: post)
        api.get("tasks", ":code", "status", use: status)
        api.on(.POST, "tasks", ":code", "updates", ":id", "evidence", body: .collect(maxSize: ByteCount(value: EvidenceUpload.maxBytes + 1)),
               use: attachEvidence)
        api.get("tasks", ":code", "evidence", ":file", use: evidence)
        api.get("audit", use: audit)
    }

    /// The raw request body is the file; its type is Content-Type and its name the `name` query parameter.
    @Sendable static func attachEvidence(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let query = try QueryParameters(req, allowed: ["name", PlanChoiceMiddleware.apiParameter])
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.invalid("Số cập nhật phải là số nguyên.") }
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let file = try await AttachEvidence(task: req.parameters.get("code") ?? "", updateId: id, fileName: try query.text("name") ?? "",
                                            contentType: req.headers.contentType?.serialize() ?? "", content: data).run(req.app(), by: caller)
        return try JSONResponse.make(file, status: .created)
    }

    @Sendable static func evidence(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        guard let id = req.parameters.get("file", as: Int.self) else { throw AppError.notFound("Không có tệp minh chứng này.") }
        let (file, data) = try await ReadEvidence(task: req.parameters.get("code") ?? "", fileId: id).run(req.app(), by: caller)
        return Download.stored(data, fileName: file.fileName, contentType: file.contentType)
    }

    @Sendable static func post(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let request: TaskUpdateRequest
        do {
            request = try req.content.decode(TaskUpdateRequest.self)
        } catch {
            throw AppError.invalid("Nội dung gửi lên không hợp lệ: cần JSON {\"status\": \"not_started\" | \"in_progress\" | \"done\" | \"blocked\", \"progress\": 0–100, \"note\": \"…\", \"unit\": \"tên cơ quan hoặc mã đơn vị\"}.")
        }
        let stored = try await PostTaskUpdate(task: req.parameters.get("code") ?? "", request: request).run(try await req.appWithPlan(), by: caller)
        return try JSONResponse.make(stored, status: .created)
    }

    @Sendable static func updates(_ req: Request) async throws -> Response {
        _ = try req.principal()
        let (plan, code) = try await task(req)
        return try JSONResponse.make(try await TaskReporting(req.db).updates(task: code, planId: plan.id))
    }

    struct StatusOut: Content {
        var code: String
        var status: TaskStatus
        var statusText: String
        @NullEncoded var deadline: CivilDate?
        var assignees: [AssigneeProgress]
    }

    /// The task's derived status and each assignee's own.
    @Sendable static func status(_ req: Request) async throws -> Response {
        _ = try req.principal()
        let (plan, code) = try await task(req)
        let directory = try await req.loadedPlan().directory
        let updates = try await TaskReporting(req.db).updates(task: code, planId: plan.id)
        guard let summary = PlanProgress.summary(of: code, in: plan, directory: directory, updates: updates, today: CivilDate.today()) else {
            throw AppError.notFound("Không có nhiệm vụ mã \"\(code)\".")
        }
        let (status, deadline, assignees) = (summary.status, summary.deadline, summary.assignees)
        return try JSONResponse.make(StatusOut(code: code, status: status, statusText: status.vietnamese, deadline: deadline,
                                               assignees: assignees))
    }

    /// The task `:code` of the request's plan (`?plan=`, else the reader's own).
    static func task(_ req: Request) async throws -> (PlanDocument, String) {
        _ = try QueryParameters(req, allowed: [PlanChoiceMiddleware.apiParameter])
        let code = req.parameters.get("code") ?? ""
        let plan = try await req.loadedPlan().document
        guard TaskReporting.assignments(of: code, in: plan) != nil else {
            throw AppError.notFound("Không có nhiệm vụ mã \"\(code)\".")
        }
        return (plan, code)
    }

    @Sendable static func audit(_ req: Request) async throws -> Response {
        try Policy.require(try req.principal(), .readAudit)
        let query = try QueryParameters(req, allowed: ["entity", "user", "since"])
        let since = try query.date("since").map { "\($0.iso)T00:00:00" }
        let entity = try query.text("entity").map { name in
            guard let entity = AuditEntity(rawValue: name) else {
                throw AppError.invalid("Tham số \"entity\" không hợp lệ: \"\(name)\". Dùng \(AuditEntity.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return entity
        }
        let entries = try await AuditLog.entries(on: req.db, entity: entity,
                                                 user: try query.text("user"), since: since)
        return try JSONResponse.make(entries)
    }
}
