import TiendoCore

extension TaskPage {
    /// Renders one task: its words, who leads and helps and where each stands, the timeline, the update form.
    enum View {
        static func body(_ model: Model, _ context: PageContext) -> [Markup] {
            let (listing, summary, code) = (model.listing, model.summary, model.listing.code)
            var body: [Markup] = [el("dl", [("class", "facts")], [
                el("dt", [], text: context.t("Nguồn")), el("dd", [], text: model.groupTitle),
                el("dt", [], text: context.t("Hạn")), el("dd", [], text: listing.deadline.map { "\($0.text)" + ($0.date.map { " (\($0.vietnamese))" } ?? "") } ?? "—"),
                el("dt", [], text: context.t("Tình trạng")), el("dd", [], [Format.badge(summary.status, context.language)]),
            ])]
            body.append(el("blockquote", [], [el("p", [], text: listing.text)]))
            if !listing.relatedTasks.isEmpty {
                body.append(el("p", [], [.text(listing.source == .section ? "Phụ lục: " : "Mục III: ")]
                               + listing.relatedTasks.map { link(SiteURL.task(code: $0).path, $0) }.interleaved(with: .text(", "))))
            }
            body.append(el("h2", [], text: context.t("Chủ trì, phối hợp")))
            body.append(table(caption: context.t("Chủ trì, phối hợp"),
                              headers: [context.t("Cơ quan"), context.t("Vai trò"), context.t("Tình trạng"), context.t("Tỷ lệ hoàn thành (%)"), context.t("Đã cập nhật")],
                              rows: summary.assignees.map { a in
                [.text((model.names[a.assignee] ?? a.assignee) + (a.via.map { " (\($0))" } ?? "")), .text(a.role == .lead ? "chủ trì" : "phối hợp"),
                 .text(context.language.status(a.status)), .text("\(a.progress)"), .text(a.lastUpdate?.createdAt.map(Format.vietnamTime) ?? "—")]
            }))
            if !model.children.isEmpty {
                body.append(el("h2", [("id", "ke-hoach-cap-duoi")], text: context.t("Kế hoạch của sở, ngành, địa phương thực hiện nhiệm vụ này")))
                body.append(table(caption: context.t("Nhiệm vụ của kế hoạch cấp dưới"),
                                  headers: [context.t("Kế hoạch"), context.t("Nhiệm vụ"), context.t("Tình trạng"), context.t("Chủ trì: tỷ lệ hoàn thành (%)"), context.t("Đã cập nhật")],
                                  rows: model.children.map { child in
                    let (task, summary) = (child.task, child.summary)
                    let leads = summary?.assignees.filter { $0.role == .lead }.map { "\($0.assignee): \($0.progress)" } ?? []
                    return [
                        el("span", [], [link(SiteURL.planById(task.planId).path, task.planNumber), .text(" · " + task.issuer)]),
                        el("span", [], [link(SiteURL.task(code: task.taskCode).bare + "?\(PlanChoiceMiddleware.pageParameter)=\(Format.segment(task.planId))", task.taskCode),
                                        .text(" " + task.text.clipped(to: 120))]),
                        summary.map { Format.badge($0.status, context.language) } ?? .text("—"),
                        .text(leads.isEmpty ? "—" : leads.joined(separator: "; ")),
                        .text(summary?.lastUpdate?.createdAt.map(Format.vietnamTime) ?? "—"),
                    ]
                }))
            }
            body.append(el("h2", [], text: context.t("Lịch sử cập nhật")))
            body.append(model.updates.isEmpty ? el("p", [("class", "muted")], text: context.t("Chưa có cập nhật nào."))
                        : el("ol", [("class", "timeline")], model.updates.map { u in
                el("li", [], [
                    el("strong", [], text: "\(u.reporter): \(context.language.status(u.status)), \(u.progress)%"),
                    el("p", [], text: u.note),
                    el("p", [("class", "muted")], text: [u.evidenceNumber.map { "Minh chứng: \($0)" }, u.evidenceDate?.vietnamese,
                                                         "\(context.t("Người gửi")): \(u.username)", u.createdAt.map(Format.vietnamTime)].compactMap { $0 }.joined(separator: " · ")),
                ])
            }))
            return body + form(model.reportable, code: code, context)
        }

        static func form(_ eligible: [AssigneeProgress], code: String, _ c: PageContext) -> [Markup] {
            guard !eligible.isEmpty else { return [] }
            let statuses = ProgressStatus.allCases.map { ($0.rawValue, c.language.status($0)) }
            return [
                el("h2", [("id", "cap-nhat")], text: c.t("Cập nhật tiến độ")),
                el("form", [("method", "post"), ("action", SiteURL.taskUpdate(code: code).path)], [
                    c.csrfField,
                    select(c.t("Báo cáo thay cho"), name: "unit", options: eligible.map { ($0.unitCode ?? $0.assignee, $0.assignee) }, selected: nil),
                    select(c.t("Trạng thái"), name: "status", options: statuses, selected: ProgressStatus.inProgress.rawValue),
                    field(c.t("Tỷ lệ hoàn thành (%)"), name: "progress", type: "number", value: "0", required: true,
                          attributes: [("min", "0"), ("max", "100"), ("step", "1")]),
                    el("div", [("class", "field")], [
                        el("label", [("for", "f-note")], text: c.t("Nội dung báo cáo")),
                        el("textarea", [("id", "f-note"), ("name", "note"), ("maxlength", "10000")], []),
                    ]),
                    field(c.t("Số văn bản minh chứng"), name: "evidenceNumber"),
                    field(c.t("Ngày văn bản"), name: "evidenceDate", type: "date"),
                    el("button", [("type", "submit")], text: c.t("Gửi cập nhật")),
                ]),
            ]
        }
    }
}
