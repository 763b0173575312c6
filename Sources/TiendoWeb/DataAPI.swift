import Foundation
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Figures per obligation × reporter × period: read, save (all or nothing), and the approval steps.
enum DataAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("data", ":obligation", ":reporter", use: show)
        api.put("data", ":obligation", ":reporter", use: save)
        api.post("data", ":obligation", ":reporter", ":action", use: step)
        api.get("data", ":obligation", ":reporter", "xlsx", use: template)
        api.on(.PUT, "data", ":obligation", ":reporter", "xlsx", body: .collect(maxSize: ByteCount(value: Authentication.maxFormBytes)), use: upload)
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
        return try JSONResponse.make(try await (try await req.dataEntry()).load(obligation: k.obligation, reporter: k.reporter, period: k.period))
    }

    struct Batch: Content { var values: [EntryValue] }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let k = try key(req)
        guard let batch = try? req.content.decode(Batch.self) else {
            throw AccessError.invalid("Cần JSON {\"values\": [{\"element\": \"tong_so_ho\", \"value\": 520, \"comment\": \"…\"}]}.")
        }
        let stored = try await (try await req.dataEntry()).save(batch.values, obligation: k.obligation, reporter: k.reporter, period: k.period,
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
        let result = try await (try await req.dataEntry()).apply(action, obligation: k.obligation, reporter: k.reporter, period: k.period,
                                                       comment: comment, by: principal, address: req.clientAddress)
        return try JSONResponse.make(result)
    }
}

extension DataAPI {
    /// The Excel template of the reporter's forms (a district's include its communes), pre-filled.
    @Sendable static func template(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let k = try key(req)
        let scope = try await DataExcel.scope(req, principal: principal, obligation: k.obligation, reporter: k.reporter, period: k.period)
        return Download.attachment(try await DataExcel.template(req, scope), filename: DataExcel.filename(scope))
    }

    /// A filled template as the raw body; every figure in it is stored, or none.
    @Sendable static func upload(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let k = try key(req)
        let scope = try await DataExcel.scope(req, principal: principal, obligation: k.obligation, reporter: k.reporter, period: k.period)
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw AccessError.invalid("Gửi tệp .xlsx làm nội dung yêu cầu (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).")
        }
        return try JSONResponse.make(try await DataExcel.apply(req, scope, file: Data(buffer: body), principal: principal))
    }
}

/// The body of a refused batch: the message and every problem, so a user can fix them all at once.
struct RejectedBody: Encodable {
    var error: String
    var issues: [DataIssue]
}
