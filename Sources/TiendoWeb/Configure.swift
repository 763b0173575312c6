import Fluent
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Wires the application: database, seed data, error handling and routes.
public enum TiendoServer {
    /// Configures `app` against `location` and brings the database up to date (migrations, seed plan).
    @discardableResult
    public static func configure(_ app: Application, location: DatabaseLocation) async throws -> SeedLoader.Outcome {
        MetricsEndpoint.bootstrap()
        try TiendoDatabase.register(location, on: app.databases)
        // Uploads and unpacked sheets a crashed run left behind (never another running instance's).
        let stale = ScratchFile.removeStale()
        if stale > 0 { app.logger.notice("Removed \(stale) temporary files left by stopped runs.") }
        let outcome = try await TiendoDatabase.prepare(app.databases, logger: app.logger)
        app.isDemo = try await Settings(app.db).isDemo()
        // The names pages print: the plan's, or the settings' (`tiendo setting set`, read at start).
        guard let current = try await PlanRepository(app.db).defaultDocument() else { throw Abort(.internalServerError, reason: "Chưa có kế hoạch nào.") }
        app.profile = try await Settings(app.db).profile(for: current.plan)
        // Officials on slow mountain links: compress every text response.
        app.http.server.configuration.responseCompression = .enabled
        ConnectionLimits.apply(to: app)
        switch location {
        case let .sqlite(path): app.quickReads = SQLiteQuickReads(path: path)
        case .postgres: app.sharedReads = SharedPoolReads(heads: .auditHead(app.databases, logger: app.logger),
                                                          sessions: .sessions(app.databases, logger: app.logger))
        }
        let kept = ResponseCache()
        app.middleware = Middlewares()
        app.middleware.use(AccessLog())
        app.middleware.use(kept.front)
        app.middleware.use(MiddlewareChain([SecurityHeaders(), APIErrorMiddleware(), Authentication(), PlanChoiceMiddleware(), kept]))
        routes(app)
        return outcome
    }

    static func routes(_ app: Application) {
        Health.register(app)
        MetricsEndpoint.register(app)
        let api = app.grouped("api", "v1")
        OpenAPIDocument.register(api)
        PlanAPI.register(api)
        PlanDraftAPI.register(api)
        DirectoryAPI.register(api)
        CapitalAPI.register(api)
        api.get("me", "work", use: MyWorkPage.api)
        AccessAPI.register(app, api: api)
        ReportingAPI.register(api)
        DataAPI.register(api)
        WebRoutes.register(app)
    }
}

/// The two reads every request makes (the audit log's head; a session, which carries the head), each shared by the
/// requests asking at once: on PostgreSQL, where each would otherwise be a round trip through the pool.
struct SharedPoolReads: Sendable {
    let heads: SharedReads<AuditHeadKey, Int>
    let sessions: SharedReads<String, SessionState>
}

extension Application {
    private struct DemoKey: StorageKey { typealias Value = Bool }
    private struct ProfileKey: StorageKey { typealias Value = DeploymentProfile }
    private struct QuickReadsKey: StorageKey { typealias Value = SQLiteQuickReads }
    private struct SharedReadsKey: StorageKey { typealias Value = SharedPoolReads }

    /// Reads on the calling thread, when the database is a SQLite file (`ResponseCache.Front`).
    var quickReads: SQLiteQuickReads? {
        get { storage[QuickReadsKey.self] }
        set { storage[QuickReadsKey.self] = newValue }
    }

    /// Reads shared by the requests asking at once, when the database is PostgreSQL (`ResponseCache.Front`).
    var sharedReads: SharedPoolReads? {
        get { storage[SharedReadsKey.self] }
        set { storage[SharedReadsKey.self] = newValue }
    }

    /// The installation's names (footer, place); nil before `configure`.
    var profile: DeploymentProfile? {
        get { storage[ProfileKey.self] }
        set { storage[ProfileKey.self] = newValue }
    }

    /// Whether the database holds simulated data; every page then says so.
    var isDemo: Bool {
        get { storage[DemoKey.self] ?? false }
        set { storage[DemoKey.self] = newValue }
    }
}
