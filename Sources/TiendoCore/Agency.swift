import Foundation

/// What sort of body an agency is; collectives such as "Các sở, ban, ngành" are defined by these.
public enum AgencyKind: String, Hashable, Sendable, Codable, CaseIterable {
    case department, committee, office, publicServiceUnit, association, armedForces, centralBranch
    case frontOrganisation
    /// A district's or commune's People's Committee, derived from the admin-unit map.
    case peoplesCommittee
}

/// A body that can be assigned work, with the other spellings the plan uses for it.
public struct Agency: Hashable, Sendable, Codable {
    public var name: String
    public var kind: AgencyKind
    public var aliases: [String]
    /// For a People's Committee, the code of its unit.
    public var unitCode: String?

    public init(name: String, kind: AgencyKind, aliases: [String] = [], unitCode: String? = nil) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.unitCode = unitCode
    }
}

/// An assignee that stands for many ("UBND các huyện, thị xã, thành phố").
public struct Collective: Hashable, Sendable, Codable {
    public enum Rule: String, Hashable, Sendable, Codable {
        /// Every district-level People's Committee in force on the day.
        case districtCommittees
        /// Every commune-level People's Committee in force on the day.
        case communeCommittees
        /// Every provincial agency of the listed kinds.
        case agencies
    }
    public struct Members: Hashable, Sendable, Codable {
        public var rule: Rule
        public var kinds: [AgencyKind]?

        public init(rule: Rule, kinds: [AgencyKind]? = nil) {
            self.rule = rule
            self.kinds = kinds
        }
    }
    public var name: String
    public var aliases: [String]
    public var members: Members

    public init(name: String, aliases: [String], members: Members) {
        self.name = name
        self.aliases = aliases
        self.members = members
    }
}

/// What an assignee name in the plan refers to.
public enum Assignee: Hashable, Sendable {
    case agency(Agency)
    case collective(Collective)

    public var name: String {
        switch self {
        case let .agency(agency): agency.name
        case let .collective(collective): collective.name
        }
    }
}

/// The agencies and collectives of a province, resolved against its admin-unit map.
public struct AgencyDirectory: Sendable {
    public let provinceCode: String
    public let agencies: [Agency]
    public let collectives: [Collective]
    public let units: AdminUnitRegistry
    /// Renames, mergers and splits of agencies an administrator recorded, oldest first.
    public let changes: [AgencyChange]
    /// Every spelling, normalised, to what it names; built once because pages resolve names thousands of times.
    private let index: [String: Assignee]

    public init(provinceCode: String, agencies: [Agency], collectives: [Collective], units: AdminUnitRegistry, changes: [AgencyChange] = []) {
        self.provinceCode = provinceCode
        self.agencies = agencies
        self.collectives = collectives
        self.units = units
        self.changes = changes
        var index: [String: Assignee] = [:]
        // Later versions first, so a committee name that several versions share resolves to the newest.
        for unit in units.units.reversed() where unit.level == .district || unit.level == .commune {
            let key = AgencyDirectory.normalise(unit.committeeName)
            if index[key] == nil { index[key] = .agency(Agency(name: unit.committeeName, kind: .peoplesCommittee, unitCode: unit.code)) }
        }
        for collective in collectives.reversed() {
            for name in [collective.name] + collective.aliases { index[AgencyDirectory.normalise(name)] = .collective(collective) }
        }
        for agency in agencies.reversed() {
            for name in [agency.name] + agency.aliases { index[AgencyDirectory.normalise(name)] = .agency(agency) }
        }
        self.index = index
    }

    /// The People's Committee of a unit version.
    public func committee(of unit: AdminUnit) -> Agency {
        Agency(name: unit.committeeName, kind: .peoplesCommittee, aliases: [], unitCode: unit.code)
    }

    /// Resolves a name as the plan or a user writes it: canonical, alias, any case or Unicode form,
    /// or "UBND <unit>" for any version of a district- or commune-level unit.
    public func resolve(_ name: String) -> Assignee? {
        index[AgencyDirectory.normalise(name)]
    }

    /// What an assignment names: its assignee by name, or the People's Committee of its unit code.
    public func resolve(_ assignment: Assignment) -> Assignee? {
        resolve(assignment.assignee) ?? assignment.unitCode.flatMap { code in
            units.versions(of: code).last.map { .agency(committee(of: $0)) }
        }
    }

    /// The agencies a collective stands for on `date`.
    public func members(of collective: Collective, on date: CivilDate) -> [Agency] {
        switch collective.members.rule {
        case .districtCommittees:
            units.units(at: date, level: .district).map(committee(of:))
        case .communeCommittees:
            units.units(at: date, level: .commune).map(committee(of:))
        case .agencies:
            agencies.filter { (collective.members.kinds?.contains($0.kind) ?? true) && isInForce($0.name, on: date) }
        }
    }

    /// Whether `agency` is `assignee` or one of its members on `date`.
    public func includes(_ assignee: Assignee, _ agency: Agency, on date: CivilDate) -> Bool {
        switch assignee {
        case let .agency(other):
            other.name == agency.name || (other.unitCode != nil && other.unitCode == agency.unitCode)
        case let .collective(collective):
            members(of: collective, on: date).contains { $0.name == agency.name || ($0.unitCode != nil && $0.unitCode == agency.unitCode) }
        }
    }

    /// Case-, space- and Unicode-insensitive form used to compare names.
    public static func normalise(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ".;,-")))
            .lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
