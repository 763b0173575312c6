import Foundation

/// The data Tiendo ships with: the seed plan, Quảng Ninh's agencies and its admin-unit lists.
public enum SeedData {
    /// Identifier of the built-in plan, Kế hoạch 54/KH-UBND.
    public static let planID = "kh-54-ubnd-2024"

    /// Kế hoạch 54/KH-UBND as transcribed in Resources/kh-54-ubnd-2024.json.
    public static func plan() throws -> PlanDocument {
        try decodePlan(resource("kh-54-ubnd-2024.json"))
    }

    /// Decodes a plan file of the seed's shape; deadlines written as text are resolved against the plan's year.
    public static func decodePlan(_ data: Data) throws -> PlanDocument {
        struct Header: Decodable { struct P: Decodable { var year: Int }; var plan: P }
        let year = try JSONDecoder().decode(Header.self, from: data).plan.year
        let decoder = JSONDecoder()
        decoder.userInfo[.planYear] = year
        return try decoder.decode(PlanDocument.self, from: data)
    }

    /// Quảng Ninh's agencies and collectives, resolved against its admin-unit history.
    public static func directory() throws -> AgencyDirectory {
        let file = try JSONDecoder().decode(AgencyFile.self, from: resource("agencies-quang-ninh.json"))
        return AgencyDirectory(provinceCode: file.province, agencies: file.agencies,
                               collectives: file.collectives, units: try units())
    }

    /// Every version of Quảng Ninh's units built from the shipped lists and the decisions between them.
    public static func units() throws -> AdminUnitRegistry {
        let file = try JSONDecoder().decode(AdminUnitFile.self, from: resource("admin-units-quang-ninh.json"))
        let province = AdminUnitRow(code: file.province.code, name: file.province.name, kind: "Tỉnh",
                                    level: .province, parentCode: nil)
        let snapshots = try file.snapshots.map { snapshot in
            let text = String(decoding: try resource(snapshot.file), as: UTF8.self)
            return try AdminUnitSnapshot.parseCSV(text, inForceOn: snapshot.inForceOn, province: province, file: snapshot.file)
        }
        let crosswalks = try (file.crosswalks ?? []).map { entry in
            let text = String(decoding: try resource(entry.file), as: UTF8.self)
            return (file: entry.file, crosswalk: try AdminUnitCrosswalk.parseCSV(text, effectiveOn: entry.effectiveOn, decision: entry.decision, file: entry.file))
        }
        return try AdminUnitHistory.build(snapshots: snapshots, changes: file.changes, crosswalks: crosswalks)
    }

    /// The data elements and the definition of every indicator of the seed plan.
    public static func indicatorDefinitions() throws -> (elements: [DataElement], definitions: [IndicatorDefinition]) {
        try definitionsFile.get()
    }

    /// Read once: every page computes indicators from it.
    private static let definitionsFile = Result { () throws -> (elements: [DataElement], definitions: [IndicatorDefinition]) in
        struct File: Decodable { var elements: [DataElement]; var definitions: [IndicatorDefinition] }
        let file = try JSONDecoder().decode(File.self, from: resource("indicator-definitions.json"))
        return (file.elements, file.definitions)
    }

    static func resource(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw SeedError.missingResource(name)
        }
        return try Data(contentsOf: url)
    }

    struct AgencyFile: Decodable {
        var province: String
        var agencies: [Agency]
        var collectives: [Collective]
    }

    struct AdminUnitFile: Decodable {
        struct Province: Decodable { var code: String; var name: String }
        struct Snapshot: Decodable { var file: String; var inForceOn: CivilDate }
        struct Crosswalk: Decodable { var file: String; var effectiveOn: CivilDate; var decision: String? }
        var province: Province
        var snapshots: [Snapshot]
        var changes: [AdminUnitChange]
        var crosswalks: [Crosswalk]?
    }
}

public enum SeedError: Error, CustomStringConvertible {
    case missingResource(String)

    public var description: String {
        switch self {
        case let .missingResource(name): "Thiếu tệp dữ liệu gốc \(name) trong gói TiendoCore."
        }
    }
}
