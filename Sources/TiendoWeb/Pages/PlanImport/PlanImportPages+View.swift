import TiendoCore
import TiendoStore

extension PlanImportPages {
    enum View {
        /// Every plan as a choice ("54/KH-UBND (UBND tỉnh Quảng Ninh)"), after "none".
        static func planOptions(_ plans: [PlanSummary]) -> [(value: String, label: String)] {
            [(value: "", label: "— không —")] + plans.map { (value: $0.id, label: "\($0.number) (\($0.issuer))") }
        }

        static func index(plans: [PlanSummary], drafts: [StoredDraft], _ c: PageContext) -> [Markup] {
            var body: [Markup] = [
                table(caption: "Các kế hoạch đã ban hành", headers: ["Số", "Ngày", "Cơ quan ban hành", "Thực hiện kế hoạch", "Phiên bản"],
                      rows: plans.map { p in
                          [link(SiteURL.planById(p.id).path, p.number), .text(p.issuedOn.vietnamese), .text(p.issuer),
                           p.parentId.map { parent in link(SiteURL.planById(parent).path, plans.first { $0.id == parent }?.number ?? parent) } ?? .text("—"),
                           .text(String(p.version))]
                      }),
            ]
            if !drafts.isEmpty {
                body.append(table(caption: "Bản nháp nhập từ văn bản", headers: ["Số nháp", "Tệp", "Kế hoạch", "Vấn đề", "Trạng thái", "Người nhập"],
                                  rows: drafts.map { d in
                                      [link(SiteURL.planDraft(String(d.id)).path, String(d.id)), .text(d.fileName), .text(d.draft.document.plan.number),
                                       .text(String(d.draft.problems.count)), .text(d.status == .draft ? "đang duyệt" : "đã ban hành"), .text(d.createdBy)]
                                  }))
            }
            guard c.principal != nil, let token = c.csrfToken else {
                body.append(el("p", [], [link(SiteURL.signIn.with(["next": SiteURL.planImport.path]), "Đăng nhập"), .text(" để nhập kế hoạch từ văn bản.")]))
                return body
            }
            let options = planOptions(plans)
            body.append(el("form", [("method", "post"), ("action", SiteURL.planImport.path), ("enctype", "multipart/form-data"), ("class", "card")], [
                el("h2", [], text: "Nhập kế hoạch từ văn bản"),
                el("p", [("class", "muted")], text: "Tệp Word (.docx) của kế hoạch, hoặc văn bản chép từ trang văn bản pháp luật (.txt, .md). Tiendo đọc thành bản nháp để duyệt; chưa có gì được ban hành."),
                void("input", [("type", "hidden"), ("name", "csrf_token"), ("value", token)]),
                field("Tệp kế hoạch", name: "file", type: "file", required: true, attributes: [("accept", ".docx,.txt,.md")]),
                select("Thực hiện kế hoạch cấp trên (kế hoạch của sở, huyện, xã)", name: "parent", options: options, selected: nil),
                select("Sửa đổi, bổ sung kế hoạch", name: "amends", options: options, selected: nil),
                el("button", [("type", "submit")], text: "Đọc văn bản"),
            ]))
            return body
        }

        static func review(stored: StoredDraft, draft: PlanDraft, problems: [String: String], names: [String], plans: [PlanSummary], _ c: PageContext) -> [Markup] {
            let d = draft.document
            let editable = stored.status == .draft
            func input(_ label: String, _ name: String, _ value: String, type: String = "text") -> Markup {
                var attributes: [(String, String?)] = [("aria-invalid", problems[name] == nil ? nil : "true")]
                if type == "text", name.contains(".lead.") || name.contains(".coord.") { attributes.append(("list", "danh-ba")) }
                return field(label, name: name, type: type, value: value, attributes: attributes)
            }
            func area(_ label: String, _ name: String, _ value: String) -> Markup {
                el("div", [("class", "field")], [el("label", [("for", "f-" + name)], text: label),
                                                el("textarea", [("id", "f-" + name), ("name", name), ("rows", "3")], text: value)])
            }
            func people(_ prefix: String, _ list: [Assignment]) -> [Markup] {
                let leads = list.filter { $0.role == .lead }, coords = list.filter { $0.role == .coordinating }
                return leads.enumerated().map { k, a in input("Chủ trì", "\(prefix).lead.\(k)", a.assignee) } + [input("Thêm chủ trì", "\(prefix).lead.\(leads.count)", "")]
                    + coords.enumerated().map { k, a in input("Phối hợp", "\(prefix).coord.\(k)", a.assignee) } + [input("Thêm phối hợp", "\(prefix).coord.\(coords.count)", "")]
            }
            func lines(_ item: String) -> Markup {
                let numbers = draft.sources[item] ?? []
                return el("p", [("class", "muted")], numbers.isEmpty ? [.text("Nhập tay")] :
                    [.text("Dòng ")] + numbers.prefix(6).map { link("#dong-\($0)", String($0)) }.interleaved(with: .text(", ")))
            }
            var form: [Markup] = [void("input", [("type", "hidden"), ("name", "csrf_token"), ("value", c.csrfToken ?? "")])]
            form.append(el("h2", [], text: "Văn bản"))
            form += [input("Số", "plan.number", d.plan.number), input("Ngày ban hành", "plan.issuedOn", d.plan.issuedOn.iso, type: "date"),
                     input("Cơ quan ban hành", "plan.issuer", d.plan.issuer), area("Trích yếu", "plan.title", d.plan.title)]
            let options = planOptions(plans)
            form.append(select("Thực hiện kế hoạch cấp trên", name: "parent", options: options, selected: draft.parentPlanId))
            form.append(select("Sửa đổi, bổ sung kế hoạch", name: "amends", options: options, selected: draft.amends))
            if !draft.problems.isEmpty {
                form.append(el("h2", [], text: "Vấn đề cần người duyệt (\(draft.problems.count))"))
                form.append(el("ul", [], draft.problems.map { p in
                    el("li", [], [p.line.map { link("#dong-\($0)", "Dòng \($0)") } ?? .text(""), .text(" " + p.message)])
                }))
            }
            form.append(el("h2", [], text: "Mục tiêu và chỉ tiêu"))
            for target in d.targets {
                var card: [Markup] = [el("h3", [("id", target.code)], text: target.code), lines(target.code), area("Nội dung", "target.\(target.code).text", target.text)]
                for i in target.indicators {
                    let p = "ind.\(i.code)"
                    card.append(el("fieldset", [], [el("legend", [], text: "Chỉ tiêu \(i.code)"),
                        input("Tên", "\(p).name", i.name),
                        select("So sánh", name: "\(p).comparator", options: Comparator.allCases.map { (value: $0.rawValue, label: $0.symbol) }, selected: i.comparator.rawValue),
                        input("Giá trị", "\(p).value", i.targetValue.vietnamese), input("Đơn vị", "\(p).unit", i.unit),
                        input("Giá trị gốc", "\(p).baseline", i.baseline?.value.vietnamese ?? ""),
                        input("Năm gốc", "\(p).baselineYear", i.baseline.map { String($0.year) } ?? ""),
                        input("Hạn", "\(p).dueOn", i.dueOn.iso, type: "date")]))
                }
                form.append(el("div", [("class", "card")], card))
            }
            form.append(el("fieldset", [], [el("legend", [], text: "Thêm mục tiêu"), area("Nội dung", "new.target.text", ""),
                select("So sánh", name: "new.target.comparator", options: Comparator.allCases.map { (value: $0.rawValue, label: $0.symbol) }, selected: "gte"),
                input("Giá trị", "new.target.value", ""), input("Đơn vị", "new.target.unit", "%")]))
            form.append(el("h2", [], text: "Nhiệm vụ"))
            for group in d.taskGroups {
                form.append(el("h3", [("id", group.code)], text: "\(group.code). \(group.title)"))
                for task in group.tasks {
                    var card: [Markup] = [el("h4", [], text: task.code), lines(task.code), area("Nội dung", "task.\(task.code).text", task.text)]
                    card += people("task.\(task.code)", task.assignments)
                    if draft.parentPlanId != nil {
                        card.append(input("Thực hiện nhiệm vụ của kế hoạch cấp trên (mã, cách nhau dấu phẩy)", "task.\(task.code).implements",
                                          (draft.implements[task.code] ?? []).joined(separator: ", ")))
                    }
                    form.append(el("div", [("class", "card")], card))
                }
            }
            let groups = [(value: "", label: "—")] + d.taskGroups.map { (value: $0.code, label: "\($0.code). \($0.title.clipped(to: 60))") }
            form.append(el("fieldset", [], [el("legend", [], text: "Thêm nhiệm vụ"), select("Nhóm", name: "new.task.group", options: groups, selected: nil),
                                            area("Nội dung", "new.task.text", ""), input("Chủ trì", "new.task.lead.0", "")]))
            if !d.appendix.isEmpty {
                form.append(el("h2", [], text: "Phụ lục"))
                for row in d.appendix {
                    var card: [Markup] = [el("h4", [], text: row.code), lines(row.code), area("Nội dung", "pl.\(row.number).text", row.text)]
                    card += people("pl.\(row.number)", row.assignments)
                    card.append(input("Thời hạn (\(row.deadline.text))", "pl.\(row.number).due", row.deadline.date?.iso ?? "", type: "date"))
                    form.append(el("div", [("class", "card")], card))
                }
            }
            if !d.reportObligations.isEmpty {
                form.append(el("h2", [], text: "Chế độ báo cáo"))
                for o in d.reportObligations {
                    form.append(el("div", [("class", "card")], [el("h4", [], text: o.name), lines(o.id),
                        el("p", [], text: "Đơn vị báo cáo: \(o.reporters.joined(separator: "; "))"),
                        input("Hạn (\(o.deadline.text))", "ob.\(o.id).due", o.deadline.date?.iso ?? "", type: "date")]))
                }
            }
            if editable {
                form.append(el("p", [], [el("button", [("type", "submit"), ("name", "action"), ("value", "save")], text: "Lưu chỉnh sửa"),
                                         .text(" "),
                                         el("button", [("type", "submit"), ("name", "action"), ("value", "publish")], text: "Ban hành kế hoạch")]))
            } else {
                form.append(el("p", [], [.text("Bản nháp đã ban hành: "), link(SiteURL.planById(d.id).path, d.plan.number)]))
            }
            let source = el("section", [("class", "plan-source"), ("aria-label", "Văn bản gốc")], [
                el("h2", [], text: "Văn bản gốc: \(stored.fileName)"),
                el("ol", [("class", "source-lines")], draft.lines.enumerated().map { k, line in
                    el("li", [("id", "dong-\(k + 1)"), ("value", String(k + 1))], text: line)
                }),
            ])
            return [el("datalist", [("id", "danh-ba")], names.map { el("option", [("value", $0)], text: "") }),
                    el("div", [("class", "review")], [source,
                        el("form", [("method", "post"), ("action", SiteURL.planDraft(String(stored.id)).path), ("class", "plan-draft")], form)])]
        }

        struct PlanModel {
            var document: PlanDocument
            var summary: PlanSummary?
            var parent: PlanSummary?
            var children: [PlanSummary]
            var versions: [PlanFamily.Version]
            var implements: [String: [String]]
        }

        static func plan(_ m: PlanModel, _ c: PageContext) -> [Markup] {
            let d = m.document
            var body: [Markup] = [el("dl", [("class", "facts")], [
                el("dt", [], text: "Số"), el("dd", [], text: d.plan.number),
                el("dt", [], text: "Ngày ban hành"), el("dd", [], text: d.plan.issuedOn.vietnamese),
                el("dt", [], text: "Cơ quan ban hành"), el("dd", [], text: d.plan.issuer),
                el("dt", [], text: "Phiên bản"), el("dd", [], text: String(m.summary?.version ?? 1)),
                el("dt", [], text: "Thực hiện kế hoạch"), el("dd", [], [m.parent.map { link(SiteURL.planById($0.id).path, "\($0.number) (\($0.issuer))") } ?? .text("—")]),
            ]), el("p", [("class", "lead")], [el("strong", [], text: d.plan.title)])]
            let open = "?\(PlanChoiceMiddleware.pageParameter)=\(Format.segment(d.id))"
            body.append(el("p", [], [link(SiteURL.plan.bare + open, "Mở kế hoạch này"), .text(" · "), link(SiteURL.tasks.bare + open, "Nhiệm vụ và tiến độ")]))
            if !m.children.isEmpty {
                body.append(table(caption: "Kế hoạch cấp dưới thực hiện kế hoạch này", headers: ["Số", "Ngày", "Cơ quan ban hành"], rows: m.children.map { p in
                    [link(SiteURL.planById(p.id).path, p.number), .text(p.issuedOn.vietnamese), .text(p.issuer)]
                }))
            }
            body.append(table(caption: "Mục tiêu, chỉ tiêu", headers: ["Mã", "Chỉ tiêu", "Giá trị"], rows: d.targets.flatMap { t in
                t.indicators.isEmpty ? [[.text(t.code), .text(t.text), .text("—")]] : t.indicators.map { i in
                    [.text(i.code), .text(i.name), .text("\(i.comparator.symbol) \(i.targetValue.vietnamese) \(i.unit)")]
                }
            }))
            body.append(table(caption: "Nhiệm vụ", headers: ["Mã", "Nội dung", "Chủ trì", "Phối hợp", "Thực hiện nhiệm vụ cấp trên"], rows: d.sectionTasks.map { t in
                [.text(t.code), .text(t.text.clipped(to: 240)), .text(t.leads.map(\.assignee).joined(separator: "; ")),
                 .text(t.coordinators.map(\.assignee).joined(separator: "; ")),
                 .text((m.implements[t.code] ?? []).joined(separator: ", "))]
            }))
            if !d.reportObligations.isEmpty {
                body.append(table(caption: "Chế độ báo cáo", headers: ["Báo cáo", "Hạn"], rows: d.reportObligations.map { o in
                    [.text(o.name), .text(o.deadline.vietnamese)]
                }))
            }
            if !m.versions.isEmpty {
                body.append(el("h2", [], text: "Lịch sử sửa đổi, bổ sung"))
                var newer = d
                for version in m.versions.reversed() {
                    let changes = PlanComparison.changes(from: version.document, to: newer)
                    body.append(el("h3", [], text: "Phiên bản \(version.version + 1) (theo \(version.amendedBy ?? "văn bản sửa đổi")) so với phiên bản \(version.version): \(changes.count) thay đổi"))
                    body.append(el("ul", [("class", "changes")], changes.map { el("li", [], text: $0.description) }))
                    newer = version.document
                }
            }
            return body
        }
    }
}
