import TiendoCore

extension AuthPages {
    /// The sign-in form and the account page; what they show is the request's own (who is signed in, where next).
    enum View {
        static func login(next: String, username: String, token: String, error: String?, _ c: PageContext) -> [Markup] {
            [
                error.map { el("p", [("class", "error"), ("role", "alert")], text: $0) } ?? .empty,
                el("form", [("method", "post"), ("action", SiteURL.signIn.path)], [
                    void("input", [("type", "hidden"), ("name", "next"), ("value", next)]),
                    void("input", [("type", "hidden"), ("name", "csrf_token"), ("value", token)]),
                    field(c.t("Tên đăng nhập"), name: "username", value: username.isEmpty ? nil : username, required: true, attributes: [("autocomplete", "username")]),
                    field(c.t("Mật khẩu"), name: "password", type: "password", required: true, attributes: [("autocomplete", "current-password")]),
                    el("button", [("type", "submit")], text: c.t("Đăng nhập")),
                ]),
            ]
        }

        static func account(_ principal: Principal, ended: [Principal.EndedScope] = [], message: (String, String)?,
                            notices: NoticeForm, mailOn: Bool, _ c: PageContext) -> [Markup] {
            [
                message.map { el("p", [("class", $0.0), ("role", "status")], text: $0.1) } ?? .empty,
                el("dl", [("class", "facts")], [
                    el("dt", [], text: c.t("Tên đăng nhập")), el("dd", [], text: principal.username),
                    el("dt", [], text: c.t("Vai trò")),
                    el("dd", [], text: principal.grants.map { "\($0.role.vietnamese)\($0.scope == nil ? "" : " — " + $0.scopeDescription)" }.joined(separator: "; ")),
                ]),
            ] + ended.map { ended in
                let (unit, successors) = (ended.unit, ended.successors)
                return el("p", [("class", "notice"), ("role", "note")], text: "\(unit.name) (\(unit.code)) " + c.t("đã kết thúc ngày") + " \(unit.validTo?.vietnamese ?? "")"
                    + (successors.isEmpty ? ". " + c.t("Cấp này không còn: tài khoản vẫn xem được số liệu cũ.")
                       : "; " + c.t("đơn vị kế tiếp") + ": " + successors.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
                         + ". " + c.t("Quản trị viên xác nhận đơn vị mới cho tài khoản tại Quản trị › Thay đổi địa giới và cơ quan.")))
            } + [
                el("h2", [], text: c.t("Đổi mật khẩu")),
                el("form", [("method", "post"), ("action", SiteURL.changePassword.path)], [
                    c.csrfField,
                    field(c.t("Mật khẩu hiện tại"), name: "current", type: "password", required: true, attributes: [("autocomplete", "current-password")]),
                    field(c.t("Mật khẩu mới"), name: "new", type: "password", required: true,
                          attributes: [("autocomplete", "new-password"), ("minlength", String(LoginPolicy.standard.minimumPasswordLength))]),
                    el("button", [("type", "submit")], text: c.t("Lưu")),
                ]),
                el("h2", [("id", "thong-bao")], text: c.t("Nhận thông báo")),
                el("p", [], text: c.t("Nhắc hạn, quá hạn và số liệu bị trả lại luôn có trong mục Thông báo. Có địa chỉ thư, Tiến độ gửi thêm một thư tổng hợp, không gửi từng tin.")
                   + (mailOn ? "" : " " + c.t("Máy chủ này chưa cấu hình gửi thư; địa chỉ được lưu để dùng khi có."))),
                el("form", [("method", "post"), ("action", SiteURL.noticePreferences.path)], [
                    c.csrfField,
                    field(c.t("Địa chỉ thư điện tử (để trống: chỉ nhận trong Tiến độ)"), name: "email", type: "email", value: notices.email,
                          attributes: [("autocomplete", "email"), ("maxlength", "254")]),
                    select(c.t("Thư tổng hợp"), name: "digest", options: NoticePreferences.Frequency.allCases.map { ($0.rawValue, c.t($0.vietnamese)) },
                           selected: notices.digest),
                    el("div", [("class", "field")], [
                        void("input", [("id", "f-urgent"), ("name", "urgent"), ("type", "checkbox"), ("value", "1"), ("checked", notices.urgent != nil ? "checked" : nil)]),
                        el("label", [("for", "f-urgent")], text: c.t("Gửi ngay việc gấp (hạn hôm nay hoặc ngày mai, số liệu bị trả lại)")),
                    ]),
                    el("button", [("type", "submit")], text: c.t("Lưu cách nhận thông báo")),
                ]),
            ]
        }
    }
}
