import Vapor

/// Headers on every response: no inline script, no framing, no sniffing; over HTTPS, HTTPS only from then on (HSTS).
struct SecurityHeaders: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        Self.add(to: response, for: request)
        return response
    }

    /// Sets the headers on `response` (also on a kept page answered before this middleware, `ResponseCache.Front`).
    static func add(to response: Response, for request: Request) {
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
            value: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        // The id every log line of this request carries ("request-id"), so a reported problem can be found in the log.
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        if request.isSecure {
            response.headers.replaceOrAdd(name: .strictTransportSecurity, value: "max-age=31536000")
        }
    }
}
