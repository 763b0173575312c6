import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// `/api/v1/capital?as-of=DATE`: every capital line's figures on a cut-off date and their total, amounts in đồng
/// (integers) with the rate written as officials write it; the works and their months. Writes run the same use cases
/// as the pages and the command line.
enum CapitalAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("capital", use: funnel)
        api.post("capital", "lines", use: addLine)
        api.post("capital", "lines", ":line", "events", use: decide)
        api.post("capital", "lines", ":line", "disbursements", use: disburse)
        api.on(.PUT, "capital", "disbursements", "xlsx", body: .collect(maxSize: ByteCount(value: ImportDisbursements.maxBytes + 1)), use: importSheet)
        api.get("works", use: works)
        api.get("works", ":code", "progress", use: progress)
        api.post("works", ":code", "progress", use: reportMonth)
        api.on(.POST, "works", ":code", "progress", ":month", "photos", body: .collect(maxSize: ByteCount(value: EvidenceUpload.maxBytes + 1)),
               use: attachPhoto)
        api.get("works", ":code", "photos", ":id", use: photo)
    }

    /// A JSON body as `T`, or 400 with the shape expected.
    static func decode<T: Decodable>(_ req: Request, _ type: T.Type, shape: String) throws -> T {
        do { return try req.content.decode(T.self) } catch { throw AppError.invalid("Nội dung gửi lên không hợp lệ: cần JSON \(shape).") }
    }

    struct LineIn: Content {
        var id: String
        var year: Int
        var project: Int?
        var subproject: Int?
        /// "investment" or "recurrent".
        var capitalType: String
        var source: String
        var extendedFrom: Int?
        /// An agency's name, or a unit's code with the day of the map it is read in.
        var holderAgency: String?
        var holderUnit: String?
        var mapDate: CivilDate?
    }

    @Sendable static func addLine(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let input = try decode(req, LineIn.self, shape: "{\"id\", \"year\", \"project\", \"capitalType\": \"investment\" | \"recurrent\", \"source\", \"holderAgency\" | \"holderUnit\" + \"mapDate\", \"extendedFrom\"?}")
        guard let type = FundingSource.CapitalType(rawValue: input.capitalType) else { throw AppError.invalid("capitalType là investment hoặc recurrent.") }
        let holder: CapitalHolder
        switch (input.holderAgency, input.holderUnit) {
        case let (name?, nil): holder = .agency(name)
        case let (nil, code?): holder = .unit(code: code, mapDate: input.mapDate ?? req.application.today)
        default: throw AppError.invalid("Cần đúng một trong holderAgency (tên cơ quan) và holderUnit (mã đơn vị).")
        }
        let line = CapitalLine(id: input.id, year: input.year, project: input.project, subproject: input.subproject, capitalType: type,
                               source: input.source, origin: input.extendedFrom.map { .extended(from: $0) } ?? .assigned, holder: holder)
        try await AddCapitalLine(line).run(req.app(), by: caller)
        return try JSONResponse.make(["id": input.id], status: .created)
    }

    struct EventIn: Content {
        /// giao, dieu-chinh, keo-dai, phan-bo, thu-hoi, dieu-chuyen.
        var kind: String
        var amount: Int
        var decisionNumber: String
        var decisionDate: CivilDate
        var issuer: String
        var target: String?
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let input = try decode(req, EventIn.self, shape: "{\"kind\", \"amount\" (đồng), \"decisionNumber\", \"decisionDate\": \"YYYY-MM-DD\", \"issuer\", \"target\"?}")
        guard let kind = CapitalEvent.Kind(rawValue: input.kind) else {
            throw AppError.invalid("kind là một trong: \(CapitalEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        try await RecordCapitalEvent(CapitalEvent(lineId: req.parameters.get("line") ?? "", kind: kind, amount: Dong(input.amount),
                                                  decision: CapitalDecision(number: input.decisionNumber, date: input.decisionDate, issuer: input.issuer),
                                                  target: input.target)).run(req.app(), by: caller)
        return try JSONResponse.make(["line": req.parameters.get("line") ?? "", "kind": kind.rawValue], status: .created)
    }

    struct MonthIn: Content {
        /// "2024-05".
        var month: String
        var disbursed: Int
        var workDone: Int?
        var comment: String?
    }

    @Sendable static func disburse(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let input = try decode(req, MonthIn.self, shape: "{\"month\": \"YYYY-MM\", \"disbursed\" (đồng), \"workDone\"?, \"comment\"?}")
        guard let month = CivilDate.endOfMonth(code: input.month) else { throw AppError.invalid("month là tháng dạng YYYY-MM, ví dụ 2024-05.") }
        try await RecordDisbursement(Disbursement(lineId: req.parameters.get("line") ?? "", month: month, disbursed: Dong(input.disbursed),
                                                  workDone: input.workDone.map(Dong.init), reportedBy: ""), comment: input.comment)
            .run(req.app(), by: caller, today: req.application.today)
        return try JSONResponse.make(["line": req.parameters.get("line") ?? "", "month": month.iso], status: .created)
    }

    /// The raw body is the spreadsheet; `month=YYYY-MM`; Tiendo's template unless `key-column` and `amount-column` name
    /// the columns of another layout (with `first-row`, `unit=dong|trieu`).
    @Sendable static func importSheet(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let query = try QueryParameters(req, allowed: ["month", "name", "key-column", "amount-column", "first-row", "unit"])
        guard let month = CivilDate.endOfMonth(code: try query.text("month") ?? "") else { throw AppError.invalid("Tham số month là tháng dạng YYYY-MM.") }
        var mapping = DisbursementUpload.Mapping.template
        if let key = try query.text("key-column") {
            guard let named = DisbursementUpload.Mapping(keyLetters: key, amountLetters: try query.text("amount-column") ?? "",
                                                         firstRow: try query.text("first-row") ?? "2", unit: try query.text("unit") ?? "dong") else {
                throw AppError.invalid("key-column và amount-column là chữ cái của cột (B, D), first-row là số dòng, unit là dong hoặc trieu.")
            }
            mapping = named
        }
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let count = try await ImportDisbursements(data: data, fileName: try query.text("name") ?? "giai-ngan.xlsx", month: month, mapping: mapping)
            .run(req.app(), by: caller, today: req.application.today)
        return try JSONResponse.make(["lines": count])
    }

    struct Figures: Content {
        var startPlan: Int?
        var plan: Int
        var allocated: Int
        var disbursed: Int
        var lapsed: Int
        /// "381.822/981.947 triệu đồng (38,88 %)".
        var rate: String
    }

    struct LineOut: Content {
        var id: String
        var year: Int
        var project: Int?
        var capitalType: String
        var source: String
        var origin: String
        var holder: String
        var due: CivilDate
        var figures: Figures
    }

    struct FunnelOut: Content {
        var asOf: CivilDate
        var year: Int
        var total: Figures
        var lines: [LineOut]
    }

    @Sendable static func funnel(_ req: Request) async throws -> Response {
        let query = try QueryParameters(req, allowed: ["as-of", "year"])
        let asOf = try query.date("as-of") ?? req.application.today
        let year = try query.year("year")
        let funnel = try await CapitalBook(req.db).funnel(asOf: asOf, year: year ?? asOf.year)
        let total = try funnel.total()
        return try JSONResponse.make(FunnelOut(
            asOf: funnel.asOf, year: year ?? asOf.year,
            total: Figures(startPlan: total.startPlan.value, plan: total.plan.value, allocated: total.allocated.value,
                           disbursed: total.disbursed.value, lapsed: total.lapsed.value, rate: total.rate.vietnamese),
            lines: funnel.lines.map { f in
                LineOut(id: f.line.id, year: f.line.year, project: f.line.project, capitalType: f.line.capitalType.rawValue, source: f.line.source,
                        origin: f.line.origin.vietnamese, holder: f.line.holder.key, due: f.due,
                        figures: Figures(startPlan: f.startPlan?.value, plan: f.plan.value, allocated: f.allocated.value,
                                         disbursed: f.disbursed.value, lapsed: f.lapsed.value, rate: f.rate.vietnamese))
            }))
    }

    struct WorkOut: Content {
        var code: String
        var name: String
        var planId: String
        var tasks: [String]
        var project: Int?
        var totalInvestment: Int?
        var status: String?
    }

    @Sendable static func works(_ req: Request) async throws -> Response {
        _ = try QueryParameters(req, allowed: [])
        return try JSONResponse.make(try await CapitalBook(req.db).works().map {
            WorkOut(code: $0.code, name: $0.name, planId: $0.planId, tasks: $0.taskCodes, project: $0.project,
                    totalInvestment: $0.totalInvestment?.value, status: $0.status?.rawValue)
        })
    }

    struct ProgressOut: Content {
        var month: String
        var valueDone: Int
        var disbursed: Int
        var physicalPercent: Int
        var landCleared: String?
        var landNeeded: String?
        var causes: String?
        var reportedBy: String
        var photos: [WorkPhoto]
    }

    @Sendable static func progress(_ req: Request) async throws -> Response {
        _ = try req.principal()
        let code = req.parameters.get("code") ?? ""
        guard try await CapitalBook(req.db).works().contains(where: { $0.code == code }) else { throw AppError.notFound("Không có công trình mã \"\(code.clipped(to: 40))\".") }
        let photos = Dictionary(grouping: try await WorkPhotos(req.db).list(work: code), by: \.month)
        return try JSONResponse.make(try await CapitalBook(req.db).progress().filter { $0.workCode == code }.map { p in
            ProgressOut(month: p.month.monthCode, valueDone: p.valueDone.value, disbursed: p.disbursed.value, physicalPercent: p.physicalPercent,
                        landCleared: p.landCleared?.description, landNeeded: p.landNeeded?.description, causes: p.causes, reportedBy: p.reportedBy,
                        photos: photos[p.month] ?? [])
        })
    }

    struct ProgressIn: Content {
        var month: String
        var valueDone: Int
        var disbursed: Int
        var physicalPercent: Int
        /// Hectares as written ("12,5" or "12.5").
        var landCleared: String?
        var landNeeded: String?
        var causes: String?
    }

    @Sendable static func reportMonth(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let input = try decode(req, ProgressIn.self, shape: "{\"month\": \"YYYY-MM\", \"valueDone\", \"disbursed\" (đồng), \"physicalPercent\": 0–100, \"landCleared\"?, \"landNeeded\"? (ha), \"causes\"?}")
        guard let month = CivilDate.endOfMonth(code: input.month) else { throw AppError.invalid("month là tháng dạng YYYY-MM, ví dụ 2024-05.") }
        func hectares(_ text: String?, _ field: String) throws -> ExactNumber? {
            guard let text else { return nil }
            guard let value = ExactNumber(text) else { throw AppError.invalid("\(field): diện tích (ha) là số, ví dụ 12,5.") }
            return value
        }
        let code = req.parameters.get("code") ?? ""
        try await ReportWorkProgress(WorkProgress(workCode: code, month: month, valueDone: Dong(input.valueDone), disbursed: Dong(input.disbursed),
                                                  physicalPercent: input.physicalPercent, landCleared: try hectares(input.landCleared, "landCleared"),
                                                  landNeeded: try hectares(input.landNeeded, "landNeeded"), causes: input.causes, reportedBy: ""))
            .run(req.app(), by: caller, today: req.application.today)
        return try JSONResponse.make(["work": code, "month": month.iso], status: .created)
    }

    /// The raw body is the file; its type is Content-Type and its name the `name` query parameter.
    @Sendable static func attachPhoto(_ req: Request) async throws -> Response {
        let caller = try req.useCaseCaller()
        let query = try QueryParameters(req, allowed: ["name"])
        guard let month = CivilDate.endOfMonth(code: req.parameters.get("month") ?? "") else { throw AppError.invalid("Tháng trong đường dẫn là YYYY-MM.") }
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let photo = try await AttachWorkPhoto(work: req.parameters.get("code") ?? "", month: month, fileName: try query.text("name") ?? "",
                                              contentType: req.headers.contentType?.serialize() ?? "", content: data).run(req.app(), by: caller)
        return try JSONResponse.make(photo, status: .created)
    }

    @Sendable static func photo(_ req: Request) async throws -> Response {
        _ = try req.principal()
        guard let id = req.parameters.get("id", as: Int.self),
              let (photo, data) = try await WorkPhotos(req.db).file(id: id, work: req.parameters.get("code") ?? "") else {
            throw AppError.notFound("Không có tệp này của công trình.")
        }
        return Download.stored(data, fileName: photo.fileName, contentType: photo.contentType)
    }
}
