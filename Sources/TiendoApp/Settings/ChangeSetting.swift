import TiendoCore
import TiendoStore

/// An administrator sets (or, with nil, removes) one of the installation's names: `DeploymentProfile.Key`.
public struct ChangeSetting: Sendable {
    public var key: String, value: String?

    public init(key: String, value: String?) { (self.key, self.value) = (key, value) }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .manageSettings)
        guard DeploymentProfile.Key(rawValue: key) != nil else {
            throw AppError.invalid("Không có thiết lập \"\(key)\"; có: \(DeploymentProfile.Key.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let text = try value.map { try FreeText.check($0, field: key, maxLength: 300) }
        try await Settings(app.db).set(key, text?.nilIfEmpty, by: caller.actor)
    }
}

/// The installation's names as reports and pages print them.
public struct ShowProfile: Sendable {
    public init() {}

    public func run(_ app: AppContext) async throws -> DeploymentProfile {
        try await Settings(app.db).profile(for: try await app.loadedPlan().document.plan)
    }
}
