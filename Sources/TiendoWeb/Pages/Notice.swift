import Plot

/// The outcome of a form as a page announces it: a status line, or an alert with the problems listed.
enum Notice {
    case ok(String), error(String)

    /// The outcome of a form as the page announces it (status or alert), with the problems listed.
    static func markup(_ message: Notice?, issues: [String] = []) -> [Markup] {
        var body: [Markup] = []
        switch message {
        case let .ok(text)?: body.append(el("p", [("class", "ok"), ("role", "status")], text: text))
        case let .error(text)?: body.append(el("p", [("class", "error"), ("role", "alert")], text: text))
        case nil: break
        }
        if !issues.isEmpty { body.append(el("ul", [("class", "error"), ("role", "alert")], issues.map { el("li", [], text: $0) })) }
        return body
    }
}
