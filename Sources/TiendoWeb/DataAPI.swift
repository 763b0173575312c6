import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Figures per obligation × reporter × period: read, save (all or nothing), and the approval steps.
enum DataAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("data", ":obligation", ":reporter", use: show)
        // An agency's figure set for every unit is tens of kilobytes (Sở Giáo dục's: 52 KB).
        api.on(.PUT, "data", ":obligation", ":reporter", body: .collect(maxSize: "2mb"), use: save)
        api.post("data", ":obligation", ":reporter", ":action", use: step)
        api.get("data", ":obligation", ":reporter", "xlsx", use: template)
        api.on(.PUT, "data", ":obligation", ":reporter", "xlsx", body: .collect(maxSize: ByteCount(value: Authentication.maxFormBytes)), use: upload)
    }

    static func key(_ req: Request) throws -> (obligation: String, reporter: String, period: String) {
        let query = try QueryParameters(req, allowed: ["period", PlanChoiceMiddleware.apiParameter])
        guard let period = try query.text("period") else {
            throw AppError.invalid("Cần tham số \"period\": 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
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
        let caller = try req.useCaseCaller()
        let k = try key(req)
        guard let batch = try? req.content.decode(Batch.self) else {
            throw AppError.invalid("Cần JSON {\"values\": [{\"element\": \"tong_so_ho\", \"value\": 520, \"comment\": \"…\"}]}.")
        }
        let stored = try await SaveFigures(obligation: k.obligation, reporter: k.reporter, period: k.period, values: batch.values)
            .run(try await req.appWithPlan(for: .reporting), by: caller)
        return try JSONResponse.make(stored)
    }

    struct Step: Content { var comment: String? }

    @Sendable static func step(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let k = try key(req)
        guard let action = SubmissionAction(rawValue: req.parameters.get("action") ?? ""), action != .edit else {
            throw AppError.notFound("Bước không hợp lệ; dùng submit, approve, return hoặc reopen.")
        }
        let comment = req.body.data == nil ? nil : (try? req.content.decode(Step.self))?.comment
        let result = try await MoveSubmission(action, obligation: k.obligation, reporter: k.reporter, period: k.period, comment: comment)
            .run(try await req.appWithPlan(for: .reporting), by: caller)
        return try JSONResponse.make(result)
    }
}

extension DataAPI {
    /// The Excel template of the reporter's forms (a district's include its communes), pre-filled.
    @Sendable static func template(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let k = try key(req)
        let (scope, bytes) = try await DownloadTemplate(obligation: k.obligation, reporter: k.reporter, period: k.period)
            .run(try await req.appWithPlan(for: .reporting), by: caller)
        return Download.attachment(bytes, filename: scope.filename)
    }

    /// A filled template as the raw body; every figure in it is stored, or none.
    @Sendable static func upload(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let k = try key(req)
        let file = req.body.data.map { Data(buffer: $0) } ?? Data()
        return try JSONResponse.make(try await UploadTemplate(obligation: k.obligation, reporter: k.reporter, period: k.period, file: file)
            .run(try await req.appWithPlan(for: .reporting), by: caller))
    }
}

/// The body of a refused batch: the message and every problem, so a user can fix them all at once.
struct RejectedBody: Encodable {
    var error: String
    var issues: [DataIssue]
}
