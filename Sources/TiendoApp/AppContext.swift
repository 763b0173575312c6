import FluentKit
import Foundation
import TiendoCore
import TiendoStore

/// What every use case runs against: the database, how passwords are hashed, the sign-in limits, and (when the
/// caller has it at hand) the plan already read, which saves reading it again on every call.
public struct AppContext: Sendable {
    public var db: any Database
    public var hasher: any PasswordHasher
    public var loginPolicy: LoginPolicy
    public var plan: LoadedPlan?
    /// The plan a command names (`--plan`); nil: the current top-level plan.
    public var planId: String?

    public init(db: any Database, hasher: any PasswordHasher = BcryptHasher(), loginPolicy: LoginPolicy = .standard,
                plan: LoadedPlan? = nil, planId: String? = nil) {
        self.db = db
        self.hasher = hasher
        self.loginPolicy = loginPolicy
        self.plan = plan
        self.planId = planId
    }

    /// The plan the caller works on: the one at hand, the one named, or the current top-level plan.
    public func loadedPlan() async throws -> LoadedPlan {
        if let plan { return plan }
        let repository = PlanRepository(db)
        if let planId {
            guard let loaded = try await repository.load(id: planId) else {
                throw AppError.notFound("Không có kế hoạch mã \"\(planId)\". Xem danh sách: tiendo plan list hoặc /api/v1/plans.")
            }
            return loaded
        }
        guard let loaded = try await repository.loadDefault() else { throw AppError.notFound("Chưa có kế hoạch.") }
        return loaded
    }
}

/// The day the installation takes as today: the calendar's, or `TIENDO_TODAY` (YYYY-MM-DD) for a training or demo
/// instance that re-lives a past year (the demo's 2024, when district officers still wrote).
public enum AppClock {
    public static let override: CivilDate? = ProcessInfo.processInfo.environment["TIENDO_TODAY"].flatMap(CivilDate.init(iso:))

    public static func today() -> CivilDate { override ?? .today() }

    /// Refuses a `TIENDO_TODAY` that is not a date, so a mistyped setting never silently means the real today.
    public static func check() throws {
        if let text = ProcessInfo.processInfo.environment["TIENDO_TODAY"], CivilDate(iso: text) == nil {
            throw AppError.invalid("TIENDO_TODAY=\"\(text.clipped(to: 40))\" không phải ngày YYYY-MM-DD.")
        }
    }
}

extension AppContext {
    /// The account `username` with the grants whose unit ended before `date` marked (`Principal.endedGrants`), or nil.
    public func principal(_ username: String, on date: CivilDate = AppClock.today()) async throws -> Principal? {
        guard let principal = try await Accounts(db).principal(username) else { return nil }
        return principal.inMap(try await loadedPlan().directory.units, on: date)
    }
}

/// Who asks for a use case: the signed-in user (or the operator at the terminal) and where from, as the audit
/// log records it.
public struct Caller: Sendable {
    public var principal: Principal
    public var address: String

    public init(principal: Principal, address: String) {
        self.principal = principal
        self.address = address
    }

    public var actor: Actor { Actor(username: principal.username, address: address) }

    /// Whoever runs a command on the server: they can reach the database anyway, so they act as its
    /// administrator and Ban Dân tộc, and the audit log names them ("cli:root").
    public static func terminal(username: String? = nil) -> Caller {
        let name = username ?? "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "root")"
        return Caller(principal: Principal(username: name, grants: [RoleGrant(role: .admin), RoleGrant(role: .coordinator)]),
                      address: "dòng lệnh")
    }
}
