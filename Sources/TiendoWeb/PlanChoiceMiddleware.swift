import Vapor

/// Reads the plan a request names (`?ke-hoach=` on pages, `?plan=` in the API) and, for a page, keeps it in every
/// link, form and redirect the page builds (`SiteURL.chosenPlan`).
struct PlanChoiceMiddleware: AsyncMiddleware {
    static let pageParameter = "ke-hoach", apiParameter = "plan"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !request.url.path.hasPrefix("/api/"), let named = Self.named(request) else { return try await next.respond(to: request) }
        return try await SiteURL.$chosenPlan.withValue(named) { try await next.respond(to: request) }
    }

    /// The plan id the request names, if any (checked against the plans when it is read).
    static func named(_ request: Request) -> String? {
        guard let value = request.query[String.self, at: parameter(request)]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// `ke-hoach` on a page, `plan` in the API.
    static func parameter(_ request: Request) -> String {
        request.url.path.hasPrefix("/api/") ? apiParameter : pageParameter
    }
}
