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
        _ = try await document(req, query)
        let loaded = try await req.loadedPlan()
        do {
            return try JSONResponse.make(try TaskQuery.run(loaded.document, directory: loaded.directory, filter: filter))
        } catch let error as TaskFilterError {
            throw Abort(.badRequest, reason: "Tham số \"\(error.parameter)\": \(error.message)")
        }
    }

    /// The plan named by `?plan=`, or the reader's own (`Request.loadedPlan`).
    static func document(_ req: Request, _ query: QueryParameters) async throws -> PlanDocument {
        _ = try query.text(PlanChoiceMiddleware.apiParameter)
        do {
            return try await req.loadedPlan().document
        } catch let error as Abort where error.status == .notFound && PlanChoiceMiddleware.named(req) != nil {
            throw Abort(.badRequest, reason: "Tham số \"plan\": \(error.reason) Xem danh sách tại /api/v1/plans.")
        }
    }
}
