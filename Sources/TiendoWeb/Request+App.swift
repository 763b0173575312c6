import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

extension Request {
    /// The use cases' context for this request: its database, the application's sign-in limits, and the plan
    /// when the page has already read it.
    func app(plan: LoadedPlan? = nil) -> AppContext {
        AppContext(db: db, loginPolicy: application.loginPolicy, plan: plan)
    }

    /// The use cases' context with the request's plan (`loadedPlan(for:)`) and its directory, as the server holds them.
    func appWithPlan(for purpose: PlanChoice.Purpose = .plan) async throws -> AppContext {
        app(plan: try await loadedPlan(for: purpose))
    }

    /// The signed-in caller as the use cases take it, or 401.
    func useCaseCaller() throws -> Caller {
        Caller(principal: try principal(), address: clientAddress)
    }
}
