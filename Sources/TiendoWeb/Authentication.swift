import TiendoCore
import TiendoStore
import Vapor

/// Who is calling: from a bearer token or a session cookie. Requests from a session that change something
/// must also carry the session's CSRF token (header X-CSRF-Token or form field csrf_token).
struct Authentication: AsyncMiddleware {
    static let cookieName = "tiendo_session"
    /// The largest form a browser may post: an evidence file or an Excel template with room to spare.
    static let maxFormBytes = 16 << 20

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let credentials = Credentials(request.db)
        if let bearer = request.headers.bearerAuthorization {
            guard let principal = try await credentials.principal(token: bearer.token) else {
                throw AppError.unauthenticated("Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
            }
            request.caller = SignedCaller(principal: principal, csrfToken: nil)
        } else if let cookie = request.cookies[Authentication.cookieName]?.string,
                  let session = try await credentials.session(cookie: cookie) {
            request.caller = SignedCaller(principal: session.principal, csrfToken: session.csrfToken)
            if ![.GET, .HEAD, .OPTIONS].contains(request.method) && request.url.path != "/login" {
                var sent = request.headers.first(name: "X-CSRF-Token")
                if sent == nil {
                    // A form's token is in its body; a file upload arrives streamed, so gather it first.
                    let limit = request.url.path == "/ho-gia-dinh" ? SurveyPages.maxUploadBytes : Self.maxFormBytes
                    _ = try await request.body.collect(max: limit).get()
                    sent = try? request.content.get(String.self, at: "csrf_token")
                }
                guard let sent, sent == session.csrfToken else {
                    throw AppError.forbidden("Thiếu hoặc sai mã chống giả mạo (CSRF). Tải lại trang rồi gửi lại.")
                }
            }
        }
        return try await next.respond(to: request)
    }
}

/// The authenticated caller of a request.
struct SignedCaller: Sendable {
    var principal: Principal
    /// Set when the caller came with a session cookie.
    var csrfToken: String?
}

extension Request {
    private struct CallerKey: StorageKey { typealias Value = SignedCaller }

    var caller: SignedCaller? {
        get { storage[CallerKey.self] }
        set { storage[CallerKey.self] = newValue }
    }

    /// The signed-in user, or 401.
    func principal() throws -> Principal {
        guard let caller else {
            throw AppError.unauthenticated("Cần đăng nhập (cookie phiên) hoặc mã truy cập (Authorization: Bearer …).")
        }
        return caller.principal
    }

    /// Where the request came from, as the audit log records it.
    var clientAddress: String { remoteAddress?.ipAddress ?? "không rõ" }

    var actor: Actor { Actor(username: caller?.principal.username ?? "ẩn danh", address: clientAddress) }
}
