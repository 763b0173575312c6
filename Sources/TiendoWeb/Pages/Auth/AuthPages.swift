import Foundation
import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Đăng nhập, đăng xuất, tài khoản, ngôn ngữ.
enum AuthPages {
    @Sendable static func loginForm(_ req: Request) async throws -> Response {
        renderLogin(req, error: nil, status: .ok)
    }

    /// The sign-in form, with the sign-in token (`SignInToken`) and whatever name was typed.
    static func renderLogin(_ req: Request, username: String = "", error: String?, status: HTTPResponseStatus) -> Response {
        let c = PageContext(req)
        let next = RedirectTarget.path(req.query[String.self, at: "next"] ?? (try? req.content.get(String.self, at: "next")))
        let token = SignInToken.current(req) ?? SignInToken.fresh()
        let page = Layout.render(c, title: c.t("Đăng nhập"), status: status, View.login(next: next, username: username, token: token, error: error, c))
        SignInToken.set(token, on: page, req)
        return page
    }

    struct LoginForm: Content { var username: String; var password: String; var next: String?; var csrf_token: String? }

    @Sendable static func login(_ req: Request) async throws -> Response {
        guard let form = try? req.content.decode(LoginForm.self) else {
            return renderLogin(req, error: "Nhập tên đăng nhập và mật khẩu.", status: .badRequest)
        }
        guard SignInToken.check(req, sent: form.csrf_token) else {
            return renderLogin(req, username: form.username, error: "Trang đăng nhập đã cũ hoặc được gửi từ trang khác. Nhập lại mật khẩu rồi bấm Đăng nhập.",
                               status: .forbidden)
        }
        do {
            let grant = try await SignIn(username: form.username, password: form.password, address: req.clientAddress,
                                         previousCookie: req.cookies[Authentication.cookieName]?.string).run(req.app())
            let response = req.redirect(to: RedirectTarget.path(form.next), redirectType: .normal)
            AccessAPI.setSessionCookie(response, grant, req)
            return response
        } catch let error as AppError {
            return renderLogin(req, username: form.username, error: error.description, status: error.status)
        }
    }

    @Sendable static func logout(_ req: Request) async throws -> Response {
        if let cookie = req.cookies[Authentication.cookieName]?.string, req.caller != nil {
            try await SignOut(cookie: cookie).run(req.app())
        }
        let response = req.redirect(to: .home)
        response.cookies[Authentication.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0),
                                                                        path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable static func account(_ req: Request) async throws -> Response {
        try await renderAccount(req, message: req.query[String.self, at: "da-doi"].map { ended in
            ("ok", "Đã đổi mật khẩu." + ((Int(ended) ?? 0) > 0 ? " \(ended) phiên đăng nhập khác của tài khoản đã kết thúc." : ""))
        } ?? (req.query[String.self, at: "da-luu"] == "thong-bao" ? ("ok", "Đã lưu cách nhận thông báo.") : nil))
    }

    static func renderAccount(_ req: Request, message: (String, String)?, status: HTTPResponseStatus = .ok,
                              typed: NoticeForm? = nil) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.account.path) }
        // A unit that ended with the map: say so, and which units an administrator can move the account to.
        let ended = principal.endedScopes(in: try await req.loadedPlan().directory.units, on: req.application.today)
        let stored = try await Outbox(req.db).preferences(principal.username)
        let notices = typed ?? NoticeForm(email: stored.email ?? "", digest: stored.frequency.rawValue, urgent: stored.urgentNow ? "1" : nil)
        return Layout.render(c, title: c.t("Tài khoản"), status: status,
                             View.account(principal, ended: ended, message: message, notices: notices, mailOn: MailCommand.fromEnvironment() != nil, c))
    }

    /// The "Nhận thông báo" form as typed: a refused one comes back with what was typed.
    struct NoticeForm: Content { var email: String; var digest: String; var urgent: String? }

    @Sendable static func noticePreferences(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.account.path) }
        let form = try req.content.decode(NoticeForm.self)
        do {
            guard let frequency = NoticePreferences.Frequency(rawValue: form.digest) else { throw AppError.invalid("Chọn mỗi ngày hoặc mỗi tuần.") }
            try await SaveNoticePreferences(username: principal.username, email: form.email, frequency: frequency, urgentNow: form.urgent != nil)
                .run(req.app(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .account, ["da-luu": "thong-bao"])
        } catch let error as AppError {
            return try await renderAccount(req, message: ("error", error.description), status: error.status, typed: form)
        }
    }

    struct PasswordForm: Content { var current: String; var new: String }

    @Sendable static func changePassword(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.account.path) }
        do {
            let form = try req.content.decode(PasswordForm.self)
            let ended = try await ChangePassword(current: form.current, new: form.new, session: req.cookies[Authentication.cookieName]?.string)
                .run(req.app(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .account, ["da-doi": String(ended)])
        } catch let error as AppError {
            return try await renderAccount(req, message: ("error", error.description), status: error.status)
        }
    }

    @Sendable static func language(_ req: Request) async throws -> Response {
        let lang = Language(rawValue: req.query[String.self, at: "lang"] ?? "vi") ?? .vi
        let response = req.redirect(to: RedirectTarget.path(req.query[String.self, at: "next"]), redirectType: .normal)
        response.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 365 * 86_400, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
