/// Every version of every unit we know, and how they succeed one another.
public struct AdminUnitRegistry: Hashable, Sendable {
    public let units: [AdminUnit]
    public let links: [AdminUnitLink]
    private let byKey: [String: AdminUnit]
    /// Versions by code, oldest first: pages and roll-ups look units up thousands of times.
    private let byCode: [String: [AdminUnit]]
    private let outgoing: [String: [String]]
    private let linksFrom: [String: [AdminUnitLink]]
    private let incoming: [String: [String]]
    private let byParent: [String: [AdminUnit]]
    /// The days a whole map was replaced (every district and commune ended together, as on 01/07/2025), oldest first.
    public let eraStarts: [CivilDate]

    public init(units: [AdminUnit], links: [AdminUnitLink]) {
        self.units = units.sorted(by: AdminUnitRegistry.mapOrder)
        self.links = links
        self.byKey = Dictionary(units.map { ($0.versionKey, $0) }, uniquingKeysWith: { first, _ in first })
        self.byCode = Dictionary(grouping: units, by: \.code)
            .mapValues { $0.sorted { ($0.validFrom ?? .distantPast) < ($1.validFrom ?? .distantPast) } }
        self.linksFrom = Dictionary(grouping: links, by: \.fromKey)
        self.outgoing = linksFrom.mapValues { $0.map(\.toKey) }
        self.incoming = Dictionary(grouping: links, by: \.toKey).mapValues { $0.map(\.fromKey) }
        self.byParent = Dictionary(grouping: self.units.filter { $0.parentCode != nil }, by: { $0.parentCode! })
        let local = units.filter { $0.level != .province }
        self.eraStarts = Set(local.compactMap(\.validTo)).filter { day in
            let before = local.filter { $0.isInForce(on: day.adding(days: -1)) }
            return !before.isEmpty && before.allSatisfy { $0.validTo == day }
        }.sorted()
    }

    /// The map era `unit` belongs to: between two days on which the whole map was replaced. Within an era a code
    /// names one unit (renamed, reclassified or absorbing its neighbours, it keeps its code); across eras a code may
    /// name another unit (06652 was Phường Hà Phong, is Phường Hà Tu), so a scope is a code read in an era.
    public func era(of unit: AdminUnit) -> MapEra {
        let start = unit.validFrom ?? .distantPast
        return MapEra(from: eraStarts.last { $0 <= start }, to: eraStarts.first { $0 > start })
    }

    /// The map in force on `date`, ordered by level then code.
    public func units(at date: CivilDate) -> [AdminUnit] {
        units.filter { $0.isInForce(on: date) }
    }

    public func units(at date: CivilDate, level: AdminLevel) -> [AdminUnit] {
        units(at: date).filter { $0.level == level }
    }

    public func unit(code: String, at date: CivilDate) -> AdminUnit? {
        byCode[code]?.first { $0.isInForce(on: date) }
    }

    public func unit(versionKey: String) -> AdminUnit? { byKey[versionKey] }

    /// The unit as it stood on `date`; for a code no longer (or not yet) in force then, its nearest version:
    /// the last one before `date`, else the first after. The one way a page or report names a unit for a date,
    /// so Đông Triều is "Thị xã" in a report of June 2024 and "Thành phố" in one of December.
    public func unit(code: String, asOf date: CivilDate) -> AdminUnit? {
        if let current = unit(code: code, at: date) { return current }
        let all = versions(of: code)
        return all.last { ($0.validFrom ?? date) <= date } ?? all.first
    }

    /// The unit's name on `date` ("Thị xã Đông Triều"), or the code when the unit is unknown.
    public func name(of code: String, on date: CivilDate) -> String {
        unit(code: code, asOf: date)?.name ?? code
    }

    /// Every version that ever carried `code`, oldest first.
    public func versions(of code: String) -> [AdminUnit] {
        byCode[code] ?? []
    }

    public func children(of code: String, at date: CivilDate) -> [AdminUnit] {
        (byParent[code] ?? []).filter { $0.isInForce(on: date) }
    }

    /// The versions `unit` turned into.
    public func successors(of unit: AdminUnit) -> [AdminUnit] {
        (outgoing[unit.versionKey] ?? []).compactMap { byKey[$0] }
    }

    /// How `unit` turned into its successors (merged whole, split, renamed…).
    public func links(from unit: AdminUnit) -> [AdminUnitLink] {
        linksFrom[unit.versionKey] ?? []
    }

    /// The versions that turned into `unit`.
    public func predecessors(of unit: AdminUnit) -> [AdminUnit] {
        (incoming[unit.versionKey] ?? []).compactMap { byKey[$0] }
    }

    /// Where `unit`'s territory lies in the map of `date`: itself if still in force, else its successors,
    /// followed as far as needed. This is how data of one year is read in a later structure.
    public func counterparts(of unit: AdminUnit, at date: CivilDate) -> [AdminUnit] {
        destinations(of: unit, at: date).targets
    }

    /// The counterparts of `unit` in the map of `date`, and the versions met on the way that were split (part of
    /// their territory went to each of several successors).
    public func destinations(of unit: AdminUnit, at date: CivilDate) -> (targets: [AdminUnit], splits: [AdminUnit]) {
        var targets: [AdminUnit] = [], splits: [AdminUnit] = []
        var seen: Set<String> = []
        var frontier = [unit]
        while let next = frontier.popLast() {
            guard seen.insert(next.versionKey).inserted else { continue }
            if next.isInForce(on: date) { targets.append(next); continue }
            guard next.validTo.map({ $0 <= date }) ?? false else { continue }
            let outgoing = links(from: next)
            if outgoing.contains(where: { $0.kind == .split }) { splits.append(next) }
            frontier += outgoing.compactMap { self.unit(versionKey: $0.toKey) }
        }
        return (targets.sorted(by: AdminUnitRegistry.mapOrder), splits)
    }

    /// Units of the same code ever known, by any version.
    public func contains(code: String) -> Bool { byCode[code] != nil }

    public static func mapOrder(_ a: AdminUnit, _ b: AdminUnit) -> Bool {
        let la = AdminLevel.allCases.firstIndex(of: a.level)!, lb = AdminLevel.allCases.firstIndex(of: b.level)!
        return (la, a.code, a.validFrom ?? .distantPast) < (lb, b.code, b.validFrom ?? .distantPast)
    }
}

/// The days between two replacements of the whole map: [from, to), open at either end.
public struct MapEra: Hashable, Sendable {
    public var from: CivilDate?
    public var to: CivilDate?

    public init(from: CivilDate?, to: CivilDate?) {
        self.from = from
        self.to = to
    }

    /// Whether a scope read in the map of `date` belongs to this era; a scope with no date (granted before dates were
    /// recorded) belongs to the first era.
    public func contains(_ date: CivilDate?) -> Bool {
        guard let date else { return from == nil }
        return (from.map { $0 <= date } ?? true) && (to.map { date < $0 } ?? true)
    }
}

extension CivilDate {
    /// Sorts before every real date; stands for "before our records".
    public static let distantPast = CivilDate(year: 1, month: 1, day: 1)!
    /// Sorts after every real date; stands for "whatever is recorded".
    public static let distantFuture = CivilDate(year: 9999, month: 12, day: 31)!
}
