import TiendoCore

extension MapAdminPage {
    /// The changes as a table, then (for an administrator) the forms to record one.
    enum View {
        static func body(_ m: Model, agencyForm f: AgencyForm?, sharesForm: [String: String], _ c: PageContext) -> [Markup] {
            var body: [Markup] = [el("h2", [], text: c.t("Cơ quan đổi tên, hợp nhất, chia tách"))]
            body.append(m.changes.isEmpty ? el("p", [("class", "muted")], text: c.t("Chưa ghi thay đổi nào."))
                        : table(caption: c.t("Thay đổi cơ quan"), headers: [c.t("Hiệu lực"), c.t("Thay đổi"), c.t("Cơ quan cũ"), c.t("Cơ quan mới"), c.t("Quyết định")],
                                rows: m.changes.map { ch in
                [.text(ch.effectiveOn.vietnamese), .text(ch.kind.vietnamese), .text(ch.from.joined(separator: " + ")), .text(ch.into.joined(separator: " + ")),
                 .text(ch.decision + (ch.decisionDate.map { " ngày \($0.vietnamese)" } ?? ""))]
            }))
            let agencyOptions = [("", "—")] + m.agencies.map { ($0, $0) }
            if m.canWrite {
                body.append(el("form", [("method", "post"), ("action", SiteURL.mapAdminAgency.path), ("class", "card")], [
                    c.csrfField,
                    el("h3", [], text: c.t("Ghi một thay đổi cơ quan")),
                    select(c.t("Loại thay đổi"), name: "kind", options: AgencyChange.Kind.allCases.map { ($0.rawValue, $0.vietnamese) }, selected: f?.kind),
                    select(c.t("Cơ quan cũ"), name: "from", options: agencyOptions, selected: f?.from),
                    select(c.t("Cơ quan cũ thứ hai (khi hợp nhất)"), name: "from2", options: agencyOptions, selected: f?.from2),
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-into")], text: c.t("Cơ quan mới (mỗi dòng một tên)")),
                        el("textarea", [("id", "f-into"), ("name", "into"), ("rows", "2"), ("maxlength", "1000")], text: f?.into ?? ""),
                    ]),
                    field(c.t("Ngày có hiệu lực"), name: "effectiveOn", type: "date", value: f?.effectiveOn, required: true),
                    field(c.t("Số quyết định"), name: "decision", value: f?.decision, required: true),
                    field(c.t("Ngày ký quyết định"), name: "decisionDate", type: "date", value: f?.decisionDate),
                    field(c.t("Ghi chú"), name: "note", value: f?.note),
                    el("button", [("type", "submit")], text: c.t("Ghi thay đổi")),
                ]))
            }
            body.append(el("h2", [("id", "tai-khoan")], text: c.t("Tài khoản có đơn vị đã kết thúc")))
            body.append(m.endedScopes.isEmpty ? el("p", [("class", "muted")], text: c.t("Không có."))
                        : table(caption: c.t("Tài khoản có đơn vị đã kết thúc"), headers: [c.t("Tài khoản"), c.t("Đơn vị cũ"), c.t("Kết thúc"), c.t("Đơn vị kế tiếp")],
                                rows: m.endedScopes.map { username, e in
                let action: Markup = e.successors.isEmpty ? .text(c.t("Không có (cấp huyện đã bỏ): chỉ còn xem lịch sử"))
                    : m.canWrite ? el("form", [("method", "post"), ("action", SiteURL.mapAdminAccount.path), ("class", "inline")], [
                        c.csrfField,
                        void("input", [("type", "hidden"), ("name", "username"), ("value", username)]),
                        void("input", [("type", "hidden"), ("name", "role"), ("value", e.grant.role.rawValue)]),
                        void("input", [("type", "hidden"), ("name", "from"), ("value", e.grant.scope ?? "")]),
                        el("select", [("name", "to"), ("aria-label", c.t("Đơn vị kế tiếp"))], e.successors.map { el("option", [("value", $0.code)], text: "\($0.name) (\($0.code))") }),
                        el("button", [("type", "submit")], text: c.t("Xác nhận")),
                    ])
                    : .text(e.successors.map(\.name).joined(separator: ", "))
                return [.text(username), .text("\(e.unit.name) (\(e.unit.code))"), .text(e.unit.validTo?.vietnamese ?? "—"), action]
            }))
            body.append(el("h2", [("id", "chia-tach")], text: c.t("Đơn vị bị chia tách: tỷ lệ phân chia số liệu")))
            body.append(el("p", [], text: c.t("Số liệu của một đơn vị bị chia cho nhiều đơn vị mới không cộng vào đơn vị nào (\"không phân bổ được\") cho đến khi có tỷ lệ; khi có, số liệu được chia theo tỷ lệ và ghi là ước tính.")))
            for split in m.splits {
                let given = Dictionary(split.shares.map { ($0.toCode, "\($0.numerator)/\($0.denominator)") }, uniquingKeysWith: { a, _ in a })
                let mine = sharesForm["unit"] == split.unit.versionKey
                var fields: [Markup] = [el("h3", [], text: "\(split.unit.name) (\(split.unit.code)) → " + split.successors.map(\.name).joined(separator: ", "))]
                fields.append(el("p", [("class", "muted")], text: split.shares.isEmpty ? c.t("Chưa có tỷ lệ: số liệu để riêng.")
                                 : "\(c.t("Tỷ lệ đang dùng")): " + split.shares.map { "\($0.toCode) \($0.numerator)/\($0.denominator)" }.joined(separator: "; ") + " (\(split.shares[0].source))"))
                if m.canWrite {
                    fields = [c.csrfField, void("input", [("type", "hidden"), ("name", "unit"), ("value", split.unit.versionKey)])] + fields
                    fields += split.successors.map { s in
                        field("\(s.name) (\(s.code))", name: "share-\(s.code)", value: mine ? sharesForm["share-\(s.code)"] : given[s.code],
                              attributes: [("placeholder", "2/3"), ("inputmode", "numeric")])
                    }
                    fields.append(field(c.t("Nguồn của tỷ lệ"), name: "source", value: mine ? sharesForm["source"] : split.shares.first?.source, required: true))
                    fields.append(el("button", [("type", "submit")], text: c.t("Ghi tỷ lệ")))
                    body.append(el("form", [("method", "post"), ("action", SiteURL.mapAdminShares.path), ("class", "card")], fields))
                } else {
                    body.append(el("section", [("class", "card")], fields))
                }
            }
            return body
        }
    }
}
