import SQLKit
import TiendoCore

struct AdminUnitRecord: TableRow {
    static let table = "admin_units"
    var versionKey: String
    var code: String
    var name: String
    var kind: String
    var level: String
    var parentCode: String?
    var validFrom: String?
    var validTo: String?

    init(_ unit: AdminUnit) {
        versionKey = unit.versionKey
        code = unit.code
        name = unit.name
        kind = unit.kind
        level = unit.level.rawValue
        parentCode = unit.parentCode
        validFrom = unit.validFrom?.iso
        validTo = unit.validTo?.iso
    }

    func unit() throws -> AdminUnit {
        guard let level = AdminLevel(rawValue: level) else { throw StoreError.corrupt(column: "admin_units.level", value: self.level) }
        return AdminUnit(code: code, name: name, kind: kind, level: level, parentCode: parentCode,
                         validFrom: try date(validFrom, "admin_units.valid_from"), validTo: try date(validTo, "admin_units.valid_to"))
    }
}

struct AdminUnitLinkRecord: TableRow {
    static let table = "admin_unit_links"
    var fromKey: String
    var toKey: String
    var kind: String
    var effectiveOn: String
    var decision: String?
    var note: String?

    init(_ link: AdminUnitLink) {
        fromKey = link.fromKey
        toKey = link.toKey
        kind = link.kind.rawValue
        effectiveOn = link.effectiveOn.iso
        decision = link.decision
        note = link.note
    }

    func link() throws -> AdminUnitLink {
        guard let kind = AdminUnitLink.Kind(rawValue: kind), let effective = CivilDate(iso: effectiveOn) else {
            throw StoreError.corrupt(column: "admin_unit_links", value: "\(fromKey) → \(toKey)")
        }
        return AdminUnitLink(fromKey: fromKey, toKey: toKey, kind: kind, effectiveOn: effective, decision: decision, note: note)
    }
}

/// Reads an optional ISO date column.
func date(_ text: String?, _ column: String) throws -> CivilDate? {
    guard let text else { return nil }
    guard let date = CivilDate(iso: text) else { throw StoreError.corrupt(column: column, value: text) }
    return date
}
