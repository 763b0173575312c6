/// The level of a unit in the territorial hierarchy.
public enum AdminLevel: String, Hashable, Sendable, Codable, CaseIterable {
    case province, district, commune, village

    /// "tỉnh", "huyện", "xã", "thôn": the level's generic Vietnamese name.
    public var vietnamese: String {
        switch self {
        case .province: "tỉnh"
        case .district: "huyện"
        case .commune: "xã"
        case .village: "thôn"
        }
    }
}

/// One version of an administrative unit: its name, type and parent over a period.
///
/// A unit that is renamed, reclassified or absorbs another gets a new version with the same code;
/// `AdminUnitLink`s join the versions, so data entered against any version can be followed into any later map.
public struct AdminUnit: Hashable, Sendable, Codable {
    /// The statistics office code ("22", "193", "06649").
    public var code: String
    /// "Thành phố Hạ Long", "Xã Lương Mông".
    public var name: String
    /// "Thành phố", "Thị xã", "Huyện", "Phường", "Thị trấn", "Xã", …
    public var kind: String
    public var level: AdminLevel
    /// Code of the unit it belongs to; from 2025-07-01 a commune's parent is the province itself.
    public var parentCode: String?
    /// First day in force; nil when it was already in force before the earliest list we hold.
    public var validFrom: CivilDate?
    /// First day no longer in force (exclusive); nil while in force.
    public var validTo: CivilDate?

    public init(code: String, name: String, kind: String, level: AdminLevel, parentCode: String?,
                validFrom: CivilDate?, validTo: CivilDate? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.level = level
        self.parentCode = parentCode
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Identifies the version: "06985@2024-11-01", or "06985@" for one in force before our records.
    public var versionKey: String { "\(code)@\(validFrom?.iso ?? "")" }

    /// `date` when the unit is in force then, else the nearest day it was: where a scope read "as of" `date` is kept.
    public func dayOfItsMap(near date: CivilDate) -> CivilDate {
        if isInForce(on: date) { return date }
        if let validTo, validTo <= date { return validTo.adding(days: -1) }
        return validFrom ?? date
    }

    public func isInForce(on date: CivilDate) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validTo.map { date < $0 } ?? true)
    }

    /// The unit's People's Committee as the plan names it: "UBND thành phố Hạ Long", "UBND huyện Bình Liêu".
    public var committeeName: String {
        guard name.hasPrefix(kind) else { return "UBND " + name }
        return "UBND " + kind.lowercased() + name.dropFirst(kind.count)
    }

    /// The name without its type: "Hạ Long" for "Thành phố Hạ Long".
    public var shortName: String {
        guard name.hasPrefix(kind + " ") else { return name }
        return String(name.dropFirst(kind.count + 1))
    }
}

/// How one unit version became another.
public struct AdminUnitLink: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Absorbed into, or merged with others to form, the successor.
        case merge
        /// Same territory, new name.
        case rename
        /// Same territory, new type (thị xã → thành phố, xã → phường).
        case reclassify
        /// Moved under another parent, same name and type.
        case transfer
        /// Part of the unit went to this successor (the unit was split among several): its figures cannot be
        /// carried over exactly, only apportioned by shares someone enters.
        case split
    }
    public var fromKey: String
    public var toKey: String
    public var kind: Kind
    public var effectiveOn: CivilDate
    /// The resolution that made the change ("1199/NQ-UBTVQH15").
    public var decision: String?
    public var note: String?

    public init(fromKey: String, toKey: String, kind: Kind, effectiveOn: CivilDate, decision: String? = nil, note: String? = nil) {
        self.fromKey = fromKey
        self.toKey = toKey
        self.kind = kind
        self.effectiveOn = effectiveOn
        self.decision = decision
        self.note = note
    }
}
