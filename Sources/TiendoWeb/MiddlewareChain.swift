import Vapor

/// The middlewares every request passes, run as one link in Vapor's chain.
///
/// Vapor starts a task and waits on a future for each `AsyncMiddleware` it chains: five of them cost a kept page
/// five tasks and as many hops between threads, most of its time on this 2-core machine. Chained here, they call
/// each other directly and a request starts one task (two when its route runs).
struct MiddlewareChain: AsyncMiddleware {
    let middlewares: [any AsyncMiddleware]

    init(_ middlewares: [any AsyncMiddleware]) { self.middlewares = middlewares }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await middlewares.reversed().reduce(next) { rest, middleware in Link(middleware: middleware, next: rest) }
            .respond(to: request)
    }

    /// One middleware with the rest of the chain after it.
    private struct Link: AsyncResponder {
        let middleware: any AsyncMiddleware
        let next: any AsyncResponder

        func respond(to request: Request) async throws -> Response {
            try await middleware.respond(to: request, chainingTo: next)
        }
    }
}
