import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Quản trị: users, roles, tokens and the audit log, for admins and Ban Dân tộc.
enum AdminPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.admin.path) }
        guard Policy.can(principal, .readAudit) else {
            return Layout.render(c, title: c.t("Quản trị"), status: .forbidden,
                                 [el("p", [("class", "error")], text: "Chỉ quản trị viên và Ban Dân tộc được xem trang này.")])
        }
        let entity = req.query[String.self, at: "doi-tuong"].flatMap(AuditEntity.init(rawValue:))
        let user = req.query[String.self, at: "nguoi"].flatMap { $0.isEmpty ? nil : $0 }
        let since = req.query[String.self, at: "tu-ngay"].flatMap(CivilDate.init(iso:))
        let users = try await Accounts(req.db).users()
        let tokens = try await Credentials(req.db).tokens()
        let entries = try await AuditLog.entries(on: req.db, entity: entity, user: user, since: since.map { "\($0.iso)T00:00:00" })
        let latest = entries.suffix(200).reversed()
        return Layout.render(c, title: c.t("Quản trị"), [
            el("h2", [], text: c.t("Người dùng")),
            table(caption: c.t("Người dùng"), headers: [c.t("Tên đăng nhập"), c.t("Vai trò"), c.t("Trạng thái")], rows: users.map { u in
                [.text(u.user), .text(u.grants.map { "\($0.role.rawValue)\($0.scope.map { " (\($0))" } ?? "")" }.joined(separator: "; ")),
                 .text(u.locked ? c.t("Bị khóa") : "")]
            }),
            el("h2", [], text: c.t("Mã truy cập")),
            table(caption: c.t("Mã truy cập"), headers: [c.t("Mã"), c.t("Tên đăng nhập"), c.t("Hạn"), c.t("Trạng thái")], rows: tokens.map { t in
                [.text(t.id), .text(t.username), .text(t.expiresOn ?? "—"), .text(t.revoked ? c.t("Đã thu hồi") : c.t("Còn hiệu lực"))]
            }),
            el("h2", [], text: c.t("Nhật ký thay đổi")),
            el("form", [("method", "get"), ("action", SiteURL.admin.path), ("class", "filters")], [
                select(c.t("Đối tượng"), name: "doi-tuong", options: [("", c.t("Tất cả"))] + AuditEntity.allCases.map { ($0.rawValue, $0.rawValue) },
                       selected: entity?.rawValue),
                field(c.t("Người thực hiện"), name: "nguoi", value: user),
                field(c.t("Từ ngày"), name: "tu-ngay", type: "date", value: since?.iso),
                el("button", [("type", "submit")], text: c.t("Lọc")),
            ]),
            el("p", [("class", "muted")], text: "\(entries.count) mục; hiện 200 mục mới nhất."),
            table(caption: c.t("Nhật ký thay đổi"), headers: ["Số", c.t("Thời điểm"), c.t("Người thực hiện"), c.t("Đối tượng"), c.t("Trường"), c.t("Cũ"), c.t("Mới")],
                  rows: latest.map { e in
                [.text(String(e.seq)), .text(e.at), .text(e.actor + (e.address.map { " · \($0)" } ?? "")), .text("\(e.entity) \(e.entityId)"),
                 .text(e.field ?? ""), .text((e.oldValue ?? "").clipped(to: 80)), .text((e.newValue ?? "").clipped(to: 80))]
            }),
        ])
    }
}

/// Đăng nhập, đăng xuất, tài khoản, ngôn ngữ.
enum AuthPages {
    @Sendable static func loginForm(_ req: Request) async throws -> Response {
        renderLogin(req, error: nil, status: .ok)
    }

    static func renderLogin(_ req: Request, error: String?, status: HTTPResponseStatus) -> Response {
        let c = PageContext(req)
        let next = Format.localPath(req.query[String.self, at: "next"] ?? (try? req.content.get(String.self, at: "next")))
        return Layout.render(c, title: c.t("Đăng nhập"), status: status, [
            error.map { el("p", [("class", "error"), ("role", "alert")], text: $0) } ?? .empty,
            el("form", [("method", "post"), ("action", SiteURL.signIn.path)], [
                void("input", [("type", "hidden"), ("name", "next"), ("value", next)]),
                field(c.t("Tên đăng nhập"), name: "username", required: true, attributes: [("autocomplete", "username")]),
                field(c.t("Mật khẩu"), name: "password", type: "password", required: true, attributes: [("autocomplete", "current-password")]),
                el("button", [("type", "submit")], text: c.t("Đăng nhập")),
            ]),
        ])
    }

    struct LoginForm: Content { var username: String; var password: String; var next: String? }

    @Sendable static func login(_ req: Request) async throws -> Response {
        guard let form = try? req.content.decode(LoginForm.self) else {
            return renderLogin(req, error: "Nhập tên đăng nhập và mật khẩu.", status: .badRequest)
        }
        do {
            let grant = try await SignIn(username: form.username, password: form.password, address: req.clientAddress,
                                         previousCookie: req.cookies[Authentication.cookieName]?.string).run(req.app())
            let response = req.redirect(to: Format.localPath(form.next), redirectType: .normal)
            AccessAPI.setSessionCookie(response, grant, req)
            return response
        } catch let error as AppError {
            return renderLogin(req, error: error.description, status: error.status)
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
        try await renderAccount(req, message: req.query[String.self, at: "da-doi"] != nil ? ("ok", "Đã đổi mật khẩu.") : nil)
    }

    static func renderAccount(_ req: Request, message: (String, String)?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.account.path) }
        return Layout.render(c, title: c.t("Tài khoản"), status: status, [
            message.map { el("p", [("class", $0.0), ("role", "status")], text: $0.1) } ?? .empty,
            el("dl", [("class", "facts")], [
                el("dt", [], text: c.t("Tên đăng nhập")), el("dd", [], text: principal.username),
                el("dt", [], text: c.t("Vai trò")),
                el("dd", [], text: principal.grants.map { "\($0.role.vietnamese)\($0.scope.map { " — \($0)" } ?? "")" }.joined(separator: "; ")),
            ]),
            el("h2", [], text: c.t("Đổi mật khẩu")),
            el("form", [("method", "post"), ("action", SiteURL.changePassword.path)], [
                c.csrfField,
                field(c.t("Mật khẩu hiện tại"), name: "current", type: "password", required: true, attributes: [("autocomplete", "current-password")]),
                field(c.t("Mật khẩu mới"), name: "new", type: "password", required: true,
                      attributes: [("autocomplete", "new-password"), ("minlength", String(LoginPolicy.standard.minimumPasswordLength))]),
                el("button", [("type", "submit")], text: c.t("Lưu")),
            ]),
        ])
    }

    struct PasswordForm: Content { var current: String; var new: String }

    @Sendable static func changePassword(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.account.path) }
        do {
            let form = try req.content.decode(PasswordForm.self)
            try await ChangePassword(current: form.current, new: form.new).run(req.app(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .account, ["da-doi": "1"])
        } catch let error as AppError {
            return try await renderAccount(req, message: ("error", error.description), status: error.status)
        }
    }

    @Sendable static func language(_ req: Request) async throws -> Response {
        let lang = Language(rawValue: req.query[String.self, at: "lang"] ?? "vi") ?? .vi
        let response = req.redirect(to: Format.localPath(req.query[String.self, at: "next"]), redirectType: .normal)
        response.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 365 * 86_400, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
