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

    /// The use cases' context with the plan and directory the server already holds.
    func appWithPlan() async throws -> AppContext {
        app(plan: try await loadedPlan())
    }

    /// The signed-in caller as the use cases take it, or 401.
    func useCaseCaller() throws -> Caller {
        Caller(principal: try principal(), address: clientAddress)
    }
}
