/// What a user may do. A user may hold several roles, each with its own scope.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    case admin
    case coordinator
    case agencyOfficer = "agency-officer"
    case districtOfficer = "district-officer"
    case communeOfficer = "commune-officer"
    /// The finance side (Sở Tài chính, Kho bạc): records capital plans and decisions and imports disbursements.
    case financeOfficer = "finance-officer"
    case viewer

    /// "quản trị viên", "cán bộ Ban Dân tộc", …
    public var vietnamese: String {
        switch self {
        case .admin: "quản trị viên"
        case .coordinator: "điều phối (Ban Dân tộc)"
        case .agencyOfficer: "cán bộ sở, ngành"
        case .districtOfficer: "cán bộ cấp huyện"
        case .communeOfficer: "cán bộ cấp xã"
        case .financeOfficer: "cán bộ tài chính"
        case .viewer: "người xem"
        }
    }

    /// Whether the role needs a scope, may have one, or takes none.
    public var scopeRule: ScopeRule {
        switch self {
        case .admin, .coordinator, .financeOfficer: .none
        case .agencyOfficer: .agency
        case .districtOfficer: .unit(.district)
        case .communeOfficer: .unit(.commune)
        case .viewer: .optional
        }
    }

    public enum ScopeRule: Hashable, Sendable {
        case none, agency, unit(AdminLevel), optional
    }
}

/// A role held by a user, with its scope: an agency's canonical name or a unit's code. A unit's code is read in the
/// map of `mapDate` (codes are reused from one map to the next), so a unit scope is a code and a day.
public struct RoleGrant: Hashable, Sendable, Codable {
    public var role: Role
    public var scope: String?
    /// For a unit scope: a day of the map its code is read in (nil for grants made before this was recorded: the
    /// first map we hold).
    public var mapDate: CivilDate?

    public init(role: Role, scope: String? = nil, mapDate: CivilDate? = nil) {
        self.role = role
        self.scope = scope
        self.mapDate = mapDate
    }

    /// The scope as the audit log and account lists write it: "06652 (bản đồ ngày 01/07/2025)", "(toàn tỉnh)".
    public var scopeDescription: String {
        guard let scope else { return "(toàn tỉnh)" }
        return scope + (mapDate.map { " (bản đồ ngày \($0.vietnamese))" } ?? "")
    }

    /// Whether this grant's scope is the unit `code` of `era`.
    public func names(_ code: String, in era: MapEra) -> Bool {
        scope == code && era.contains(mapDate)
    }

    /// Checks the scope against the role and canonicalises it (an alias becomes the agency's name).
    /// A unit's code is read in the map of `asOf`; a code no longer in force then names its last version, and the
    /// grant keeps a day of that version's map.
    public static func make(role: Role, scope: String?, directory: AgencyDirectory, asOf: CivilDate = .today()) throws -> RoleGrant {
        let scope = scope?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        switch role.scopeRule {
        case .none:
            if let scope { throw AppError.invalid("Vai trò \(role.rawValue) không có phạm vi; bỏ --scope \"\(scope)\".") }
            return RoleGrant(role: role)
        case .agency:
            guard let scope else { throw AppError.invalid("Vai trò \(role.rawValue) cần --scope là tên một cơ quan, ví dụ \"Sở Xây dựng\".") }
            guard case let .agency(agency)? = directory.resolve(scope), agency.kind != .peoplesCommittee else {
                throw AppError.invalid("Không có cơ quan cấp tỉnh tên \"\(scope)\"; xem /api/v1/agencies.")
            }
            return RoleGrant(role: role, scope: agency.name)
        case let .unit(level):
            guard let scope else { throw AppError.invalid("Vai trò \(role.rawValue) cần --scope là mã đơn vị cấp \(level.vietnamese), ví dụ \(level == .district ? "193" : "06649").") }
            guard let unit = directory.units.unit(code: scope, asOf: asOf), unit.level == level else {
                throw AppError.invalid("Mã \"\(scope)\" không phải đơn vị cấp \(level.vietnamese) trong bản đồ ngày \(asOf.vietnamese).")
            }
            return RoleGrant(role: role, scope: unit.code, mapDate: unit.dayOfItsMap(near: asOf))
        case .optional:
            guard let scope else { return RoleGrant(role: role) }
            if case let .agency(agency)? = directory.resolve(scope), agency.kind != .peoplesCommittee {
                return RoleGrant(role: role, scope: agency.name)
            }
            guard let unit = directory.units.unit(code: scope, asOf: asOf) else {
                throw AppError.invalid("Phạm vi \"\(scope)\" không phải tên cơ quan hay mã đơn vị hành chính.")
            }
            return RoleGrant(role: role, scope: scope, mapDate: unit.dayOfItsMap(near: asOf))
        }
    }
}

/// The user behind a request or a command, with every role they hold.
public struct Principal: Hashable, Sendable, Codable {
    public var username: String
    public var grants: [RoleGrant]
    /// Grants whose unit is no longer in force (a district after 30/06/2025, a commune merged away), as the caller's
    /// day reads them (`inMap`). They no longer write (`activeGrants`); pages still show the unit's history, and an
    /// administrator moves a commune officer's account to the successor unit.
    public var endedGrants: [RoleGrant] = []

    enum CodingKeys: String, CodingKey { case username, grants }

    public init(username: String, grants: [RoleGrant]) {
        self.username = username
        self.grants = grants
    }

    public func holds(_ role: Role) -> Bool { grants.contains { $0.role == role } }

    /// Whether a grant is scoped to a unit (a district or a commune), whose map it depends on.
    public var hasUnitScope: Bool { grants.contains { [.districtOfficer, .communeOfficer].contains($0.role) } }

    /// The grants that may still write: all but those whose unit has ended. A district officer's scope ends with the
    /// district; the account keeps reading its history, and only Ban Dân tộc corrects that unit's records from then on.
    public var activeGrants: [RoleGrant] { grants.filter { !endedGrants.contains($0) } }

    /// Whether a grant of `role` that may still write names the unit `code` of `era`.
    public func holds(_ role: Role, unit code: String, in era: MapEra) -> Bool {
        activeGrants.contains { $0.role == role && $0.names(code, in: era) }
    }

    /// The unit a unit-scoped grant names: its code read in the map of the day it was granted (a code no longer in
    /// force that day: its last version before it), or the code's first version for a grant older than that record.
    public func unit(of grant: RoleGrant, in units: AdminUnitRegistry) -> AdminUnit? {
        guard [.districtOfficer, .communeOfficer].contains(grant.role), let code = grant.scope else { return nil }
        return grant.mapDate.flatMap { units.unit(code: code, asOf: $0) } ?? units.versions(of: code).first
    }

    /// A grant whose unit ended before a date, and the units of that date's map its territory went into (none for a
    /// district: the level was abolished).
    public struct EndedScope: Hashable, Sendable {
        public var grant: RoleGrant
        public var unit: AdminUnit
        public var successors: [AdminUnit]
    }

    /// The grants whose unit ended before `date`, each with where the unit went.
    public func endedScopes(in units: AdminUnitRegistry, on date: CivilDate) -> [EndedScope] {
        grants.compactMap { grant in
            guard let unit = unit(of: grant, in: units), unit.validTo.map({ $0 <= date }) ?? false else { return nil }
            return EndedScope(grant: grant, unit: unit, successors: units.counterparts(of: unit, at: date))
        }
    }

    /// The principal with `endedGrants` filled for the map of `date`: the grants whose unit ended before it.
    public func inMap(_ units: AdminUnitRegistry, on date: CivilDate) -> Principal {
        var copy = self
        copy.endedGrants = endedScopes(in: units, on: date).map(\.grant)
        return copy
    }
}

extension Principal {
    /// The body a scoped officer reports for when a request names none: their one agency or unit.
    public func ownReporter(directory: AgencyDirectory, on date: CivilDate) -> Agency? {
        let scoped = grants.filter { [.agencyOfficer, .districtOfficer, .communeOfficer].contains($0.role) }
        guard scoped.count == 1, let scope = scoped[0].scope else { return nil }
        return directory.reporter(named: scope, on: date)
    }
}

extension AgencyDirectory {
    /// Resolves "unit" as a request gives it: an agency name, a People's Committee name or a unit code.
    public func reporter(named name: String, on date: CivilDate) -> Agency? {
        if case let .agency(agency)? = resolve(name) { return agency }
        let versions = units.versions(of: name)
        guard let unit = versions.first(where: { $0.isInForce(on: date) }) ?? versions.last,
              unit.level == .district || unit.level == .commune else { return nil }
        return committee(of: unit)
    }

    /// How `reporter` takes part in a task with `assignments` (itself or through a collective): lead when any
    /// assignment makes it one; nil when it has no part.
    public func role(of reporter: Agency, in assignments: [Assignment], on date: CivilDate) -> Assignment.Role? {
        let roles = assignments.compactMap { assignment -> Assignment.Role? in
            guard let assignee = resolve(assignment), includes(assignee, reporter, on: date) else { return nil }
            return assignment.role
        }
        return roles.contains(.lead) ? .lead : roles.first
    }
}

extension String {
    /// nil for "", so an empty form field means "not given".
    public var nilIfEmpty: String? { isEmpty ? nil : self }

    /// At most `length` characters, cut at the last space before the limit (never inside a word) and an ellipsis
    /// marking the cut: for table cells on narrow screens, terminals and reports.
    public func clipped(to length: Int) -> String {
        guard count > length else { return self }
        let head = prefix(length - 1)
        let cut = head.lastIndex(where: \.isWhitespace).map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) + "…"
    }
}
