import TiendoCore
import TiendoStore

extension ReminderAdminPage {
    enum View {
        static func body(_ model: Model, typed: [String: String]?, _ c: PageContext) -> [Markup] {
            [
                el("p", [], text: c.t("Tiến độ nhắc mỗi đơn vị chưa gửi báo cáo trước hạn và đúng hạn, nhắc lại khi quá hạn, rồi báo cấp trên (xã → huyện; huyện, sở, ngành → Ban Dân tộc). Mỗi người nhận tối đa một thư tổng hợp mỗi ngày hoặc mỗi tuần.")),
                el("h2", [], text: c.t("Quy tắc")),
                el("form", [("method", "post"), ("action", SiteURL.reminderAdmin.path)], [
                    c.csrfField,
                    table(caption: c.t("Nhắc hạn theo báo cáo"), headers: [c.t("Báo cáo"), c.t("Hạn"), c.t("Quy tắc riêng"), c.t("Nhắc trước hạn (ngày)"),
                                                                            c.t("Nhắc đúng ngày hạn"), c.t("Nhắc lại sau hạn mỗi (ngày)"), c.t("Báo cấp trên sau (ngày quá hạn)")],
                          rows: model.rows.enumerated().map { i, row in
                              func value(_ key: String, _ stored: String) -> String { typed?["\(key)\(i)"] ?? (typed == nil ? stored : "") }
                              let checked: (String, Bool) -> String? = { key, stored in (typed.map { $0["\(key)\(i)"] != nil } ?? stored) ? "checked" : nil }
                              return [
                                  .group([void("input", [("type", "hidden"), ("name", "o\(i)"), ("value", row.obligation ?? "")]), .text(row.title)]),
                                  .text(row.due?.vietnamese ?? ""),
                                  row.obligation == nil ? .text(c.t("luôn có"))
                                      : void("input", [("type", "checkbox"), ("name", "rieng\(i)"), ("value", "1"), ("aria-label", c.t("Quy tắc riêng") + ": " + row.title),
                                                       ("checked", checked("rieng", row.own))]),
                                  void("input", [("name", "b\(i)"), ("value", value("b", row.rule.daysBefore.map(String.init).joined(separator: ", "))),
                                                 ("inputmode", "numeric"), ("size", "8"), ("aria-label", c.t("Nhắc trước hạn (ngày)") + ": " + row.title)]),
                                  void("input", [("type", "checkbox"), ("name", "d\(i)"), ("value", "1"), ("aria-label", c.t("Nhắc đúng ngày hạn") + ": " + row.title),
                                                 ("checked", checked("d", row.rule.onTheDay))]),
                                  void("input", [("name", "r\(i)"), ("value", value("r", String(row.rule.repeatEvery))), ("inputmode", "numeric"), ("size", "4"),
                                                 ("aria-label", c.t("Nhắc lại sau hạn mỗi (ngày)") + ": " + row.title)]),
                                  void("input", [("name", "e\(i)"), ("value", value("e", String(row.rule.escalateAfter))), ("inputmode", "numeric"), ("size", "4"),
                                                 ("aria-label", c.t("Báo cấp trên sau (ngày quá hạn)") + ": " + row.title)]),
                              ]
                          }),
                    field(c.t("Báo đơn vị chủ trì khi nhiệm vụ chưa cập nhật sau (ngày)"), name: "cham",
                          value: typed?["cham"] ?? String(model.staleTaskDays), attributes: [("inputmode", "numeric")]),
                    el("button", [("type", "submit")], text: c.t("Lưu quy tắc")),
                ]),
                el("h2", [("id", "thu")], text: c.t("Thư điện tử")),
                el("p", [], text: model.mailConfigured
                    ? "\(model.sent) " + c.t("thư đã gửi") + "; \(model.waiting.count) " + c.t("thư đang chờ hoặc đang thử lại.")
                    : c.t("Chưa đặt MAIL_COMMAND: thông báo chỉ vào mục Thông báo của từng người.")),
                model.waiting.isEmpty ? .empty : table(
                    caption: c.t("Thư chưa gửi được (thử lại tự động, lâu dần đến 12 giờ một lần)"),
                    headers: [c.t("Người nhận"), c.t("Địa chỉ"), c.t("Tiêu đề"), c.t("Số lần thử"), c.t("Thử lại lúc"), c.t("Lỗi gần nhất")],
                    rows: model.waiting.map { mail in
                        [.text(mail.username), .text(mail.address), .text(mail.subject), .text(String(mail.attempts)),
                         .text(Format.vietnamTime(mail.nextAttemptAt)), .text(mail.lastError ?? "")]
                    }),
                el("h2", [], text: c.t("Các lần chạy gần đây")),
                model.runs.isEmpty ? el("p", [], text: c.t("Chưa chạy lần nào.")) : table(
                    caption: c.t("Các lần chạy gần đây"),
                    headers: [c.t("Ngày"), c.t("Máy"), c.t("Bắt đầu"), c.t("Thông báo"), c.t("Tin mới"), c.t("Thư soạn"), c.t("Thư gửi"), c.t("Thư lỗi"), c.t("Kết quả")],
                    rows: model.runs.map { run in
                        [.text(run.day.vietnamese), .text(run.instance), .text(Format.vietnamTime(run.startedAt)), .text(String(run.notices)),
                         .text(String(run.delivered)), .text(String(run.queued)), .text(String(run.sent)), .text(String(run.failed)),
                         .text(run.outcome ?? c.t("đang chạy"))]
                    }),
            ]
        }
    }
}
