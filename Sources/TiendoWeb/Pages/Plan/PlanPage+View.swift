import TiendoCore

extension PlanPage {
    /// Renders the plan as a document in its own order, with links to each task.
    enum View {
        static func body(_ model: Model, _ context: PageContext) -> [Markup] {
            let plan = model.plan
            var body: [Markup] = [
                el("p", [], [link(SiteURL.planImport.path, "Các kế hoạch (kế hoạch của sở, huyện, văn bản sửa đổi) và nhập kế hoạch từ văn bản")]),
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

        static func clause(_ plan: PlanDocument, _ code: String) -> [Markup] {
            guard let clause = plan.clauses.first(where: { $0.code == code }) else { return [] }
            return (clause.heading.map { [el("p", [], [el("strong", [], text: $0)])] } ?? [])
                + clause.paragraphs.map { el("p", [("class", "clause")], text: $0) }
        }

        static func sections(_ plan: PlanDocument, _ c: PageContext) -> [Markup] {
            var out: [Markup] = [el("h2", [], text: "I. MỤC ĐÍCH, YÊU CẦU"), el("h3", [], text: "1. Mục đích")]
            out += plan.clauses.first { $0.code == "I.1" }.map { $0.paragraphs.map { el("p", [], text: "- " + $0) } } ?? []
            out.append(el("h3", [], text: "2. Yêu cầu"))
            out += plan.clauses.first { $0.code == "I.2" }.map { $0.paragraphs.map { el("p", [], text: "- " + $0) } } ?? []
            out.append(el("h2", [], text: "II. MỤC TIÊU CỤ THỂ NĂM 2024"))
            out += plan.clauses.first { $0.code == "II" }?.paragraphs.map { el("p", [], text: $0) } ?? []
            out += plan.targets.map { el("p", [("id", $0.code)], text: "\($0.number). \($0.text)") }
            out.append(el("h2", [], text: "III. NHIỆM VỤ VÀ GIẢI PHÁP"))
            out += plan.clauses.first { $0.code == "III" }?.paragraphs.map { el("p", [], text: $0) } ?? []
            for group in plan.taskGroups {
                out.append(el("h3", [("id", group.code)], text: "\(group.number). \(group.title)"))
                out += (group.intro ?? []).map { el("p", [], text: $0) }
                out += group.tasks.map { task in
                    el("p", [("id", task.code)], [link(SiteURL.task(code: task.code).path, "(\(task.number))"), .text(" " + task.text)])
                }
                out += (group.assignmentText ?? []).map { el("p", [("class", "muted")], text: $0) }
            }
            out.append(el("h2", [], text: "IV. KINH PHÍ THỰC HIỆN"))
            out += ["IV.1", "IV.2"].enumerated().flatMap { index, code in
                (plan.clauses.first { $0.code == code }?.paragraphs ?? []).map { el("p", [], text: "\(index + 1). \($0)") }
            }
            out.append(el("h2", [], text: "V. TỔ CHỨC THỰC HIỆN"))
            for (index, code) in ["V.1", "V.2", "V.3", "V.4"].enumerated() {
                guard let clause = plan.clauses.first(where: { $0.code == code }) else { continue }
                if let heading = clause.heading { out.append(el("p", [], text: "\(index + 1). \(heading)")) }
                out += clause.paragraphs.enumerated().map { i, text in
                    el("p", [], text: (clause.heading == nil && i == 0 ? "\(index + 1). " : "") + text)
                }
            }
            out += plan.clauses.first { $0.code == "V.closing" }?.paragraphs.map { el("p", [], text: $0) } ?? []
            // "Nơi nhận" and the signature block, as the plan prints them.
            out.append(el("div", [("class", "cards")], [
                el("section", [("class", "card")], [el("p", [], [el("strong", [], text: "Nơi nhận:")]),
                                                    el("ul", [], plan.plan.recipients.map { el("li", [], text: $0) })]),
                el("section", [("class", "card signature")], plan.plan.signatureBlock.map { el("p", [], [el("strong", [], text: $0)]) }
                    + [el("p", [], [el("strong", [], text: plan.plan.signer)])]),
            ]))
            // The appendix under its own title, as the plan prints it.
            let appendixTitle = plan.plan.appendixTitle.isEmpty ? ["PHỤ LỤC"] : plan.plan.appendixTitle
            out.append(el("h2", [("id", "phu-luc")], text: appendixTitle.prefix(2).joined(separator: " — ")))
            out += appendixTitle.dropFirst(2).map { el("p", [("class", "muted")], text: $0) }
            for group in plan.appendixGroups {
                let rows = plan.appendix.filter { $0.group == group.code }
                out.append(table(caption: "\(group.code). \(group.title)", headers: ["TT", c.t("Nhiệm vụ"), c.t("Chủ trì"), c.t("Phối hợp"), c.t("Hạn")],
                                 rows: rows.map { row in
                    [link(SiteURL.task(code: row.code).path, String(row.number)), .text(row.text),
                     .text(TaskQuery.names(row.leads).joined(separator: "; ")), .text(TaskQuery.names(row.coordinators).joined(separator: "; ")),
                     .text(row.deadline.text + (row.deadline.date.map { " (\($0.vietnamese))" } ?? ""))]
                }))
            }
            out.append(el("h2", [], text: "Chú thích"))
            out += plan.footnotes.map { el("p", [("id", "chu-thich-\($0.number)")], text: "\($0.number) \($0.text)") }
            out.append(el("h2", [("id", "van-ban")], text: c.t("Văn bản được trích dẫn")))
            out.append(table(caption: c.t("Văn bản được trích dẫn"), headers: ["Văn bản", "Ngày", "Cơ quan", "Điều khoản trích dẫn"],
                             rows: plan.legalDocuments.map { doc in
                [.text("\(doc.type) \(doc.reference)"), .text(doc.issuedOn?.vietnamese ?? "—"), .text(doc.issuer),
                 .text(doc.citedIn.joined(separator: ", "))]
            }))
            out.append(el("h2", [("id", "khong-thong-nhat")], text: c.t("Điểm chưa thống nhất trong văn bản")))
            out += plan.inconsistencies.map { item in
                el("div", [("class", "notice")], [el("strong", [], text: item.clauses.joined(separator: ", ") + ": "), .text(item.description)])
            }
            return out
        }
    }
}
