import Foundation

/// Figures entered for the units of one map, read in the map of another date ("theo bản đồ ngày 01/07/2025").
///
/// A unit still in force, or merged whole into its successor (however many steps), counts for that successor
/// exactly. A unit split among several has no exact successor figure: without shares its value is kept apart as
/// "không phân bổ được"; with shares an administrator entered for the split, it is apportioned and every figure that
/// used a share is an estimate naming the shares. The total over the province never changes with the map.
public enum MapReading {
    /// How much of a split unit (`fromKey`, a unit version) went to `toCode` (a unit of the later map), with where
    /// the share comes from ("dân số 01/04/2024, Cục Thống kê").
    public struct Share: Hashable, Sendable, Codable {
        public var fromKey: String
        public var toCode: String
        public var numerator: Int
        public var denominator: Int
        public var source: String

        public init(fromKey: String, toCode: String, numerator: Int, denominator: Int, source: String) {
            (self.fromKey, self.toCode, self.numerator, self.denominator, self.source) = (fromKey, toCode, numerator, denominator, source)
        }
    }

    /// One unit of the target map: what it got exactly, what it got by shares, and from whom.
    public struct UnitFigure: Hashable, Sendable {
        public var unit: AdminUnit
        public var exact: Decimal = 0
        public var estimated: Decimal = 0
        /// The old units whose figures went in, by version key.
        public var sources: [String] = []
        /// The shares used for `estimated`; empty when the figure is exact.
        public var sharesUsed: [Share] = []

        public var value: Decimal { exact + estimated }
        public var isEstimate: Bool { !sharesUsed.isEmpty }
    }

    /// A split unit's figure that could not be allocated to any unit of the target map.
    public struct Unallocated: Hashable, Sendable {
        public var unit: AdminUnit
        public var value: Decimal
        /// The units it went to, in part.
        public var successors: [AdminUnit]
    }

    public struct Reading: Hashable, Sendable {
        public var date: CivilDate
        public var units: [UnitFigure]
        public var unallocated: [Unallocated]
        /// The sum of every value read, whatever the map: equal to the sum of `units` and `unallocated`.
        public var total: Decimal

        public var unallocatedTotal: Decimal { unallocated.reduce(0) { $0 + $1.value } }
    }

    /// Reads `values` (each for a unit version) in the map in force on `date`.
    /// A split is apportioned only when shares cover every part of it and add up to exactly one; otherwise it stays apart.
    public static func read(_ values: [(unit: AdminUnit, value: Decimal)], in date: CivilDate, registry: AdminUnitRegistry,
                            shares: [Share] = []) -> Reading {
        var figures: [String: UnitFigure] = [:]
        var unallocated: [Unallocated] = []
        let sharesByUnit = Dictionary(grouping: shares, by: \.fromKey)
        for (unit, value) in values {
            let (targets, splits) = registry.destinations(of: unit, at: date)
            if splits.isEmpty, targets.count == 1, let target = targets.first {
                figures[target.versionKey, default: UnitFigure(unit: target)].exact += value
                figures[target.versionKey]?.sources.append(unit.versionKey)
                continue
            }
            // Split somewhere on the way: apportion by the shares of the (single) split, when they are complete.
            if splits.count == 1, let split = splits.first, let given = sharesByUnit[split.versionKey],
               complete(given, targets: targets) {
                for share in given {
                    guard let target = targets.first(where: { $0.code == share.toCode }) else { continue }
                    let part = value * Decimal(share.numerator) / Decimal(share.denominator)
                    figures[target.versionKey, default: UnitFigure(unit: target)].estimated += part
                    figures[target.versionKey]?.sources.append(unit.versionKey)
                    figures[target.versionKey]?.sharesUsed.append(share)
                }
                continue
            }
            unallocated.append(Unallocated(unit: unit, value: value, successors: targets))
        }
        let total = values.reduce(Decimal(0)) { $0 + $1.value }
        let units = figures.values.sorted { AdminUnitRegistry.mapOrder($0.unit, $1.unit) }
        return Reading(date: date, units: units, unallocated: unallocated, total: total)
    }

    /// Shares name every successor, each once, and add up to exactly one.
    public static func complete(_ shares: [Share], targets: [AdminUnit]) -> Bool {
        guard Set(shares.map(\.toCode)) == Set(targets.map(\.code)), shares.count == targets.count,
              shares.allSatisfy({ $0.numerator >= 0 && $0.denominator > 0 }) else { return false }
        let sum = shares.reduce(Decimal(0)) { $0 + Decimal($1.numerator) / Decimal($1.denominator) }
        var rounded = Decimal(), exact = sum
        NSDecimalRound(&rounded, &exact, 12, .plain)
        return rounded == 1
    }
}
