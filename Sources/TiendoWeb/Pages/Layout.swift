import Plot
import TiendoCore
import Vapor

/// What every page needs to know about the request: who, in which language, and the form token.
struct PageContext: Sendable {
    var language: Language
    var principal: Principal?
    var csrfToken: String?
    var path: String
    var query: String?
    var isDemo: Bool
    /// The plan the page shows, known once the handler read it.
    var shownPlan: ShownPlan
    /// The line at the foot of every page: the plan's, or the installation's setting.
    var footer: String
    /// Unread messages of the signed-in person, shown beside "Thông báo".
    var unread: Int

    init(_ req: Request) {
        isDemo = req.application.isDemo
        shownPlan = req.shownPlan
        footer = req.application.profile?.footer ?? "Tiendo"
        let chosen = req.query[String.self, at: "lang"] ?? req.cookies["lang"]?.string
        language = Language(rawValue: chosen ?? "vi") ?? .vi
        principal = req.caller?.principal
        csrfToken = req.caller?.csrfToken
        unread = req.unreadMessages
        path = req.url.path
        query = req.url.query
    }

    func t(_ vietnamese: String) -> String { language.t(vietnamese) }

    /// The hidden field a GET form carries so the plan the reader chose survives the submit (a browser drops the
    /// action's own query).
    var planField: Markup {
        SiteURL.chosenPlan.map { void("input", [("type", "hidden"), ("name", PlanChoiceMiddleware.pageParameter), ("value", $0)]) } ?? .empty
    }

    /// The hidden field every form post carries.
    var csrfField: Markup {
        void("input", [("type", "hidden"), ("name", "csrf_token"), ("value", csrfToken ?? "")])
    }
}

/// The frame around every page: skip link, navigation, sign-in state, language switch.
enum Layout {
    static let sections: [(page: SiteURL, label: String)] = [
        (.home, "Tổng quan"), (.plan, "Kế hoạch"), (.tasks, "Nhiệm vụ"), (.units, "Đơn vị"), (.indicators, "Chỉ tiêu"), (.capital, "Nguồn vốn"), (.surveys, "Hộ gia đình"),
    ]

    static func render(_ context: PageContext, title: String, status: HTTPResponseStatus = .ok, _ body: [Markup]) -> Response {
        let signedIn = context.principal
        var nav = sections
        if signedIn != nil { nav = [(.myWork, "Việc của tôi")] + nav + [(.figures, "Số liệu"), (.reports, "Báo cáo"), (.inbox, "Thông báo")] }
        if let principal = signedIn, Policy.can(principal, .readAudit) { nav.append((.admin, "Quản trị")) }
        let navItems: [Markup] = nav.map { item in
            let bare = item.page.bare
            let current = bare == "/" ? context.path == "/" : context.path.hasPrefix(bare)
            let count = item.page == .inbox && context.unread > 0 ? " (\(context.unread))" : ""
            return el("li", [], [el("a", [("href", item.page.path), ("aria-current", current ? "page" : nil)], text: context.t(item.label) + count)])
        }
        // A plan other than the province's current one (named in the address, or the reader's own): say which, and how
        // to reach the others.
        let chosenPlan: Markup = context.shownPlan.value.flatMap { shown -> Markup? in
            guard shown.named || shown.current != nil else { return nil }
            let others: Markup = shown.named ? link(context.path, context.t("Về kế hoạch mặc định"))
                : link((context.path.hasPrefix(SiteURL.tasks.bare + "/") ? SiteURL.tasks.bare : context.path)
                       + "?\(PlanChoiceMiddleware.pageParameter)=\(Format.segment(shown.current ?? ""))", context.t("Kế hoạch của tỉnh"))
            return el("p", [("class", "plan-choice"), ("role", "note")], [
                .text(context.t("Đang xem") + " "), el("strong", [], text: "\(shown.plan.documentType) \(shown.plan.number)"),
                .text(" \(context.t("ngày")) \(shown.plan.issuedOn.vietnamese) \(context.t("của")) \(shown.plan.issuer) · "),
                others, .text(" · "), link(SiteURL.plan.bare + "#cac-ke-hoach", context.t("Các kế hoạch")),
            ])
        } ?? .empty
        let account: Markup = signedIn.map { principal in
            el("div", [("class", "account")], [
                link(SiteURL.account.path, principal.username),
                el("form", [("method", "post"), ("action", SiteURL.signOut.path), ("class", "inline")], [
                    context.csrfField,
                    el("button", [("type", "submit"), ("class", "link")], text: context.t("Đăng xuất")),
                ]),
            ])
        } ?? el("div", [("class", "account")], [link(SiteURL.signIn.with(["next": context.path]), context.t("Đăng nhập"))])
        let other: Language = context.language == .vi ? .en : .vi
        let switcher = el("a", [("href", SiteURL.language.with(["lang": other.rawValue, "next": context.path])), ("lang", other.rawValue),
                                ("class", "lang")], text: other == .en ? "English" : "Tiếng Việt")
        let html = HTML(
            .attribute(named: "lang", value: context.language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Tiendo"),
                .element(named: "link", attributes: [Attribute<HTML.HeadContext>(name: "rel", value: "stylesheet"),
                                                     Attribute(name: "href", value: StaticAssets.url("app.css"))]),
                .element(named: "script", nodes: [.attribute(named: "src", value: StaticAssets.url("app.js")),
                                                  .attribute(named: "defer")])
            ),
            .body(
                el("a", [("class", "skip"), ("href", "#main")], text: context.t("Bỏ qua, đến nội dung chính")),
                el("header", [("class", "top")], [
                    link("/", "Tiendo", class: "brand"),
                    el("nav", [("aria-label", context.t("Tổng quan"))], [el("ul", [], navItems)]),
                    account, switcher,
                ]),
                chosenPlan,
                context.isDemo ? el("p", [("class", "demo"), ("role", "note")],
                                    text: "Dữ liệu mô phỏng (tiendo demo load): không phải số liệu thật của tỉnh.") : .empty,
                el("main", [("id", "main")], [el("h1", [], text: title)] + body),
                el("footer", [], [el("p", [], text: context.footer)])
            )
        )
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return Response(status: status, headers: headers, body: .init(string: FreeText.displayable(html.render())))
    }
}

/// CSS and JS shipped inside the binary, served with long-lived caching; the URL carries a content hash.
enum StaticAssets {
    struct Asset: Sendable { var data: Data; var type: String; var hash: String }

    static let assets: [String: Asset] = {
        var result: [String: Asset] = [:]
        for (name, type) in [("app.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8")] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Public"),
                  let data = try? Data(contentsOf: url) else { continue }
            let hash = SHA256.hash(data: data).prefix(6).hexDigits
            result[name] = Asset(data: data, type: type, hash: hash)
        }
        return result
    }()

    static func url(_ name: String) -> String { "/static/\(name)?v=\(assets[name]?.hash ?? "0")" }

    @Sendable static func serve(_ req: Request) async throws -> Response {
        guard let name = req.parameters.get("file"), let asset = assets[name] else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: asset.type)
        headers.replaceOrAdd(name: .eTag, value: "\"\(asset.hash)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        if req.headers.first(name: .ifNoneMatch) == "\"\(asset.hash)\"" { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(data: asset.data))
    }
}
