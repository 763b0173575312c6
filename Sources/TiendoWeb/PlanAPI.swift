import TiendoCore
import TiendoStore
import Vapor

/// Read-only plan endpoints: the plan, its targets, tasks and cited documents.
enum PlanAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("plans", use: plans)
        api.get("plans", ":id", use: plan)
        api.get("targets", use: targets)
        api.get("tasks", use: tasks)
        api.get("legal-documents", use: legalDocuments)
    }

    @Sendable static func plans(_ req: Request) async throws -> Response {
        _ = try QueryParameters(req, allowed: [])
        return try JSONResponse.make(try await PlanRepository(req.db).plans())
    }

    @Sendable static func plan(_ req: Request) async throws -> Response {
        _ = try QueryParameters(req, allowed: [])
        let id = req.parameters.get("id") ?? ""
        guard let document = try await PlanRepository(req.db).document(id: id) else {
            throw Abort(.notFound, reason: "Không có kế hoạch mã \"\(id)\". Xem danh sách tại /api/v1/plans.")
        }
        return try JSONResponse.make(PlanExport(document))
    }

    @Sendable static func targets(_ req: Request) async throws -> Response {
        let query = try QueryParameters(req, allowed: ["plan"])
        return try JSONResponse.make(PlanExport(try await document(req, query)).targets)
    }

    @Sendable static func legalDocuments(_ req: Request) async throws -> Response {
        let query = try QueryParameters(req, allowed: ["plan"])
        return try JSONResponse.make(try await document(req, query).legalDocuments)
    }

    @Sendable static func tasks(_ req: Request) async throws -> Response {
        let query = try QueryParameters(req, allowed: ["plan", "agency", "unit", "dueBefore"])
        let filter = TaskFilter(agency: try query.text("agency"), unitCode: try query.text("unit"),
                                dueBefore: try query.date("dueBefore"))
        let document = try await document(req, query)
        let directory = try await PlanRepository(req.db).directory(province: document.plan.provinceCode)
        do {
            return try JSONResponse.make(try TaskQuery.run(document, directory: directory, filter: filter))
        } catch let error as TaskFilterError {
            throw Abort(.badRequest, reason: "Tham số \"\(error.parameter)\": \(error.message)")
        }
    }

    /// The plan named by `?plan=`, or the latest one.
    static func document(_ req: Request, _ query: QueryParameters) async throws -> PlanDocument {
        let repository = PlanRepository(req.db)
        if let id = try query.text("plan") {
            guard let document = try await repository.document(id: id) else {
                throw Abort(.badRequest, reason: "Tham số \"plan\": không có kế hoạch mã \"\(id)\". Xem danh sách tại /api/v1/plans.")
            }
            return document
        }
        guard let document = try await repository.defaultDocument() else {
            throw Abort(.notFound, reason: "Chưa có kế hoạch nào trong cơ sở dữ liệu. Chạy `tiendo migrate` để nạp kế hoạch mẫu.")
        }
        return document
    }
}
