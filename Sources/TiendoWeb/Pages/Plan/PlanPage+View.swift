import TiendoCore

extension PlanPage {
    /// Renders the plan as a document in its own order, with links to each task.
    enum View {
        static func body(_ model: Model, _ context: PageContext) -> [Markup] {
            let plan = model.plan
            var body: [Markup] = [
                el("p", [], [link(SiteURL.planImport.path, "Các kế hoạch (kế hoạch của sở, huyện, văn bản sửa đổi) và nhập kế hoạch từ văn bản"),
                             .text(" · "), link(SiteURL.programme.path, "Chương trình qua các năm")]),
                el("dl", [("class", "facts")], [
                    el("dt", [], text: "Số"), el("dd", [], text: plan.plan.number),
                    el("dt", [], text: "Ngày ban hành"), el("dd", [], text: plan.plan.issuedOn.vietnamese),
                    el("dt", [], text: "Cơ quan ban hành"), el("dd", [], text: plan.plan.issuer),
                    el("dt", [], text: "Người ký"), el("dd", [], text: "\(plan.plan.signerTitle) \(plan.plan.signer)"),
                ]),
                el("p", [("class", "lead")], [el("strong", [], text: plan.plan.title)]),
            ]
            body += plan.plan.preamble.map { el("p", [], text: $0) }
            body.append(el("div", [("class", "plan-text")], sections(plan, context)))
            if model.plans.count > 1 { body += list(model, context) }
            return body
        }

        /// Every plan, each opening the site on it; the one shown is marked.
        static func list(_ model: Model, _ c: PageContext) -> [Markup] {
            let rows: [[Markup]] = model.plans.reversed().map { p in
                let open = SiteURL.plan.bare + "?\(PlanChoiceMiddleware.pageParameter)=\(Format.segment(p.id))"
                let parent = p.parentId.map { id in model.plans.first { $0.id == id }?.number ?? id }
                return [p.id == model.plan.id ? el("strong", [], text: p.number + " (" + c.t("đang xem") + ")") : link(open, p.number),
                        .text(p.issuedOn.vietnamese), .text(p.issuer), .text(parent ?? "—"), link(SiteURL.planById(p.id).path, c.t("Văn bản, lịch sử"))]
            }
            return [el("h2", [("id", "cac-ke-hoach")], text: c.t("Các kế hoạch")),
                    table(caption: c.t("Các kế hoạch"), headers: [c.t("Số"), c.t("Ngày"), c.t("Cơ quan ban hành"), c.t("Thực hiện kế hoạch"), ""], rows: rows)]
        }

        /// The sections in the document's own order under its own headings (I–V for the province's plan, fewer for a
        /// commune's), each with its clauses, targets and task groups.
        static func sections(_ plan: PlanDocument, _ c: PageContext) -> [Markup] {
            func top(_ code: String) -> String { String(code.prefix { $0 != "." }) }
            let romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
            let present = Set(plan.clauses.map { top($0.code) } + plan.targets.map { top($0.code) } + plan.taskGroups.map { top($0.code) })
            var out: [Markup] = []
            for code in romans where present.contains(code) {
                let section = plan.clauses.first { $0.code == code }
                // The hand transcription of the seed keeps no heading for I; every imported plan does.
                let heading = section?.heading ?? (code == "I" ? "MỤC ĐÍCH, YÊU CẦU" : "")
                out.append(el("h2", [], text: "\(code). \(heading)"))
                out += section?.paragraphs.map { el("p", [], text: $0) } ?? []
                out += plan.targets.filter { top($0.code) == code }.map { el("p", [("id", $0.code)], text: "\($0.number). \($0.text)") }
                for group in plan.taskGroups where top(group.code) == code {
                    out.append(el("h3", [("id", group.code)], text: "\(group.number). \(group.title)"))
                    out += (group.intro ?? []).map { el("p", [], text: $0) }
                    out += group.tasks.map { task in
                        el("p", [("id", task.code)], [link(SiteURL.task(code: task.code).path, "(\(task.number))"), .text(" " + task.text)])
                    }
                    out += (group.assignmentText ?? []).map { el("p", [("class", "muted")], text: $0) }
                }
                for clause in plan.clauses where top(clause.code) == code && clause.code != code && !clause.code.hasSuffix(".closing") {
                    let number = clause.code.split(separator: ".").last.map(String.init) ?? ""
                    if let heading = clause.heading { out.append(el("h3", [], text: "\(number). \(heading)")) }
                    out += clause.paragraphs.enumerated().map { i, text in
                        el("p", [], text: (clause.heading == nil && i == 0 ? "\(number). " : "") + text)
                    }
                }
                out += plan.clauses.first { $0.code == "\(code).closing" }?.paragraphs.map { el("p", [], text: $0) } ?? []
            }
            // "Nơi nhận" and the signature block, as the plan prints them.
            out.append(el("div", [("class", "cards")], [
                el("section", [("class", "card")], [el("p", [], [el("strong", [], text: "Nơi nhận:")]),
                                                    el("ul", [], plan.plan.recipients.map { el("li", [], text: $0) })]),
                el("section", [("class", "card signature")], plan.plan.signatureBlock.map { el("p", [], [el("strong", [], text: $0)]) }
                    + [el("p", [], [el("strong", [], text: plan.plan.signer)])]),
            ]))
            // The appendix under its own title, as the plan prints it; a plan without one shows none.
            guard !plan.appendix.isEmpty || !plan.footnotes.isEmpty || !plan.legalDocuments.isEmpty else { return out }
            let appendixTitle = plan.plan.appendixTitle.isEmpty ? ["PHỤ LỤC"] : plan.plan.appendixTitle
            if !plan.appendix.isEmpty {
                out.append(el("h2", [("id", "phu-luc")], text: appendixTitle.prefix(2).joined(separator: " — ")))
                out += appendixTitle.dropFirst(2).map { el("p", [("class", "muted")], text: $0) }
            }
            for group in plan.appendixGroups {
                let rows = plan.appendix.filter { $0.group == group.code }
                out.append(table(caption: "\(group.code). \(group.title)", headers: ["TT", c.t("Nhiệm vụ"), c.t("Chủ trì"), c.t("Phối hợp"), c.t("Hạn")],
                                 rows: rows.map { row in
                    [link(SiteURL.task(code: row.code).path, String(row.number)), .text(row.text),
                     .text(TaskQuery.names(row.leads).joined(separator: "; ")), .text(TaskQuery.names(row.coordinators).joined(separator: "; ")),
                     .text(row.deadline.text + (row.deadline.date.map { " (\($0.vietnamese))" } ?? ""))]
                }))
            }
            if !plan.footnotes.isEmpty { out.append(el("h2", [], text: "Chú thích")) }
            out += plan.footnotes.map { el("p", [("id", "chu-thich-\($0.number)")], text: "\($0.number) \($0.text)") }
            out.append(el("h2", [("id", "van-ban")], text: c.t("Văn bản được trích dẫn")))
            out.append(table(caption: c.t("Văn bản được trích dẫn"), headers: ["Văn bản", "Ngày", "Cơ quan", "Điều khoản trích dẫn"],
                             rows: plan.legalDocuments.map { doc in
                [.text("\(doc.type) \(doc.reference)"), .text(doc.issuedOn?.vietnamese ?? "—"), .text(doc.issuer),
                 .text(doc.citedIn.joined(separator: ", "))]
            }))
            if plan.inconsistencies.isEmpty { return out }
            out.append(el("h2", [("id", "khong-thong-nhat")], text: c.t("Điểm chưa thống nhất trong văn bản")))
            out += plan.inconsistencies.map { item in
                el("div", [("class", "notice")], [el("strong", [], text: item.clauses.joined(separator: ", ") + ": "), .text(item.description)])
            }
            return out
        }
    }
}
