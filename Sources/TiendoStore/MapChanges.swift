import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct UnitShareRecord: TableRow {
    static let table = "unit_shares"
    var fromKey: String
    var toCode: String
    var numerator: Int
    var denominator: Int
    var source: String
    var enteredBy: String
    var enteredAt: String
}

struct AgencyChangeRecord: TableRow {
    static let table = "agency_changes"
    var position: Int
    var provinceCode: String
    var kind: String
    var fromNames: String
    var intoNames: String
    var effectiveOn: String
    var decision: String
    var decisionDate: String?
    var note: String?
    var enteredBy: String
    var enteredAt: String

    func change() throws -> AgencyChange {
        guard let kind = AgencyChange.Kind(rawValue: kind), let effective = CivilDate(iso: effectiveOn) else {
            throw StoreError.corrupt(column: "agency_changes", value: "\(position)")
        }
        return AgencyChange(kind: kind, from: try JSONText.decode([String].self, fromNames, column: "agency_changes.from_names"),
                            into: try JSONText.decode([String].self, intoNames, column: "agency_changes.into_names"),
                            effectiveOn: effective, decision: decision, decisionDate: try date(decisionDate, "agency_changes.decision_date"), note: note)
    }
}

/// What administrators recorded about a reorganisation: split units' shares and agencies' changes. Each write is
/// one transaction with its audit entries.
public struct MapChanges: Sendable {
    let db: any Database

    public init(_ db: any Database) { self.db = db }

    /// Every share entered, for `MapReading`.
    public func shares() async throws -> [MapReading.Share] {
        try await (db as! any SQLDatabase).rows(UnitShareRecord.self, orderBy: ["from_key", "to_code"]).map {
            MapReading.Share(fromKey: $0.fromKey, toCode: $0.toCode, numerator: $0.numerator, denominator: $0.denominator, source: $0.source)
        }
    }

    /// Replaces the shares of the split unit version `fromKey` with `shares`.
    public func setShares(_ shares: [MapReading.Share], of fromKey: String, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["unit-shares:\(fromKey)"], on: sql)
            let old = try await sql.select().column("*").from(UnitShareRecord.table).where("from_key", .equal, fromKey)
                .all(decoding: UnitShareRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
            try await sql.delete(from: UnitShareRecord.table).where("from_key", .equal, fromKey).run()
            let now = Timestamp.now()
            try await sql.insert(shares.map { UnitShareRecord(fromKey: fromKey, toCode: $0.toCode, numerator: $0.numerator, denominator: $0.denominator,
                                                              source: $0.source, enteredBy: actor.username, enteredAt: now) })
            let text: ([(String, Int, Int)]) -> String = { $0.map { "\($0.0): \($0.1)/\($0.2)" }.joined(separator: "; ") }
            try await AuditLog.append([AuditChange(.adminUnit, AuditKey(fromKey), field: "shares",
                                                   oldValue: old.isEmpty ? nil : text(old.map { ($0.toCode, $0.numerator, $0.denominator) }),
                                                   newValue: text(shares.map { ($0.toCode, $0.numerator, $0.denominator) }) + " (\(shares.first?.source ?? ""))")],
                                      by: actor, reason: "Tỷ lệ phân chia số liệu của đơn vị bị chia tách.", on: sql)
        }
    }

    /// The agency changes of `province`, in the order they were recorded.
    public func agencyChanges(province: String) async throws -> [AgencyChange] {
        try await (db as! any SQLDatabase).rows(AgencyChangeRecord.self, province: province, orderBy: ["position"]).map { try $0.change() }
    }

    /// How many agency changes are recorded: a server holding a directory reads it again when this moves.
    public func agencyChangeCount() async throws -> Int {
        try await SeedLoader.count(db as! any SQLDatabase, AgencyChangeRecord.table)
    }

    /// Records an agency change; the accounts whose scope was a renamed or merged agency follow it to the successor
    /// (`accounts` gives each account's username and its one new scope), all in one transaction, audited.
    public func record(_ change: AgencyChange, province: String, moving accounts: [(username: String, from: String, to: String)],
                       by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["agency-changes:\(province)"], on: sql)
            let position = try await sql.select().column(SQLFunction("COALESCE", args: SQLFunction("MAX", args: SQLColumn("position")), SQLLiteral.numeric("-1")), as: "p")
                .from(AgencyChangeRecord.table).where("province_code", .equal, province).first(decodingColumn: "p", as: Int.self) ?? -1
            try await sql.insert([AgencyChangeRecord(position: position + 1, provinceCode: province, kind: change.kind.rawValue,
                                                     fromNames: JSONText.encode(change.from), intoNames: JSONText.encode(change.into),
                                                     effectiveOn: change.effectiveOn.iso, decision: change.decision, decisionDate: change.decisionDate?.iso,
                                                     note: change.note, enteredBy: actor.username, enteredAt: Timestamp.now())])
            var audit = [AuditChange(.agency, AuditKey(change.from.joined(separator: " + ")), field: change.kind.rawValue,
                                     newValue: "\(change.into.joined(separator: " + ")) từ \(change.effectiveOn.vietnamese) (\(change.decision))")]
            for account in accounts {
                audit.append(try await Accounts.moveScope(account.username, role: .agencyOfficer, from: account.from, to: account.to, mapDate: nil, on: sql))
            }
            try await AuditLog.append(audit, by: actor, reason: "Quyết định \(change.decision): \(change.kind.vietnamese) cơ quan.", on: sql)
        }
    }
}
