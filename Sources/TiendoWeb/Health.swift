import TiendoStore
import Vapor

/// What an operator's probes ask: `/healthz`, the process answers; `/readyz`, it can serve — the database answers
/// and its schema is the one this build expects — else 503 with the reason, so a load balancer sends no traffic.
enum Health {
    static func register(_ app: Application) {
        app.get("healthz") { _ in plain(.ok, "ok\n") }
        app.get("readyz", use: ready)
    }

    @Sendable static func ready(_ req: Request) async throws -> Response {
        do {
            let pending = try await TiendoDatabase.pendingMigrations(on: req.db)
            guard pending.isEmpty else {
                return plain(.serviceUnavailable, "chưa sẵn sàng: \(pending.count) bước cập nhật lược đồ chưa chạy (\(pending.joined(separator: ", ")))\n")
            }
            return plain(.ok, "ok\n")
        } catch {
            req.logger.warning("readyz: cơ sở dữ liệu không trả lời: \(error)")
            return plain(.serviceUnavailable, "chưa sẵn sàng: cơ sở dữ liệu không trả lời\n")
        }
    }

    static func plain(_ status: HTTPResponseStatus, _ text: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.cacheControl = .init(noStore: true)
        return Response(status: status, headers: headers, body: .init(string: text))
    }
}
