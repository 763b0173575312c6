import TiendoCore

extension CommuneGridPage {
    /// Renders the grid (a column per commune), the batch approval and the district's own report.
    enum View {
        static func body(_ grid: Model, _ c: PageContext) -> [Markup] {
            let (obligation, district, periodCode) = (grid.obligation.id, grid.district.code, grid.periodCode)
            var body: [Markup] = [el("p", [], text: "Kỳ: \(ReportingPeriod.parse(periodCode)?.label ?? periodCode). Ô chỉ đọc là số liệu của xã đã gửi hoặc đã duyệt; "
                                          + "cảnh báo cần ghi chú thì nhập ở trang của từng xã.")]
            let header = el("tr", [], [el("th", [("scope", "col")], text: "Chỉ tiêu")] + grid.communes.map { commune in
                el("th", [("scope", "col")], [link(SiteURL.reporterFigures(obligation: obligation, reporter: commune.code).with(["ky": periodCode]), commune.name), el("br"),
                                             el("small", [], text: grid.submissions[commune.code]?.state.vietnamese ?? "")])
            })
            let rows: [Markup] = grid.elements.map { element in
                el("tr", [], [el("th", [("scope", "row")], text: "\(element.name) (\(element.unit))")] + grid.communes.map { commune in
                    let value = grid.submissions[commune.code]?.values.first { $0.element == element.code }?.value
                    return el("td", [("data-label", commune.name)], [void("input", [
                        ("name", "v_\(commune.code)_\(element.code)"), ("inputmode", "numeric"), ("size", "8"),
                        ("aria-label", "\(element.name) — \(commune.name)"), ("value", value.map(Format.integer) ?? ""),
                        ("readonly", grid.editable.contains(commune.code) ? nil : "readonly"),
                    ])])
                })
            }
            body.append(el("form", [("method", "post"), ("action", SiteURL.communeGrid(obligation: obligation, district: district).path)], [
                c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                el("div", [("class", "table-wrap")], [el("table", [("class", "data grid")], [
                    el("caption", text: "Số liệu các xã của \(grid.district.name)"),
                    el("thead", [], [header]), el("tbody", [], rows),
                ])]),
                el("button", [("type", "submit")], text: "Lưu số liệu các xã"),
            ]))
            if !grid.waiting.isEmpty {
                body.append(el("form", [("method", "post"), ("action", SiteURL.communeGridApproval(obligation: obligation, district: district).path)], [
                    c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                    el("p", [], text: "Đã gửi, chờ huyện duyệt: " + grid.waiting.map(\.name).joined(separator: ", ") + "."),
                    el("button", [("type", "submit")], text: "Duyệt \(grid.waiting.count) xã đã gửi"),
                ]))
            }
            body.append(el("h2", [], text: "Báo cáo của huyện"))
            body.append(el("p", [], [.text("Trạng thái: "), el("strong", [], text: grid.own.state.vietnamese),
                                     .text(". Gửi khi đã duyệt số liệu các xã; Ban Dân tộc duyệt báo cáo của huyện là duyệt luôn số liệu các xã huyện đã duyệt.")]))
            if grid.maySendReport {
                body.append(el("form", [("method", "post"), ("action", SiteURL.figureStep(obligation: obligation, reporter: district).path)], [
                    c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                    el("button", [("type", "submit"), ("name", "action"), ("value", SubmissionAction.submit.rawValue)], text: "Gửi báo cáo của huyện"),
                ]))
            }
            body.append(el("p", [], [link(SiteURL.figureTemplate(obligation: obligation, reporter: district).with(["ky": periodCode]), "Tải mẫu Excel của huyện và các xã")]))
            return body
        }
    }
}
