import Metrics
import Prometheus
import Vapor

/// `/metrics` in Prometheus' text format: Vapor's requests by route, method and status with their latency
/// histograms (`http_requests_total`, `http_request_duration_seconds`), and Tiendo's own counters (notices, mails,
/// households imported, time waiting to write). The metrics system is bootstrapped once per process.
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
        app.get("metrics") { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
            headers.cacheControl = .init(noStore: true)
            return Response(status: .ok, headers: headers, body: .init(string: registry.emitToString()))
        }
    }
}
