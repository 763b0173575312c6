import TiendoStore
import Vapor

/// Login CSRF: a page of another site must not sign a visitor's browser in to the attacker's account (the visitor
/// would then type figures into it). The sign-in form carries a token equal to one in a cookie set with the form,
/// which another site can neither read nor set; and a post whose Origin is another site is refused outright,
/// on the form and on `POST /login` alike.
enum SignInToken {
    static let cookieName = "tiendo_dang_nhap"

    /// The browser's current token, if it sent a well-formed one.
    static func current(_ req: Request) -> String? {
        guard let token = req.cookies[cookieName]?.string, isWellFormed(token) else { return nil }
        return token
    }

    static func fresh() -> String { Credentials.randomToken() }

    /// Sets (or renews for a day) the cookie holding `token`, readable by the sign-in page only.
    static func set(_ token: String, on response: Response, _ req: Request) {
        response.cookies[cookieName] = HTTPCookies.Value(string: token, maxAge: 86_400, path: SiteURL.signIn.path,
                                                         isSecure: req.isSecure, isHTTPOnly: true, sameSite: .strict)
    }

    /// Whether a sign-in post came from our own form: same site, and the form's token equals the cookie's.
    static func check(_ req: Request, sent: String?) -> Bool {
        guard !req.comesFromAnotherSite, let sent, let cookie = current(req) else { return false }
        return sent == cookie
    }

    static func isWellFormed(_ token: String) -> Bool {
        (20...64).contains(token.utf8.count) && token.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}

extension Request {
    /// A browser's post made by a page of another site (Fetch metadata, else an Origin naming another host).
    var comesFromAnotherSite: Bool {
        if let site = headers.first(name: "Sec-Fetch-Site") { return site == "cross-site" }
        guard let origin = headers.first(name: .origin) else { return false }
        guard let host = headers.first(name: .host), let originHost = URL(string: origin)?.host else { return true }
        let port = URL(string: origin)?.port.map { ":\($0)" } ?? ""
        return (originHost + port).lowercased() != host.lowercased()
    }

    /// Whether the browser reached us over TLS, directly or through a proxy that says so.
    var isSecure: Bool { url.scheme == "https" || headers.first(name: "X-Forwarded-Proto") == "https" }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool { (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self) }
}
