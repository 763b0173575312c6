import NIOConcurrencyHelpers
import TiendoCore
import TiendoStore
import Vapor

/// Who is calling: from a bearer token or a session cookie. Requests from a session that change something
/// must also carry the session's CSRF token (header X-CSRF-Token or form field csrf_token).
struct Authentication: AsyncMiddleware {
    static let cookieName = "tiendo_session"
    /// The largest form a browser may post: an evidence file or an Excel template with room to spare.
    static let maxFormBytes = 16 << 20


    /// Accounts and their grants as last read, per audit head.
    let principals = PrincipalCache()

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let credentials = Credentials(request.db)
        if let bearer = request.headers.bearerAuthorization {
            guard let principal = try await credentials.principal(token: bearer.token) else {
                throw AppError.unauthenticated("Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
            }
            request.caller = SignedCaller(principal: principal, csrfToken: nil)
            // A page opened with a token (not the API) shows the unread count in its header too.
            if request.method == .GET, !request.url.path.hasPrefix("/api/") {
                request.unreadMessages = try await Inbox(request.db).unread(principal.username)
            }
        } else if let cookie = request.cookies[Authentication.cookieName]?.string,
                  let session = try await sessionState(cookie, request: request, credentials: credentials),
                  let principal = try await principals.principal(session.username, head: session.auditHead, read: {
                      try await credentials.principal(of: session.username)
                  }) {
            // One statement gave the session, the head and the unread count: a read reads none of them again. (A
            // write reads the head afresh after it has written, so what it shows next is the new state.)
            if request.method == .GET || request.method == .HEAD { request.knownAuditHead = session.auditHead }
            request.unreadMessages = session.unread
            let caller = SignedCaller(principal: principal, csrfToken: session.csrfToken)
            if [.GET, .HEAD, .OPTIONS].contains(request.method) || request.url.path == "/login" {
                request.caller = caller
            } else if let sent = request.headers.first(name: "X-CSRF-Token") {
                guard sent == session.csrfToken else { throw AppError.csrfRefused }
                request.caller = caller
            } else {
                // A form carries its token in its body, which only its route reads, within its own size limit
                // (`RoutesBuilder.form`). Until then the request is not signed in: a route that never checks stays closed.
                request.pendingCaller = caller
            }
        }
        try await request.markEndedGrants()
        return try await next.respond(to: request)
    }

    /// The session behind `cookie`, through the reads shared with other requests when there are (PostgreSQL).
    private func sessionState(_ cookie: String, request: Request, credentials: Credentials) async throws -> SessionState? {
        guard let reads = request.application.sharedReads else { return try await credentials.sessionState(cookie: cookie) }
        return try await reads.sessions.value(of: AuditLog.hash(cookie), on: request.eventLoop).get()
    }
}

/// Principals by username, each good while the audit head it was read at is current: accounts and grants change
/// only through audited writes, so a newer head is the only reason to read one again.
final class PrincipalCache: Sendable {
    static let maxEntries = 20_000
    private let box = NIOLockedValueBox<[String: (head: Int, principal: Principal)]>([:])

    func principal(_ username: String, head: Int, read: () async throws -> Principal?) async throws -> Principal? {
        if let kept = box.withLockedValue({ $0[username] }), kept.head == head { return kept.principal }
        guard let principal = try await read() else { return nil }
        box.withLockedValue { entries in
            if entries.count >= Self.maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[username] = (head, principal)
        }
        return principal
    }
}

extension Request {
    /// A unit officer's grants whose unit ended before today are marked: they read, they no longer write.
    func markEndedGrants() async throws {
        for keyPath in [\Request.caller, \Request.pendingCaller] {
            guard var signed = self[keyPath: keyPath],
                  signed.principal.hasUnitScope else { continue }
            let units = try await currentUnits()
            signed.principal = signed.principal.inMap(units, on: application.today)
            self[keyPath: keyPath] = signed
        }
    }
}

extension Request {
    private struct UnreadKey: StorageKey { typealias Value = Int }

    /// The signed-in person's unread messages, read once by `Authentication` for a page.
    var unreadMessages: Int {
        get { storage[UnreadKey.self] ?? 0 }
        set { storage[UnreadKey.self] = newValue }
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
    private struct PendingCallerKey: StorageKey { typealias Value = SignedCaller }

    var caller: SignedCaller? {
        get { storage[CallerKey.self] }
        set { storage[CallerKey.self] = newValue }
    }

    /// A session's caller whose form token is still to be checked by the route, once it has read the body.
    var pendingCaller: SignedCaller? {
        get { storage[PendingCallerKey.self] }
        set { storage[PendingCallerKey.self] = newValue }
    }

    /// Once the route has read the body: a session's form write is signed in when its `csrf_token` field matches.
    func confirmFormToken() throws {
        guard caller == nil, pendingCaller != nil else { return }
        try confirmFormToken(sent: try? content.get(String.self, at: "csrf_token"))
    }

    /// The same for a form the route read itself (a streamed upload): `sent` is its `csrf_token` field.
    func confirmFormToken(sent: String?) throws {
        guard caller == nil, let pending = pendingCaller else { return }
        guard let sent, sent == pending.csrfToken else { throw AppError.csrfRefused }
        caller = pending
        pendingCaller = nil
    }

    /// The signed-in user, or 401 (403 when a session's write came without its CSRF token).
    func principal() throws -> Principal {
        try confirmFormToken()
        guard let caller else {
            throw AppError.unauthenticated("Cần đăng nhập (cookie phiên) hoặc mã truy cập (Authorization: Bearer …).")
        }
        return caller.principal
    }

    /// Where the request came from, as the audit log and the sign-in throttle count it: the peer's address, or behind
    /// a proxy listed in TRUSTED_PROXIES (comma-separated addresses) the nearest X-Forwarded-For entry that is not one.
    var clientAddress: String {
        TrustedProxies.client(peer: remoteAddress?.ipAddress ?? "không rõ", forwardedFor: headers[.xForwardedFor])
    }

    var actor: Actor { Actor(username: caller?.principal.username ?? "ẩn danh", address: clientAddress) }
}

extension RoutesBuilder {
    /// A form post from a page: the body is collected up to `maxBytes` (this route's own limit), then a session's
    /// CSRF token is checked in the form before `handler` runs and sees the caller.
    @discardableResult
    func form(_ path: SiteURL, maxBytes: Int = Authentication.maxFormBytes,
              use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        on(.POST, path.pattern, body: .collect(maxSize: ByteCount(value: maxBytes))) { req async throws -> Response in
            try req.confirmFormToken()
            return try await handler(req)
        }
    }
}

extension AppError {
    /// A session's write without its form token: refused whatever else it carries.
    static let csrfRefused = AppError.forbidden("Thiếu hoặc sai mã chống giả mạo (CSRF). Tải lại trang rồi gửi lại.")
}

/// The reverse proxies whose X-Forwarded-For is believed, from TRUSTED_PROXIES; none by default, so a client cannot
/// pick its own address.
enum TrustedProxies {
    static let addresses: Set<String> = Set((ProcessInfo.processInfo.environment["TRUSTED_PROXIES"] ?? "")
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })

    /// The client behind `peer`: the peer itself unless it is a trusted proxy, else the nearest forwarded address
    /// that is not one (entries further left were written by the client and prove nothing).
    static func client(peer: String, forwardedFor: [String], trusted: Set<String> = addresses) -> String {
        guard trusted.contains(peer) else { return peer }
        let forwarded = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.reversed().first { !$0.isEmpty && !trusted.contains($0) } ?? peer
    }
}
