import Foundation
import TiendoCore
import TiendoStore

/// An administrator records an agency renamed, merged or split by a decision. Accounts scoped to an agency that was
/// renamed or merged follow it to its successor; after a split, no successor is guessed: the account keeps its old
/// scope (readable history) until an administrator grants the right one.
public struct RecordAgencyChange: Sendable {
    public var change: AgencyChange

    public init(_ change: AgencyChange) { self.change = change }

    /// Returns the change as recorded and the accounts that followed it.
    public func run(_ app: AppContext, by caller: Caller) async throws -> (change: AgencyChange, moved: [String]) {
        try Policy.require(caller.principal, .manageMap)
        let directory = try await app.loadedPlan().directory
        let checked = try change.checked(against: directory)
        var moving: [(username: String, from: String, to: String)] = []
        if checked.into.count == 1, let successor = checked.into.first {
            for (user, _, grants) in try await Accounts(app.db).users() {
                for grant in grants where grant.role == .agencyOfficer {
                    if let scope = grant.scope, checked.from.contains(scope), scope != successor { moving.append((user, scope, successor)) }
                }
            }
        }
        try await MapChanges(app.db).record(checked, province: directory.provinceCode, moving: moving, by: caller.actor)
        return (checked, moving.map(\.username))
    }
}

/// An administrator gives the shares a split unit's figures are apportioned by, with their source; figures that use
/// them are shown as estimates naming them.
public struct SetSplitShares: Sendable {
    /// The split unit: a code and a day it was in force (codes are reused), or the version key a page holds.
    public enum Unit: Sendable { case code(String, asOf: CivilDate), version(String) }
    public var unit: Unit
    public var shares: [(toCode: String, numerator: Int, denominator: Int)]
    public var source: String

    public init(unitCode: String, asOf: CivilDate, shares: [(toCode: String, numerator: Int, denominator: Int)], source: String) {
        (self.unit, self.shares, self.source) = (.code(unitCode, asOf: asOf), shares, source)
    }

    public init(versionKey: String, shares: [(toCode: String, numerator: Int, denominator: Int)], source: String) {
        (self.unit, self.shares, self.source) = (.version(versionKey), shares, source)
    }

    /// A share as typed: "2/3" (whole numbers, a positive denominator); nil otherwise.
    public static func fraction(_ text: String) -> (numerator: Int, denominator: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let n = parts[0], let d = parts[1], d > 0 else { return nil }
        return (n, d)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> [MapReading.Share] {
        try Policy.require(caller.principal, .manageMap)
        let units = try await app.loadedPlan().directory.units
        let found: AdminUnit? = switch self.unit {
        case let .code(code, date): units.unit(code: code, at: date)
        case let .version(key): units.unit(versionKey: key)
        }
        guard let unit = found else {
            switch self.unit {
            case let .code(code, date): throw AppError.invalid("Không có đơn vị mã \(code) vào ngày \(date.vietnamese).")
            case let .version(key): throw AppError.invalid("Không có đơn vị \(key).")
            }
        }
        let splits = units.links(from: unit).filter { $0.kind == .split }
        guard !splits.isEmpty else { throw AppError.invalid("\(unit.name) không bị chia tách: số liệu của nó đã chuyển trọn cho đơn vị kế tiếp.") }
        let source = try FreeText.check(source, field: "nguồn tỷ lệ", maxLength: 300).trimmingCharacters(in: .whitespaces)
        guard !source.isEmpty else { throw AppError.invalid("Cần ghi nguồn của tỷ lệ (ví dụ: dân số ngày 01/04/2024, Cục Thống kê).") }
        let given = shares.map { MapReading.Share(fromKey: unit.versionKey, toCode: $0.toCode, numerator: $0.numerator, denominator: $0.denominator, source: source) }
        let successors = splits.compactMap { units.unit(versionKey: $0.toKey) }
        guard MapReading.complete(given, targets: successors) else {
            let names = successors.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
            throw AppError.invalid("Tỷ lệ phải chia cho đúng các đơn vị \(names), mỗi đơn vị một lần, tổng bằng đúng 1.")
        }
        try await MapChanges(app.db).setShares(given, of: unit.versionKey, by: caller.actor)
        return given
    }
}

/// An administrator confirms which unit takes over an account whose unit ended with the map: one of the units the
/// old one went into. A district has none (the level was abolished): its officers keep read-only history.
public struct ConfirmSuccessorScope: Sendable {
    public var username: String, role: Role, from: String, to: String

    public init(username: String, role: Role, from: String, to: String) {
        (self.username, self.role, self.from, self.to) = (username, role, from, to)
    }

    public func run(_ app: AppContext, by caller: Caller, today: CivilDate = .today()) async throws {
        try Policy.require(caller.principal, .manageUsers)
        guard let account = try await Accounts(app.db).principal(username) else { throw AppError.notFound("Không có tài khoản \"\(username)\".") }
        let units = try await app.loadedPlan().directory.units
        guard let ended = account.endedScopes(in: units, on: today).first(where: { $0.grant.role == role && $0.grant.scope == from }) else {
            throw AppError.invalid("Phạm vi \(from) của \(username) vẫn còn hiệu lực: không cần chuyển.")
        }
        let (old, successors) = (ended.unit, ended.successors)
        guard successors.contains(where: { $0.code == to }) else {
            let names = successors.map { "\($0.code) (\($0.name))" }.joined(separator: ", ")
            throw AppError.invalid(successors.isEmpty ? "\(old.name) không có đơn vị kế tiếp (cấp huyện đã bỏ): tài khoản chỉ còn xem lịch sử."
                                   : "\(old.name) đã vào \(names); chọn một trong các đơn vị đó.")
        }
        try await Accounts(app.db).moveScope(username, role: role, from: from, to: to, mapDate: today, by: caller.actor)
    }
}
