import Fluent
import TiendoCore
import TiendoStore
import Vapor

/// Wires the application: database, seed data, error handling and routes.
public enum TiendoServer {
    /// Configures `app` against `location` and brings the database up to date (migrations, seed plan).
    @discardableResult
    public static func configure(_ app: Application, location: DatabaseLocation) async throws -> SeedLoader.Outcome {
        try TiendoDatabase.register(location, on: app.databases)
        let outcome = try await TiendoDatabase.prepare(app.databases, logger: app.logger)
        app.isDemo = try await Settings(app.db).isDemo()
        // Officials on slow mountain links: compress every text response.
        app.http.server.configuration.responseCompression = .enabled
        app.middleware = Middlewares()
        app.middleware.use(SecurityHeaders())
        app.middleware.use(APIErrorMiddleware())
        app.middleware.use(Authentication())
        routes(app)
        return outcome
    }

    static func routes(_ app: Application) {
        let api = app.grouped("api", "v1")
        PlanAPI.register(api)
        DirectoryAPI.register(api)
        AccessAPI.register(app, api: api)
        ReportingAPI.register(api)
        DataAPI.register(api)
        WebRoutes.register(app)
    }
}

extension Application {
    private struct DemoKey: StorageKey { typealias Value = Bool }

    /// Whether the database holds simulated data; every page then says so.
    var isDemo: Bool {
        get { storage[DemoKey.self] ?? false }
        set { storage[DemoKey.self] = newValue }
    }
}
