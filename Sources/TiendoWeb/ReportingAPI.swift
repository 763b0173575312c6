import TiendoCore
import TiendoStore
import Vapor

/// Progress updates on tasks and the audit log.
enum ReportingAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("tasks", ":code", "updates", use: updates)
        api.post("tasks", ":code", "updates", use: post)
        api.get("tasks", ":code", "status", use: status)
        api.get("audit", use: audit)
    }

    @Sendable static func post(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let request: TaskUpdateRequest
        do {
            request = try req.content.decode(TaskUpdateRequest.self)
        } catch {
            throw AccessError.invalid("Nội dung gửi lên không hợp lệ: cần JSON {\"status\": \"not_started\" | \"in_progress\" | \"done\" | \"blocked\", \"progress\": 0–100, \"note\": \"…\", \"unit\": \"tên cơ quan hoặc mã đơn vị\"}.")
        }
        let stored = try await TaskReporting(req.db).post(request, task: req.parameters.get("code") ?? "", by: principal,
                                                          address: req.clientAddress)
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
        let directory = try await PlanRepository(req.db).directory(province: plan.plan.provinceCode)
        let updates = try await TaskReporting(req.db).updates(task: code, planId: plan.id)
        let assignees = TaskProgress.assignees(TaskReporting.assignments(of: code, in: plan) ?? [], updates: updates,
                                               directory: directory, on: plan.plan.issuedOn)
        let deadline = plan.appendix.first { $0.code == code }?.deadline.date
        let status = TaskProgress.derive(leads: assignees.filter { $0.role == .lead }.map(\.status), deadline: deadline,
                                         today: CivilDate.today())
        return try JSONResponse.make(StatusOut(code: code, status: status, statusText: status.vietnamese, deadline: deadline,
                                               assignees: assignees))
    }

    static func task(_ req: Request) async throws -> (PlanDocument, String) {
        let code = req.parameters.get("code") ?? ""
        guard let plan = try await PlanRepository(req.db).defaultDocument(),
              TaskReporting.assignments(of: code, in: plan) != nil else {
            throw AccessError.notFound("Không có nhiệm vụ mã \"\(code)\".")
        }
        return (plan, code)
    }

    @Sendable static func audit(_ req: Request) async throws -> Response {
        try AccessPolicy.mayReadAudit(try req.principal()).get()
        let query = try QueryParameters(req, allowed: ["entity", "user", "since"])
        let since = try query.date("since").map { "\($0.iso)T00:00:00" }
        let entries = try await AuditLog.entries(on: req.db, entity: try query.text("entity"),
                                                 user: try query.text("user"), since: since)
        return try JSONResponse.make(entries)
    }
}
