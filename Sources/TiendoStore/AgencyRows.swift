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

struct AgencyAliasRecord: TableRow {
    static let table = "agency_aliases"
    var provinceCode: String
    var agencyName: String
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

struct CollectiveAliasRecord: TableRow {
    static let table = "collective_aliases"
    var provinceCode: String
    var collectiveName: String
    var position: Int
    var alias: String
}

/// The directory's own data (agencies, collectives) as rows; units are stored separately.
struct AgencyRows {
    var agencies: [AgencyRecord] = []
    var aliases: [AgencyAliasRecord] = []
    var collectives: [CollectiveRecord] = []
    var collectiveAliases: [CollectiveAliasRecord] = []

    init(_ directory: AgencyDirectory) {
        let province = directory.provinceCode
        for (i, agency) in directory.agencies.enumerated() {
            agencies.append(AgencyRecord(provinceCode: province, position: i, name: agency.name,
                                         kind: agency.kind.rawValue, unitCode: agency.unitCode))
            for (j, alias) in agency.aliases.enumerated() {
                aliases.append(AgencyAliasRecord(provinceCode: province, agencyName: agency.name, position: j, alias: alias))
            }
        }
        for (i, collective) in directory.collectives.enumerated() {
            collectives.append(CollectiveRecord(provinceCode: province, position: i, name: collective.name,
                                                rule: collective.members.rule.rawValue,
                                                kinds: collective.members.kinds.map { JSONText.encode($0) }))
            for (j, alias) in collective.aliases.enumerated() {
                collectiveAliases.append(CollectiveAliasRecord(provinceCode: province, collectiveName: collective.name,
                                                               position: j, alias: alias))
            }
        }
    }

    init(db: any SQLDatabase, province: String) async throws {
        agencies = try await db.rows(AgencyRecord.self, province: province, orderBy: ["position"])
        aliases = try await db.rows(AgencyAliasRecord.self, province: province, orderBy: ["agency_name", "position"])
        collectives = try await db.rows(CollectiveRecord.self, province: province, orderBy: ["position"])
        collectiveAliases = try await db.rows(CollectiveAliasRecord.self, province: province, orderBy: ["collective_name", "position"])
    }

    func directory(units: AdminUnitRegistry, province: String) throws -> AgencyDirectory {
        let aliasesByAgency = Dictionary(grouping: aliases, by: \.agencyName)
        let aliasesByCollective = Dictionary(grouping: collectiveAliases, by: \.collectiveName)
        let agencyList = try agencies.map { row in
            guard let kind = AgencyKind(rawValue: row.kind) else { throw StoreError.corrupt(column: "agencies.kind", value: row.kind) }
            return Agency(name: row.name, kind: kind, aliases: (aliasesByAgency[row.name] ?? []).map(\.alias), unitCode: row.unitCode)
        }
        let collectiveList = try collectives.map { row in
            guard let rule = Collective.Rule(rawValue: row.rule) else { throw StoreError.corrupt(column: "collectives.rule", value: row.rule) }
            let kinds = try row.kinds.map { try JSONText.decode([AgencyKind].self, $0, column: "collectives.kinds") }
            return Collective(name: row.name, aliases: (aliasesByCollective[row.name] ?? []).map(\.alias),
                              members: .init(rule: rule, kinds: kinds))
        }
        return AgencyDirectory(provinceCode: province, agencies: agencyList, collectives: collectiveList, units: units)
    }

    func insert(into db: any SQLDatabase) async throws {
        try await db.insert(agencies)
        try await db.insert(aliases)
        try await db.insert(collectives)
        try await db.insert(collectiveAliases)
    }
}
