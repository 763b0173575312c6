import TiendoCore
import TiendoStore
import Vapor

/// `/api/v1/capital?as-of=DATE`: every capital line's figures on a cut-off date and their total, amounts in đồng
/// (integers) with the rate written as officials write it.
enum CapitalAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("capital", use: funnel)
        api.get("works", use: works)
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
}
