import TiendoCore
import TiendoStore
import Vapor

/// Read-only endpoints for who is who: agencies, collectives and the admin-unit map.
enum DirectoryAPI {
    static func register(_ api: any RoutesBuilder) {
        api.get("agencies", use: agencies)
        api.get("units", use: units)
        api.get("units", ":code", use: unitHistory)
    }

    struct UnitOut: Content {
        var code: String
        var name: String
        var kind: String
        var level: AdminLevel
        @NullEncoded var parentCode: String?
        @NullEncoded var validFrom: CivilDate?
        @NullEncoded var validTo: CivilDate?

        init(_ unit: AdminUnit) {
            code = unit.code
            name = unit.name
            kind = unit.kind
            level = unit.level
            parentCode = unit.parentCode
            validFrom = unit.validFrom
            validTo = unit.validTo
        }
    }

    struct UnitVersionOut: Content {
        var unit: UnitOut
        var predecessors: [UnitOut]
        var successors: [UnitOut]
        var links: [AdminUnitLink]
    }

    struct CollectiveOut: Content {
        var name: String
        var aliases: [String]
        var rule: Collective.Rule
        var members: [String]
    }

    struct AgenciesOut: Content {
        var on: CivilDate
        var agencies: [Agency]
        var collectives: [CollectiveOut]
        var peoplesCommittees: [Agency]
    }

    @Sendable static func agencies(_ req: Request) async throws -> Response {
        let query = try QueryParameters(req, allowed: ["at", "province"])
        let date = try query.date("at") ?? CivilDate.today()
        // The plan's own province unless another is asked for.
        let directory: AgencyDirectory
        if let province = try query.text("province") {
            directory = try await PlanRepository(req.db).directory(province: province)
        } else {
            directory = try await req.loadedPlan().directory
        }
        let committees = directory.units.units(at: date).filter { $0.level == .district }.map(directory.committee(of:))
        return try JSONResponse.make(AgenciesOut(
            on: date, agencies: directory.agencies,
            collectives: directory.collectives.map {
                CollectiveOut(name: $0.name, aliases: $0.aliases, rule: $0.members.rule,
                              members: directory.members(of: $0, on: date).map(\.name))
            },
            peoplesCommittees: committees))
    }

    @Sendable static func units(_ req: Request) async throws -> Response {
        let query = try QueryParameters(req, allowed: ["at", "level"])
        let date = try query.date("at") ?? CivilDate.today()
        var units = try await PlanRepository(req.db).units().units(at: date)
        if let raw = try query.text("level") {
            guard let level = AdminLevel(rawValue: raw) else {
                throw Abort(.badRequest, reason: "Tham số \"level\" phải là province, district hoặc commune; nhận được \"\(raw)\".")
            }
            units = units.filter { $0.level == level }
        }
        return try JSONResponse.make(units.map(UnitOut.init))
    }

    /// Every version of one code, with where each came from and went to.
    @Sendable static func unitHistory(_ req: Request) async throws -> Response {
        _ = try QueryParameters(req, allowed: [])
        let code = req.parameters.get("code") ?? ""
        let registry = try await PlanRepository(req.db).units()
        let versions = registry.versions(of: code)
        guard !versions.isEmpty else {
            throw Abort(.notFound, reason: "Không có đơn vị hành chính mã \"\(code)\".")
        }
        return try JSONResponse.make(versions.map { unit in
            UnitVersionOut(unit: UnitOut(unit), predecessors: registry.predecessors(of: unit).map(UnitOut.init),
                           successors: registry.successors(of: unit).map(UnitOut.init),
                           links: registry.links.filter { $0.fromKey == unit.versionKey || $0.toKey == unit.versionKey })
        })
    }
}
