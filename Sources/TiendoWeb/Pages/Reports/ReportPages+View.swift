import TiendoCore

extension ReportPages {
    /// Renders the list of obligations and one obligation's downloads.
    enum View {
        static func index(_ obligations: [ReportObligation], _ c: PageContext) -> [Markup] {
            let rows: [[Markup]] = obligations.map { o in
                [link(SiteURL.reportObligation(o.id).path, o.name), .text(o.deadline.vietnamese), .text(o.period.label)]
            }
            return [
                el("p", [], text: "Dự thảo báo cáo lập từ số liệu đã duyệt và báo cáo tiến độ, theo thể thức Nghị định 30/2020/NĐ-CP; "
                    + "đơn vị chỉ cần điền số ký hiệu, ngày, người ký và phần đề xuất."),
                table(caption: "Các chế độ báo cáo", headers: ["Báo cáo", "Hạn", "Kỳ số liệu"], rows: rows),
            ]
        }

        static func obligation(_ model: Model, _ c: PageContext) -> [Markup] {
            let obligation = model.obligation
            func links(_ key: String?) -> Markup {
                let base = SiteURL.reportDownload(obligation.id).with(["ky": obligation.period.code, "don-vi": key])
                return el("span", [], [link(base + "&dinh-dang=docx", "DOCX", class: "button"), .text(" "), link(base + "&dinh-dang=xlsx", "XLSX", class: "button")])
            }
            var body: [Markup] = [el("p", [], text: "Kỳ số liệu: \(obligation.period.label). Hạn: \(obligation.deadline.vietnamese). "
                                          + "Tệp được lập từ số liệu tại thời điểm tải; cùng số liệu cho cùng một tệp.")]
            if model.consolidates {
                body.append(el("h2", [], text: "Báo cáo tổng hợp của \(model.coordinator) gửi \(obligation.receiver)"))
                body.append(el("p", [], [links(nil), .text(model.consolidatedBuilt.map { "  Lập gần nhất: \($0)" } ?? "")]))
            }
            body.append(table(caption: "Báo cáo của các đơn vị", headers: ["Đơn vị", "Tình trạng số liệu", "Lập gần nhất", "Tải về"], rows: model.rows.map { r in
                [.text(r.name), .text(r.outcome), .text(r.lastBuilt ?? "—"), links(r.key)]
            }))
            if model.rows.isEmpty && !model.consolidates {
                body.append(el("p", [("class", "notice")], text: "Tài khoản này không lập báo cáo cho đơn vị nào của chế độ báo cáo này."))
            }
            return body
        }
    }
}
