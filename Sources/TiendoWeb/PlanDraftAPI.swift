import Foundation
import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Plans as data through the API: a plan's document read into a draft, the draft read and corrected, then published.
/// The same use cases and policy as `/ke-hoach/nhap`.
enum PlanDraftAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("plan-drafts", use: list)
        // The raw body is the file (.docx, .txt, .md); its name is `?name=`. The limit is checked before reading.
        api.on(.POST, "plan-drafts", body: .collect(maxSize: ByteCount(value: ImportPlan.maxBytes + 1)), use: create)
        api.get("plan-drafts", ":draft", use: show)
        api.on(.PUT, "plan-drafts", ":draft", body: .collect(maxSize: "8mb"), use: update)
        api.post("plan-drafts", ":draft", "publish", use: publish)
    }

    /// A draft as the API shows it: where it came from, where it stands, and the draft itself (what PUT takes back).
    struct DraftOut: Content {
        var id: Int
        var fileName: String
        var status: String
        var createdBy: String
        var createdAt: String
        @NullEncoded var publishedAt: String?
        var problems: Int
        var draft: PlanDraft

        init(_ stored: StoredDraft) {
            (id, fileName, status, createdBy, createdAt, publishedAt) =
                (stored.id, stored.fileName, stored.status.rawValue, stored.createdBy, stored.createdAt, stored.publishedAt)
            (problems, draft) = (stored.draft.problems.count, stored.draft)
        }
    }

    struct DraftListed: Content {
        var id: Int, fileName: String, status: String, planId: String, number: String, issuer: String, createdAt: String
        @NullEncoded var parentPlanId: String?
        @NullEncoded var amends: String?
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        _ = try req.principal()
        _ = try QueryParameters(req, allowed: [])
        return try JSONResponse.make(try await PlanDrafts(req.db).all().map { d in
            DraftListed(id: d.id, fileName: d.fileName, status: d.status.rawValue, planId: d.draft.document.id, number: d.draft.document.plan.number,
                        issuer: d.draft.document.plan.issuer, createdAt: d.createdAt, parentPlanId: d.draft.parentPlanId, amends: d.draft.amends)
        })
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let query = try QueryParameters(req, allowed: ["name", "parent", "amends"])
        guard let name = try query.text("name") else {
            throw AppError.invalid("Cần tham số \"name\": tên tệp, ví dụ KH-12-UBND.docx (phần mở rộng .docx, .txt hoặc .md cho biết cách đọc).")
        }
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let (_, id) = try await ImportPlan(data: data, fileName: name, parentPlanId: try query.text("parent"), amends: try query.text("amends"))
            .run(try await req.appWithPlan(), by: caller)
        guard let stored = try await PlanDrafts(req.db).get(id) else { throw AppError.notFound("Không có bản nháp số \(id).") }
        return try JSONResponse.make(DraftOut(stored), status: .created)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        _ = try req.principal()
        _ = try QueryParameters(req, allowed: [])
        return try JSONResponse.make(DraftOut(try await stored(req)))
    }

    struct DraftIn: Content { var draft: PlanDraft }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let id = try await stored(req).id
        let input: DraftIn
        do {
            input = try req.content.decode(DraftIn.self)
        } catch {
            throw AppError.invalid("Cần JSON {\"draft\": …} như GET /api/v1/plan-drafts/\(id) trả về trong \"draft\".")
        }
        try await ReviewPlanDraft(id: id, draft: input.draft).run(try await req.appWithPlan(), by: caller)
        return try JSONResponse.make(DraftOut(try await stored(req)))
    }

    struct Published: Content { var planId: String }

    @Sendable static func publish(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        _ = try QueryParameters(req, allowed: [])
        let planId = try await PublishPlanDraft(id: try await stored(req).id).run(try await req.appWithPlan(), by: caller)
        return try JSONResponse.make(Published(planId: planId), status: .created)
    }

    static func stored(_ req: Request) async throws -> StoredDraft {
        guard let id = req.parameters.get("draft").flatMap(Int.init), let stored = try await PlanDrafts(req.db).get(id) else {
            throw AppError.notFound("Không có bản nháp số \(req.parameters.get("draft") ?? "").")
        }
        return stored
    }
}
