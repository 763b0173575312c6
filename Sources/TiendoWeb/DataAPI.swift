import TiendoCore
import TiendoStore
import Vapor

/// Figures per obligation × reporter × period: read, save (all or nothing), and the approval steps.
enum DataAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("data", ":obligation", ":reporter", use: show)
        api.put("data", ":obligation", ":reporter", use: save)
        api.post("data", ":obligation", ":reporter", ":action", use: step)
    }

    static func key(_ req: Request) throws -> (obligation: String, reporter: String, period: String) {
        let query = try QueryParameters(req, allowed: ["period"])
        guard let period = try query.text("period") else {
            throw AccessError.invalid("Cần tham số \"period\": 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
        }
        return (req.parameters.get("obligation") ?? "", req.parameters.get("reporter") ?? "", period)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        _ = try req.principal()
        let k = try key(req)
        return try JSONResponse.make(try await DataEntry(req.db).load(obligation: k.obligation, reporter: k.reporter, period: k.period))
    }

    struct Batch: Content { var values: [EntryValue] }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let k = try key(req)
        guard let batch = try? req.content.decode(Batch.self) else {
            throw AccessError.invalid("Cần JSON {\"values\": [{\"element\": \"tong_so_ho\", \"value\": 520, \"comment\": \"…\"}]}.")
        }
        let stored = try await DataEntry(req.db).save(batch.values, obligation: k.obligation, reporter: k.reporter, period: k.period,
                                                      by: principal, address: req.clientAddress)
        return try JSONResponse.make(stored)
    }

    struct Step: Content { var comment: String? }

    @Sendable static func step(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let k = try key(req)
        guard let action = SubmissionAction(rawValue: req.parameters.get("action") ?? ""), action != .edit else {
            throw AccessError.notFound("Bước không hợp lệ; dùng submit, approve, return hoặc reopen.")
        }
        let comment = req.body.data == nil ? nil : (try? req.content.decode(Step.self))?.comment
        let result = try await DataEntry(req.db).apply(action, obligation: k.obligation, reporter: k.reporter, period: k.period,
                                                       comment: comment, by: principal, address: req.clientAddress)
        return try JSONResponse.make(result)
    }
}

/// The body of a refused batch: the message and every problem, so a user can fix them all at once.
struct RejectedBody: Encodable {
    var error: String
    var issues: [DataIssue]
}
