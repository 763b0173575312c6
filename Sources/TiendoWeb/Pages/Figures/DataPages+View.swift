import TiendoCore

extension DataPages {
    /// Renders the reporters' index, a reporter's form with its workflow buttons, and the Excel round trip.
    enum View {
        static func index(_ index: Index, _ c: PageContext) -> [Markup] {
            let rows: [[Markup]] = index.reporters.map { code, name in
                [.text(name)] + index.obligations.map { o in link(SiteURL.reporterFigures(obligation: o.id, reporter: code).with(["ky": o.period.code]), o.period.label) }
            }
            return [
                index.reporters.isEmpty ? el("p", [("class", "notice")], text: "Tài khoản này không nhập số liệu cho đơn vị nào.") : .empty,
                table(caption: "Nhập số liệu theo chế độ báo cáo", headers: ["Đơn vị báo cáo"] + index.obligations.map(\.name), rows: rows),
            ]
        }

        static func form(_ model: Model, _ c: PageContext, typed: [String: Typed] = [:], problems: [String: [String]] = [:]) -> [Markup] {
            let (submission, obligation, reporter, periodCode, editable) = (model.submission, model.obligation, model.reporter, model.period, model.editable)
            var body: [Markup] = [el("p", [], [.text("Kỳ: \(ReportingPeriod.parse(periodCode)?.label ?? periodCode) · Trạng thái: "),
                                               el("strong", [], text: submission.state.vietnamese)])]
            let tableRows: [Markup] = model.rows.enumerated().map { index, row in
                let key = "\(row.unit)|\(row.element.code)"
                let shown = typed[key] ?? Typed(value: model.current[key].map { Format.integer($0.value) } ?? "", comment: model.current[key]?.comment ?? "")
                let problem = problems[key].map { $0.joined(separator: " ") }
                return el("tr", [("class", problem == nil ? nil : "invalid")], [
                    el("td", [("data-label", "Chỉ tiêu")], [
                        el("label", [("for", "v\(index)")], text: row.element.name + (row.unit == submission.reporter ? "" : " — \(row.unitName)")),
                        void("input", [("type", "hidden"), ("name", "element[]"), ("value", row.element.code)]),
                        void("input", [("type", "hidden"), ("name", "unit[]"), ("value", row.unit)]),
                    ]),
                    el("td", [("data-label", "Đơn vị tính")], text: row.element.unit),
                    el("td", [("data-label", "Số liệu")], [void("input", [("id", "v\(index)"), ("name", "value[]"), ("inputmode", "numeric"),
                                                                          ("value", shown.value), ("readonly", editable ? nil : "readonly"),
                                                                          ("aria-invalid", problem == nil ? nil : "true"),
                                                                          ("aria-describedby", problem == nil ? nil : "e\(index)")]),
                                                          problem.map { el("p", [("id", "e\(index)"), ("class", "field-error")], text: $0) } ?? .empty]),
                    el("td", [("data-label", "Ghi chú")], [void("input", [("aria-label", "Ghi chú: \(row.element.name)"), ("name", "comment[]"),
                                                                          ("value", shown.comment), ("readonly", editable ? nil : "readonly")])]),
                ])
            }
            if model.rows.isEmpty {
                // Nothing to type: say what to do instead of offering an empty form and a Save button.
                body.append(el("p", [("class", "note")], text: "Báo cáo này không có số liệu nào để \(submission.reporter) nhập. "
                    + (model.steps.contains(.submit) ? "Khi báo cáo bằng văn bản đã xong, bấm “Gửi” bên dưới để báo đã nộp." : "Không cần làm gì trên trang này.")))
            } else {
            body.append(el("form", [("method", "post"), ("action", SiteURL.reporterFigures(obligation: obligation, reporter: reporter).path)], [
                c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
                    el("caption", text: "Số liệu \(submission.reporter)"),
                    el("thead", [], [el("tr", [], ["Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"].map { el("th", [("scope", "col")], text: $0) })]),
                    el("tbody", [], tableRows),
                ])]),
                editable ? el("button", [("type", "submit")], text: "Lưu") : .empty,
            ]))
            }
            body += excel(c, obligation: obligation, reporter: reporter, periodCode: periodCode,
                          isDistrict: model.who.level == .district, editable: editable || model.who.level == .district)
            let labels: [SubmissionAction: String] = [.submit: "Gửi", .approve: "Duyệt", .return: "Trả lại", .reopen: "Mở lại"]
            if !model.steps.isEmpty {
                body.append(el("form", [("method", "post"), ("action", SiteURL.figureStep(obligation: obligation, reporter: reporter).path)], [
                    c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                    field("Lý do (bắt buộc khi trả lại hoặc mở lại)", name: "comment"),
                ] + model.steps.map { action in el("button", [("type", "submit"), ("name", "action"), ("value", action.rawValue)], text: labels[action] ?? action.vietnamese) }))
            }
            return body
        }

        /// Download the pre-filled template; upload a filled one (no JavaScript needed); a district's grid of communes.
        static func excel(_ c: PageContext, obligation: String, reporter: String, periodCode: String, isDistrict: Bool, editable: Bool) -> [Markup] {
            let template = SiteURL.figureTemplate(obligation: obligation, reporter: reporter)
            var markup: [Markup] = [
                el("h2", [], text: "Nhập bằng Excel"),
                el("p", [], [link(template.with(["ky": periodCode]), isDistrict ? "Tải mẫu Excel (huyện và các xã)" : "Tải mẫu Excel", class: "button"),
                             .text(" Điền hai cột tô vàng rồi tải lên; tệp được kiểm tra toàn bộ và chỉ lưu khi không còn lỗi.")]),
            ]
            if editable {
                markup.append(el("form", [("method", "post"), ("action", template.path), ("enctype", "multipart/form-data")], [
                    c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-file")], text: "Tệp Excel đã điền (.xlsx)"),
                        void("input", [("id", "f-file"), ("type", "file"), ("name", "file"), ("required", "required"),
                                       ("accept", ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                    ]),
                    el("button", [("type", "submit")], text: "Tải lên"),
                ]))
            }
            if isDistrict {
                markup.append(el("p", [], [link(SiteURL.communeGrid(obligation: obligation, district: reporter).with(["ky": periodCode]), "Bảng số liệu các xã của huyện")]))
            }
            return markup
        }
    }
}
