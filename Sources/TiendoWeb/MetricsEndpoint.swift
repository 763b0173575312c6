import Fluent
import Metrics
import Prometheus
import SQLKit
import TiendoApp
import TiendoStore
import Vapor

/// `/metrics` in Prometheus' text format: Vapor's requests by route, method and status with their latency
/// histograms (`http_requests_total`, `http_request_duration_seconds`), and Tiendo's own counters (notices, mails,
/// households imported, time waiting to write), and the database pool read at each scrape. The metrics system is
/// bootstrapped once per process.
enum MetricsEndpoint {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    /// Starts the metrics system (once per process) before anything records.
    static func bootstrap() { _ = bootstrapped }

    static func register(_ app: Application) {
        bootstrap()
        AppMetrics.announce()
        app.get("metrics") { req -> Response in
            await recordDatabase(req)
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
            headers.cacheControl = .init(noStore: true)
            return Response(status: .ok, headers: headers, body: .init(string: registry.emitToString()))
        }
    }

    /// The database pool as a scrape finds it: how long a trivial query took (waiting for a pooled connection
    /// included; it grows when the pool is exhausted), whether it answered, how many connections this instance's
    /// pool may open (PostgreSQL), and the server's connections to this database by state, every instance's.
    static func recordDatabase(_ req: Request) async {
        let sql = req.db as! any SQLDatabase
        let start = DispatchTime.now().uptimeNanoseconds
        let answered = (try? await sql.raw("SELECT 1 AS one").first()) != nil
        Gauge(label: "tiendo_db_query_seconds").record(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        Gauge(label: "tiendo_db_up").record(answered ? 1 : 0)
        guard answered, sql.dialect.name == "postgresql" else { return }
        Gauge(label: "tiendo_db_pool_max_connections")
            .record(TiendoDatabase.postgresConnectionsPerEventLoop * req.application.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 })
        let rows = (try? await sql.raw("""
            SELECT coalesce(state, 'khác') AS state, COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1
            """).all()) ?? []
        for state in ["active", "idle", "idle in transaction"] {
            let n = rows.first { (try? $0.decode(column: "state", as: String.self)) == state }.flatMap { try? $0.decode(column: "n", as: Int.self) } ?? 0
            Gauge(label: "tiendo_db_connections", dimensions: [("state", state)]).record(n)
        }
    }
}
