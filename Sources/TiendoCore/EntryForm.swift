/// The lines one reporter fills for an obligation and period: its own elements for itself, or, for an
/// agency, each of its elements for every unit of that element's level.
public struct EntryForm: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var element: DataElement
        /// The unit the figure is about (the reporter itself for a unit).
        public var unitCode: String
        public var unitName: String
    }

    /// A unit code or an agency name, as stored with the figures.
    public var reporter: String
    public var reporterName: String
    public var lines: [Line]

    /// `reporterLevel` is nil for an agency; units are those in force on `date`.
    public static func make(reporter: String, reporterName: String, reporterLevel: AdminLevel?, elements: [DataElement],
                            units: AdminUnitRegistry, on date: CivilDate) -> EntryForm {
        var lines: [Line] = []
        for element in elements {
            switch element.source {
            case .units where reporterLevel == element.level:
                lines.append(Line(element: element, unitCode: reporter, unitName: reporterName))
            case let .agency(name) where reporterLevel == nil && name == reporter:
                lines += units.units(at: date, level: element.level).map { Line(element: element, unitCode: $0.code, unitName: $0.name) }
            default:
                break
            }
        }
        return EntryForm(reporter: reporter, reporterName: reporterName, lines: lines)
    }

    /// The form of a unit or agency named by code or name, in the map of `date`; nil when it is neither.
    public static func make(reporter name: String, directory: AgencyDirectory, elements: [DataElement], on date: CivilDate) -> EntryForm? {
        guard let agency = directory.reporter(named: name, on: date) else { return nil }
        let versions = agency.unitCode.map { directory.units.versions(of: $0) } ?? []
        let unit = versions.first { $0.isInForce(on: date) } ?? versions.last
        return make(reporter: unit?.code ?? agency.name, reporterName: unit?.name ?? agency.name, reporterLevel: unit?.level,
                    elements: elements, units: directory.units, on: date)
    }

    /// The reporters a user may enter figures for: their own unit or agency, a district's communes, or for the
    /// coordinator every district and agency. Unit codes or agency names, in the map of `date`.
    public static func reporters(for principal: Principal, directory: AgencyDirectory, on date: CivilDate) -> [String] {
        var result: [String] = []
        // A unit scope counts in the map of its own era only: 06652 granted in 2025 is Hà Tu, not 2024's Hà Phong.
        let units = directory.units
        for grant in principal.activeGrants where grant.scope.flatMap({ units.unit(code: $0, asOf: date) }).map({ grant.role == .agencyOfficer || units.era(of: $0).contains(grant.mapDate) }) ?? true {
            switch grant.role {
            case .communeOfficer, .agencyOfficer:
                if let scope = grant.scope { result.append(scope) }
            case .districtOfficer:
                if let code = grant.scope {
                    result.append(code)
                    result += directory.units.children(of: code, at: date).map(\.code)
                }
            case .coordinator:
                result += directory.units.units(at: date, level: .district).map(\.code)
                result += directory.agencies.filter { $0.kind != .frontOrganisation && $0.kind != .peoplesCommittee }.map(\.name)
            case .admin, .viewer, .financeOfficer:
                break
            }
        }
        return result.uniqued()
    }
}
