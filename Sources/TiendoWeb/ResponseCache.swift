import Crypto
import Foundation
import NIOConcurrencyHelpers
import TiendoCore
import TiendoStore
import Vapor

/// Whole answers to GET requests, kept while nothing changed: every write appends to the audit log, so its head
/// (one indexed read per request, shared by every instance on the database) names the state of the data. A page is
/// kept per address, cookies, bearer token, language, day, unread count and signed-in user (`key`), so a signed-in
/// page (which carries the session's anti-forgery token) is never served to anyone else; each page has an ETag and a
/// client that has it gets 304 without a body. A signed-out visitor's redirect to the sign-in page is kept too.
/// Pages with side effects or data the audit log does not cover are never kept. Kept answers are mostly given by
/// `Front`, before this middleware.
struct ResponseCache: AsyncMiddleware {
    /// Paths whose GET changes something or shows what is not audited (the inbox marks read; the administrators'
    /// pages show mails and runs; probes and metrics are live).
    static let excluded = ["/thong-bao", "/quan-tri", "/metrics", "/healthz", "/readyz", "/static/", "/dang-nhap", "/dang-xuat", "/api/v1/session"]
    static let maxEntries = 512, maxBytes = 64 << 20, maxBody = 4 << 20

    final class Store: Sendable {
        struct Entry: Sendable {
            var status: HTTPResponseStatus = .ok
            var headers: HTTPHeaders
            var body: ByteBuffer
            /// The body gzip-compressed once, for the clients that accept it (nearly all).
            var gzipped: ByteBuffer?
            var etag: String

            var size: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) }
        }
        private let state = NIOLockedValueBox<(entries: [String: Entry], order: [String], bytes: Int)>(([:], [], 0))

        func get(_ key: String) -> Entry? { state.withLockedValue { $0.entries[key] } }

        func put(_ key: String, _ entry: Entry) {
            state.withLockedValue { state in
                if let old = state.entries.updateValue(entry, forKey: key) {
                    state.bytes -= old.size
                } else {
                    state.order.append(key)
                }
                state.bytes += entry.size
                while state.order.count > ResponseCache.maxEntries || state.bytes > ResponseCache.maxBytes, !state.order.isEmpty {
                    let oldest = state.order.removeFirst()
                    if let gone = state.entries.removeValue(forKey: oldest) { state.bytes -= gone.size }
                }
            }
        }
    }

    let store = Store()
    let inFlight = InFlight()

    /// The kept pages answered on the event loop, as the first middleware: when the database is a SQLite file, the
    /// head (and a session) is read there and then (`SQLiteQuickReads`) and a kept page goes out without a task
    /// being started or a thread being changed. Anything else (a miss, a token, a busy database, PostgreSQL) goes on
    /// down the chain to `ResponseCache` itself, which reads the same state through the pool.
    struct Front: Middleware {
        let cache: ResponseCache

        func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
            if let response = cache.quickAnswer(request) { return request.eventLoop.makeSucceededFuture(response) }
            if let answer = cache.sharedAnswer(request, next: next) { return answer }
            return next.respond(to: request)
        }
    }

    var front: Front { Front(cache: self) }

    /// A kept page for `request` when it can be told on this thread that nothing changed since it was kept.
    func quickAnswer(_ request: Request) -> Response? {
        guard request.method == .GET, request.headers[.authorization].isEmpty, let reads = request.application.quickReads,
              Self.keeps(request.url.path) else { return nil }
        let key: String
        if let cookie = request.cookies[Authentication.cookieName]?.string {
            guard case let .live(session) = reads.sessionState(cookie: cookie) else { return nil }
            key = Self.key(request, head: session.auditHead, unread: session.unread, username: session.username)
        } else {
            guard let head = reads.auditHead() else { return nil }
            key = Self.key(request, head: head, unread: 0, username: nil)
        }
        guard let entry = store.get(key) else { return nil }
        let response = Self.answer(request, entry)
        SecurityHeaders.add(to: response, for: request)
        return response
    }

    /// On PostgreSQL, a kept page after reads shared with the requests asking at the same time (`SharedReads`): the
    /// head, or the session that carries it; still on the event loop. A miss goes on down the chain.
    func sharedAnswer(_ request: Request, next: any Responder) -> EventLoopFuture<Response>? {
        guard request.method == .GET, request.headers[.authorization].isEmpty, let reads = request.application.sharedReads,
              Self.keeps(request.url.path) else { return nil }
        let key: EventLoopFuture<String?>
        if let cookie = request.cookies[Authentication.cookieName]?.string {
            key = reads.sessions.value(of: AuditLog.hash(cookie), on: request.eventLoop).map { session in
                session.map { Self.key(request, head: $0.auditHead, unread: $0.unread, username: $0.username) }
            }
        } else {
            key = reads.heads.head(on: request.eventLoop).map { head in
                request.knownAuditHead = head
                return Self.key(request, head: head, unread: 0, username: nil)
            }
        }
        // A failed read is left to the chain, which reads again and answers as it does for any database error.
        return key.recover { _ in nil }.flatMap { key in
            guard let key, let entry = self.store.get(key) else { return next.respond(to: request) }
            let response = Self.answer(request, entry)
            SecurityHeaders.add(to: response, for: request)
            return request.eventLoop.makeSucceededFuture(response)
        }
    }

    /// Pages being rendered, by key. After a write every connection misses at once; one renders the page and the
    /// others wait for its answer instead of rendering the same page side by side on the same cores.
    final class InFlight: Sendable {
        enum Turn { case lead, waited(Store.Entry?) }
        private let waiting = NIOLockedValueBox<[String: [CheckedContinuation<Store.Entry?, Never>]]>([:])

        /// `.lead` to the first asking for `key` (it must call `finish`); the others wait and get what it kept.
        func turn(_ key: String) async -> Turn {
            let leads = waiting.withLockedValue { waiting -> Bool in
                guard waiting[key] == nil else { return false }
                waiting[key] = []
                return true
            }
            if leads { return .lead }
            return .waited(await withCheckedContinuation { continuation in
                let queued = waiting.withLockedValue { waiting -> Bool in
                    guard waiting[key] != nil else { return false }
                    waiting[key]!.append(continuation)
                    return true
                }
                if !queued { continuation.resume(returning: nil) }   // finished meanwhile: render it yourself
            })
        }

        func finish(_ key: String, _ entry: Store.Entry?) {
            for continuation in waiting.withLockedValue({ $0.removeValue(forKey: key) ?? [] }) { continuation.resume(returning: entry) }
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, Self.keeps(request.url.path) else { return try await next.respond(to: request) }
        let head = try await request.auditHead()
        let key = Self.key(request, head: head, unread: request.unreadMessages, username: request.caller?.principal.username)
        if let hit = store.get(key) { return Self.answer(request, hit) }
        switch await inFlight.turn(key) {
        case let .waited(entry?):
            return Self.answer(request, entry)
        case .waited(nil):
            return try await next.respond(to: request)       // the first one's answer could not be kept
        case .lead:
            do {
                let (response, entry) = try await render(request, head: head, next: next)
                inFlight.finish(key, entry)
                if let entry {
                    store.put(key, entry)
                    return Self.answer(request, entry)
                }
                return response
            } catch {
                inFlight.finish(key, nil)
                throw error
            }
        }
    }

    /// Whether answers to GETs of `path` may be kept.
    static func keeps(_ path: String) -> Bool {
        !excluded.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// What a kept answer is filed under: everything the page was rendered from besides the data (address, cookies,
    /// token, language, day), the data's state (`head`), the unread count its header shows, and who was signed in
    /// (a session that has expired since sees the signed-out page, not the one kept for it).
    static func key(_ request: Request, head: Int, unread: Int, username: String?) -> String {
        [request.url.string, request.headers[.cookie].joined(separator: ";"), request.headers[.authorization].joined(),
         request.headers[.acceptLanguage].joined(), request.application.today.iso, String(head), String(unread), username ?? ""]
            .joined(separator: "\u{1}")
    }

    /// The page rendered, and what to keep of it: nil when it must not be kept.
    private func render(_ request: Request, head: Int, next: any AsyncResponder) async throws -> (Response, Store.Entry?) {
        let response = try await next.respond(to: request)
        // (A redirect's body is none at all, which is kept as empty bytes.)
        guard response.headers[.setCookie].isEmpty, let body = response.body.buffer ?? (response.body.count == 0 ? ByteBuffer() : nil),
              body.readableBytes <= Self.maxBody else { return (response, nil) }
        // A page or a document of the API; or the way to the sign-in page that every page but the public ones sends
        // a signed-out visitor (it carries nothing but its address).
        let type = response.headers.contentType
        let page = response.status == .ok && (type?.subType == "html" || type?.subType == "json")
        let toSignIn = response.status == .seeOther && response.headers.first(name: .location)?.hasPrefix(SiteURL.signIn.path + "?") == true
        guard page || toSignIn else { return (response, nil) }
        // Still the same state after rendering: a write that landed meanwhile must not be kept under the old head.
        guard try await AuditLog.headSeq(on: request.db) == head else { return (response, nil) }
        let bytes = Data(body.readableBytesView)
        let digest = SHA256.hash(data: bytes).prefix(12).hexDigits
        let gzipped = bytes.count > 1024 ? (try? Gzip.compress(bytes)).map { ByteBuffer(data: $0) } : nil
        return (response, Store.Entry(status: response.status, headers: response.headers, body: body, gzipped: gzipped, etag: "\"\(digest)\""))
    }

    static func answer(_ request: Request, _ entry: Store.Entry) -> Response {
        guard entry.status == .ok else { return Response(status: entry.status, headers: entry.headers, body: .init(buffer: entry.body)) }
        var headers = entry.headers
        headers.replaceOrAdd(name: .eTag, value: entry.etag)
        if request.headers[.ifNoneMatch].contains(where: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(entry.etag) }) {
            headers.remove(name: .contentLength)
            return Response(status: .notModified, headers: headers)
        }
        headers.add(name: .vary, value: "Accept-Encoding")
        if let gzipped = entry.gzipped, acceptsGzip(request) {
            headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
            headers.responseCompression = .disable
            return Response(status: .ok, headers: headers, body: .init(buffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: entry.body))
    }

    /// "gzip" among the accepted encodings, and not refused with q=0.
    static func acceptsGzip(_ request: Request) -> Bool {
        request.headers[.acceptEncoding].flatMap { $0.split(separator: ",") }.contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return pieces.first == "gzip" && !pieces.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" || $0 == "q=0.0" }
        }
    }
}
