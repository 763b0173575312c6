import TiendoCore

extension AdminPage {
    /// Renders users, tokens and the filtered audit log.
    enum View {
        static func body(_ model: Model, _ c: PageContext) -> [Markup] {
            let f = model.filters
            return [
                el("p", [], [link(SiteURL.mapAdmin.path, c.t("Thay đổi địa giới và cơ quan: cơ quan đổi tên, hợp nhất; tỷ lệ chia số liệu của đơn vị bị chia tách"))]),
                el("p", [], [link(SiteURL.reminderAdmin.path, c.t("Nhắc hạn và thư: quy tắc nhắc, báo cấp trên; thư chưa gửi được; các lần chạy"))]),
                el("h2", [], text: c.t("Người dùng")),
                table(caption: c.t("Người dùng"), headers: [c.t("Tên đăng nhập"), c.t("Vai trò"), c.t("Trạng thái")], rows: model.users.map { u in
                    [.text(u.user), .text(u.grants.map { "\($0.role.rawValue)\($0.scope == nil ? "" : " " + $0.scopeDescription)" }.joined(separator: "; ")),
                     .text(u.locked ? c.t("Bị khóa") : "")]
                }),
                el("h2", [], text: c.t("Mã truy cập")),
                table(caption: c.t("Mã truy cập"), headers: [c.t("Mã"), c.t("Tên đăng nhập"), c.t("Hạn"), c.t("Trạng thái")], rows: model.tokens.map { t in
                    [.text(t.id), .text(t.username), .text(t.expiresOn ?? "—"), .text(t.revoked ? c.t("Đã thu hồi") : c.t("Còn hiệu lực"))]
                }),
                el("h2", [], text: c.t("Nhật ký thay đổi")),
                el("form", [("method", "get"), ("action", SiteURL.admin.path), ("class", "filters")], [
                    select(c.t("Đối tượng"), name: "doi-tuong", options: [("", c.t("Tất cả"))] + AuditEntity.allCases.map { ($0.rawValue, $0.rawValue) },
                           selected: f.entity?.rawValue),
                    field(c.t("Người thực hiện"), name: "nguoi", value: f.user),
                    field(c.t("Từ ngày"), name: "tu-ngay", type: "date", value: f.since?.iso),
                    el("button", [("type", "submit")], text: c.t("Lọc")),
                ]),
                el("p", [("class", "muted")], text: "\(model.matching) mục; hiện 200 mục mới nhất."),
                table(caption: c.t("Nhật ký thay đổi"), headers: ["Số", c.t("Thời điểm"), c.t("Người thực hiện"), c.t("Đối tượng"), c.t("Trường"), c.t("Cũ"), c.t("Mới")],
                      rows: model.latest.map { e in
                    [.text(String(e.seq)), .text(Format.vietnamTime(e.at)), .text(e.actor + (e.address.map { " · \($0)" } ?? "")), .text("\(e.entity) \(e.entityId)"),
                     .text(e.field ?? ""), .text((e.oldValue ?? "").clipped(to: 80)), .text((e.newValue ?? "").clipped(to: 80))]
                }),
            ]
        }
    }
}
