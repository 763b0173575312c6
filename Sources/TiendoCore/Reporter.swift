/// Who reports figures or progress: a provincial agency, or an admin unit with its level and parent.
/// Resolved once from what a request names (an agency's name or alias, a People's Committee, a unit code),
/// so nothing downstream has to guess whether a string is a name or a code.
public enum Reporter: Hashable, Sendable {
    case agency(name: String)
    case unit(code: String, level: AdminLevel, parentCode: String?)

    /// What figures and submissions are stored under: the unit's code or the agency's name.
    public var key: String {
        switch self {
        case let .agency(name): name
        case let .unit(code, _, _): code
        }
    }

    /// nil for an agency.
    public var level: AdminLevel? {
        if case let .unit(_, level, _) = self { return level }
        return nil
    }

    /// A commune's district; nil otherwise.
    public var district: String? {
        if case let .unit(_, .commune, parent) = self { return parent }
        return nil
    }

    /// The reporter `name` means in the map of `date` (the unit's last version when it no longer exists then).
    public static func resolve(_ name: String, directory: AgencyDirectory, on date: CivilDate) -> Reporter? {
        guard let agency = directory.reporter(named: name, on: date) else { return nil }
        return Reporter(agency, directory: directory, on: date)
    }

    /// The reporter an agency (or a unit's People's Committee) stands for.
    public init(_ agency: Agency, directory: AgencyDirectory, on date: CivilDate) {
        if let code = agency.unitCode {
            let versions = directory.units.versions(of: code)
            if let unit = versions.first(where: { $0.isInForce(on: date) }) ?? versions.last {
                self = .unit(code: unit.code, level: unit.level, parentCode: unit.parentCode)
                return
            }
        }
        self = .agency(name: agency.name)
    }
}
