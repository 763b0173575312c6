/// Who reports figures or progress: a provincial agency, or an admin unit with its level and parent.
/// Resolved once from what a request names (an agency's name or alias, a People's Committee, a unit code),
/// so nothing downstream has to guess whether a string is a name or a code.
public enum Reporter: Hashable, Sendable {
    case agency(name: String)
    /// A unit: its code, level, district (a commune's; nil for a commune directly under the province, as all are
    /// from 01/07/2025) and the map era the code is read in (codes are reused from one map to the next).
    case unit(code: String, level: AdminLevel, district: String?, era: MapEra)

    /// What figures and submissions are stored under: the unit's code or the agency's name.
    public var key: String {
        switch self {
        case let .agency(name): name
        case let .unit(code, _, _, _): code
        }
    }

    /// nil for an agency.
    public var level: AdminLevel? {
        if case let .unit(_, level, _, _) = self { return level }
        return nil
    }

    /// A commune's district; nil otherwise.
    public var district: String? {
        if case let .unit(_, .commune, district, _) = self { return district }
        return nil
    }

    /// The reporter `name` means in the map of `date` (the unit's last version when it no longer exists then).
    public static func resolve(_ name: String, directory: AgencyDirectory, on date: CivilDate) -> Reporter? {
        guard let agency = directory.reporter(named: name, on: date) else { return nil }
        return Reporter(agency, directory: directory, on: date)
    }

    /// The reporter a unit version is.
    public init(_ unit: AdminUnit, in units: AdminUnitRegistry) {
        let parent = unit.parentCode.flatMap { units.unit(code: $0, asOf: unit.validFrom ?? unit.validTo?.adding(days: -1) ?? .today()) }
        self = .unit(code: unit.code, level: unit.level, district: parent?.level == .district ? parent?.code : nil, era: units.era(of: unit))
    }

    /// The map era of a unit; nil for an agency.
    public var era: MapEra? {
        if case let .unit(_, _, _, era) = self { return era }
        return nil
    }

    /// The reporter an agency (or a unit's People's Committee) stands for.
    public init(_ agency: Agency, directory: AgencyDirectory, on date: CivilDate) {
        if let code = agency.unitCode {
            let versions = directory.units.versions(of: code)
            if let unit = versions.first(where: { $0.isInForce(on: date) }) ?? versions.last {
                self = .init(unit, in: directory.units)
                return
            }
        }
        self = .agency(name: agency.name)
    }
}
