import Foundation
import TiendoCore
import TiendoStore
import Vapor

/// Thông báo: the signed-in person's inbox, newest first; opening it marks everything read.
enum InboxPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        var c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let inbox = Inbox(req.db)
        let messages = try await inbox.messages(principal.username)
        try await inbox.markAllRead(principal.username)
        c.unread = 0
        let body: [Markup] = messages.isEmpty ? [el("p", [], text: c.t("Chưa có thông báo nào."))] : [
            table(caption: c.t("Thông báo"), headers: [c.t("Ngày"), c.t("Loại"), c.t("Nội dung")], rows: messages.map { m in
                [.text(m.day.vietnamese + (m.read ? "" : " · " + c.t("mới"))), .text(TiendoCore.Notice.Kind(rawValue: m.kind)?.vietnamese ?? m.kind),
                 link(RedirectTarget.path(m.link), m.text)]
            }),
        ]
        return Layout.render(c, title: c.t("Thông báo"), body)
    }
}
