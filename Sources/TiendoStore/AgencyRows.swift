import SQLKit
import TiendoCore

struct AgencyRecord: TableRow {
    static let table = "agencies"
    var provinceCode: String
    var position: Int
    var name: String
    var kind: String
    var unitCode: String?
}

/// Another spelling of an agency's or a collective's name (`owner`, unique across both).
struct AliasRecord: TableRow {
    static let table = "assignee_aliases"
    var provinceCode: String
    var owner: String
    var position: Int
    var alias: String
}

struct CollectiveRecord: TableRow {
    static let table = "collectives"
    var provinceCode: String
    var position: Int
    var name: String
    var rule: String
    var kinds: String?
}

/// The directory's own data (agencies, collectives) as rows; units are stored separately.
struct AgencyRows {
    var agencies: [AgencyRecord] = []
    var collectives: [CollectiveRecord] = []
    var aliases: [AliasRecord] = []
    var changes: [AgencyChangeRecord] = []

    init(_ directory: AgencyDirectory) {
        let province = directory.provinceCode
        for (i, agency) in directory.agencies.enumerated() {
            agencies.append(AgencyRecord(provinceCode: province, position: i, name: agency.name,
                                         kind: agency.kind.rawValue, unitCode: agency.unitCode))
            addAliases(agency.aliases, of: agency.name, province: province)
        }
        for (i, collective) in directory.collectives.enumerated() {
            collectives.append(CollectiveRecord(provinceCode: province, position: i, name: collective.name,
                                                rule: collective.members.rule.rawValue,
                                                kinds: collective.members.kinds.map { JSONText.encode($0) }))
            addAliases(collective.aliases, of: collective.name, province: province)
        }
    }

    private mutating func addAliases(_ list: [String], of owner: String, province: String) {
        aliases += list.enumerated().map { AliasRecord(provinceCode: province, owner: owner, position: $0, alias: $1) }
    }

    init(db: any SQLDatabase, province: String) async throws {
        agencies = try await db.rows(AgencyRecord.self, province: province, orderBy: ["position"])
        collectives = try await db.rows(CollectiveRecord.self, province: province, orderBy: ["position"])
        aliases = try await db.rows(AliasRecord.self, province: province, orderBy: ["owner", "position"])
        changes = try await db.rows(AgencyChangeRecord.self, province: province, orderBy: ["position"])
    }

    func directory(units: AdminUnitRegistry, province: String) throws -> AgencyDirectory {
        let aliasesByOwner = Dictionary(grouping: aliases, by: \.owner)
        let agencyList = try agencies.map { row in
            guard let kind = AgencyKind(rawValue: row.kind) else { throw StoreError.corrupt(column: "agencies.kind", value: row.kind) }
            return Agency(name: row.name, kind: kind, aliases: (aliasesByOwner[row.name] ?? []).map(\.alias), unitCode: row.unitCode)
        }
        let collectiveList = try collectives.map { row in
            guard let rule = Collective.Rule(rawValue: row.rule) else { throw StoreError.corrupt(column: "collectives.rule", value: row.rule) }
            let kinds = try row.kinds.map { try JSONText.decode([AgencyKind].self, $0, column: "collectives.kinds") }
            return Collective(name: row.name, aliases: (aliasesByOwner[row.name] ?? []).map(\.alias),
                              members: .init(rule: rule, kinds: kinds))
        }
        return AgencyDirectory(provinceCode: province, agencies: agencyList, collectives: collectiveList, units: units)
            .applying(try changes.map { try $0.change() })
    }

    func insert(into db: any SQLDatabase) async throws {
        try await db.insert(agencies)
        try await db.insert(collectives)
        try await db.insert(aliases)
    }
}
