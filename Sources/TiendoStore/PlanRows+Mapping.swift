import SQLKit
import TiendoCore

/// A plan as the rows of its tables, and back.
struct PlanRows {
    var plan: PlanRecord
    var clauses: [ClauseRecord] = []
    var targets: [TargetRecord] = []
    var indicators: [IndicatorRecord] = []
    var readings: [IndicatorReadingRecord] = []
    var groups: [TaskGroupRecord] = []
    var appendixGroups: [AppendixGroupRecord] = []
    var tasks: [TaskRecord] = []
    var assignments: [AssignmentRecord] = []
    var links: [TaskLinkRecord] = []
    var obligations: [ObligationRecord] = []
    var funding: [FundingRecord] = []
    var documents: [LegalDocumentRecord] = []
    var citations: [CitationRecord] = []
    var footnotes: [FootnoteRecord] = []
    var places: [PlaceRecord] = []
    var inconsistencies: [InconsistencyRecord] = []

    // MARK: Document → rows

    init(_ d: PlanDocument) {
        let id = d.id, p = d.plan
        plan = PlanRecord(id: id, number: p.number, documentType: p.documentType, issuedOn: p.issuedOn.iso, issuer: p.issuer,
                          issuerCode: p.issuerCode, place: p.place, signer: p.signer, signerTitle: p.signerTitle,
                          signatureBlock: JSONText.encode(p.signatureBlock), title: p.title, year: p.year,
                          coordinator: p.coordinator, provinceCode: p.provinceCode, basis: JSONText.encode(p.basis),
                          proposedBy: JSONText.encode(p.proposedBy), preamble: JSONText.encode(p.preamble),
                          recipients: JSONText.encode(p.recipients), appendixTitle: JSONText.encode(p.appendixTitle))
        clauses = d.clauses.enumerated().map { i, c in
            ClauseRecord(planId: id, position: i, code: c.code, heading: c.heading, paragraphs: JSONText.encode(c.paragraphs))
        }
        for (i, t) in d.targets.enumerated() {
            targets.append(TargetRecord(planId: id, position: i, code: t.code, number: t.number, text: t.text,
                                        footnotes: t.footnotes.map { JSONText.encode($0) }))
            for (j, x) in t.indicators.enumerated() {
                indicators.append(IndicatorRecord(
                    planId: id, targetCode: t.code, position: j, code: x.code, name: x.name, unit: x.unit,
                    comparator: x.comparator.rawValue, targetValue: x.targetValue.description,
                    baselineValue: x.baseline?.value.description, baselineYear: x.baseline?.year, dueOn: x.dueOn.iso,
                    scope: JSONText.encode(x.scope), sourceClause: x.sourceClause, quote: x.quote,
                    inconsistency: x.inconsistency, footnote: x.footnote))
                for (k, r) in (x.otherReadings ?? []).enumerated() {
                    readings.append(IndicatorReadingRecord(planId: id, indicatorCode: x.code, position: k,
                                                           comparator: r.comparator.rawValue, targetValue: r.targetValue.description,
                                                           sourceClause: r.sourceClause, quote: r.quote))
                }
            }
        }
        var position = 0
        for (i, g) in d.taskGroups.enumerated() {
            groups.append(TaskGroupRecord(planId: id, position: i, code: g.code, number: g.number, title: g.title,
                                          projects: JSONText.encode(g.projects), subproject: g.subproject,
                                          intro: g.intro.map { JSONText.encode($0) },
                                          assignmentText: g.assignmentText.map { JSONText.encode($0) }))
            for t in g.tasks {
                tasks.append(TaskRecord(planId: id, source: "section", position: position, code: t.code, groupCode: g.code,
                                        number: t.number, text: t.text))
                addAssignments(t.assignments, task: t.code, plan: id)
                position += 1
            }
        }
        appendixGroups = d.appendixGroups.enumerated().map { i, g in
            AppendixGroupRecord(planId: id, position: i, code: g.code, title: g.title)
        }
        for row in d.appendix {
            tasks.append(TaskRecord(planId: id, source: "appendix", position: position, code: row.code, groupCode: row.group,
                                    number: row.number, text: row.text, deadlineText: row.deadline.text,
                                    deadlineDate: row.deadline.date?.iso, deadlineKind: row.deadline.kind.rawValue,
                                    assignmentText: JSONText.encode(row.assignmentText),
                                    relatedObligations: row.relatedObligations.map { JSONText.encode($0) }))
            addAssignments(row.assignments, task: row.code, plan: id)
            links += row.relatedTasks.enumerated().map { TaskLinkRecord(planId: id, appendixCode: row.code, position: $0, taskCode: $1) }
            position += 1
        }
        obligations = d.reportObligations.enumerated().map { i, o in
            ObligationRecord(planId: id, position: i, code: o.id, name: o.name, kind: o.kind.rawValue,
                             reporters: JSONText.encode(o.reporters), receiver: o.receiver, via: o.via,
                             deadlineText: o.deadline.text, deadlineDate: o.deadline.date?.iso,
                             deadlineKind: o.deadline.kind.rawValue, sourceClause: o.sourceClause, note: o.note)
        }
        funding = d.funding.enumerated().map { i, f in
            FundingRecord(planId: id, position: i, code: f.code, name: f.name, kind: f.kind.rawValue,
                          capitalType: f.capitalType?.rawValue, sourceClause: f.sourceClause, legalDocument: f.legalDocument)
        }
        for (i, doc) in d.legalDocuments.enumerated() {
            documents.append(LegalDocumentRecord(planId: id, position: i, type: doc.type, number: doc.number, title: doc.title,
                                                 issuedOn: doc.issuedOn?.iso, issuer: doc.issuer, issuerCode: doc.issuerCode))
            citations += doc.citedIn.enumerated().map { CitationRecord(planId: id, documentPosition: i, position: $0, clause: $1) }
        }
        footnotes = d.footnotes.map { FootnoteRecord(planId: id, number: $0.number, text: $0.text, markedIn: $0.markedIn, marker: $0.marker) }
        places = d.places.enumerated().map { i, p in
            PlaceRecord(planId: id, position: i, name: p.name, level: p.level.rawValue, unitCode: p.unitCode,
                        villageName: p.villageName, sourceClause: p.sourceClause, note: p.note)
        }
        inconsistencies = d.inconsistencies.enumerated().map { i, x in
            InconsistencyRecord(planId: id, position: i, code: x.id, kind: x.kind, clauses: JSONText.encode(x.clauses),
                                description: x.description)
        }
    }

    private mutating func addAssignments(_ list: [Assignment], task: String, plan: String) {
        assignments += list.enumerated().map { i, a in
            AssignmentRecord(planId: plan, taskCode: task, position: i, assignee: a.assignee, role: a.role.rawValue,
                             asWritten: a.asWritten, note: a.note, unitCode: a.unitCode)
        }
    }

    func insert(into db: any SQLDatabase) async throws {
        try await db.insert([plan])
        try await db.insert(clauses)
        try await db.insert(targets)
        try await db.insert(indicators)
        try await db.insert(readings)
        try await db.insert(groups)
        try await db.insert(appendixGroups)
        try await db.insert(tasks)
        try await db.insert(assignments)
        try await db.insert(links)
        try await db.insert(obligations)
        try await db.insert(funding)
        try await db.insert(documents)
        try await db.insert(citations)
        try await db.insert(footnotes)
        try await db.insert(places)
        try await db.insert(inconsistencies)
    }

    // MARK: Rows → document

    init?(db: any SQLDatabase, id: String) async throws {
        guard let plan = try await db.select().column("*").from(PlanRecord.table).where("id", .equal, id)
            .first(decoding: PlanRecord.self, keyDecodingStrategy: .snakeCase) else { return nil }
        self.plan = plan
        let byPosition = ["position"]
        clauses = try await db.rows(ClauseRecord.self, plan: id, orderBy: byPosition)
        targets = try await db.rows(TargetRecord.self, plan: id, orderBy: byPosition)
        indicators = try await db.rows(IndicatorRecord.self, plan: id, orderBy: ["target_code", "position"])
        readings = try await db.rows(IndicatorReadingRecord.self, plan: id, orderBy: ["indicator_code", "position"])
        groups = try await db.rows(TaskGroupRecord.self, plan: id, orderBy: byPosition)
        appendixGroups = try await db.rows(AppendixGroupRecord.self, plan: id, orderBy: byPosition)
        tasks = try await db.rows(TaskRecord.self, plan: id, orderBy: byPosition)
        assignments = try await db.rows(AssignmentRecord.self, plan: id, orderBy: ["task_code", "position"])
        links = try await db.rows(TaskLinkRecord.self, plan: id, orderBy: ["appendix_code", "position"])
        obligations = try await db.rows(ObligationRecord.self, plan: id, orderBy: byPosition)
        funding = try await db.rows(FundingRecord.self, plan: id, orderBy: byPosition)
        documents = try await db.rows(LegalDocumentRecord.self, plan: id, orderBy: byPosition)
        citations = try await db.rows(CitationRecord.self, plan: id, orderBy: ["document_position", "position"])
        footnotes = try await db.rows(FootnoteRecord.self, plan: id, orderBy: ["number"])
        places = try await db.rows(PlaceRecord.self, plan: id, orderBy: byPosition)
        inconsistencies = try await db.rows(InconsistencyRecord.self, plan: id, orderBy: byPosition)
    }

    func document() throws -> PlanDocument {
        let p = plan
        let header = Plan(number: p.number, documentType: p.documentType, issuedOn: try required(p.issuedOn, "plans.issued_on"),
                          issuer: p.issuer, issuerCode: p.issuerCode, place: p.place, signer: p.signer, signerTitle: p.signerTitle,
                          signatureBlock: try strings(p.signatureBlock, "plans.signature_block"), title: p.title, year: p.year,
                          coordinator: p.coordinator, provinceCode: p.provinceCode, basis: try strings(p.basis, "plans.basis"),
                          proposedBy: try strings(p.proposedBy, "plans.proposed_by"), preamble: try strings(p.preamble, "plans.preamble"),
                          recipients: try strings(p.recipients, "plans.recipients"),
                          appendixTitle: try p.appendixTitle.map { try strings($0, "plans.appendix_title") } ?? [])
        let readingsByIndicator = Dictionary(grouping: readings, by: \.indicatorCode)
        let indicatorsByTarget = Dictionary(grouping: indicators, by: \.targetCode)
        let assignmentsByTask = Dictionary(grouping: assignments, by: \.taskCode)
        let linksByRow = Dictionary(grouping: links, by: \.appendixCode)
        let citationsByDocument = Dictionary(grouping: citations, by: \.documentPosition)

        let targetList = try targets.map { t in
            Target(code: t.code, number: t.number, text: t.text,
                   indicators: try (indicatorsByTarget[t.code] ?? []).map { try indicator($0, readingsByIndicator[$0.code] ?? []) },
                   footnotes: try t.footnotes.map { try JSONText.decode([Int].self, $0, column: "targets.footnotes") })
        }
        let groupList = try groups.map { g in
            TaskGroup(code: g.code, number: g.number, title: g.title,
                      projects: try JSONText.decode([Int].self, g.projects, column: "task_groups.projects"),
                      subproject: g.subproject, intro: try g.intro.map { try strings($0, "task_groups.intro") },
                      assignmentText: try g.assignmentText.map { try strings($0, "task_groups.assignment_text") },
                      tasks: try tasks.filter { $0.source == "section" && $0.groupCode == g.code }.map { t in
                          PlanTask(code: t.code, number: t.number, text: t.text,
                                   assignments: try (assignmentsByTask[t.code] ?? []).map(assignment))
                      })
        }
        let appendixList = try tasks.filter { $0.source == "appendix" }.map { t in
            AppendixTask(number: t.number, group: t.groupCode, text: t.text,
                         assignments: try (assignmentsByTask[t.code] ?? []).map(assignment),
                         assignmentText: try strings(t.assignmentText ?? "[]", "tasks.assignment_text"),
                         deadline: try deadline(t.deadlineText ?? "", t.deadlineDate, t.deadlineKind ?? "unknown"),
                         relatedTasks: (linksByRow[t.code] ?? []).map(\.taskCode),
                         relatedObligations: try t.relatedObligations.map { try strings($0, "tasks.related_obligations") })
        }
        let obligationList = try obligations.map { o in
            guard let kind = ReportObligation.Kind(rawValue: o.kind) else { throw StoreError.corrupt(column: "report_obligations.kind", value: o.kind) }
            return ReportObligation(id: o.code, name: o.name, kind: kind, reporters: try strings(o.reporters, "report_obligations.reporters"),
                                    receiver: o.receiver, via: o.via, deadline: try deadline(o.deadlineText, o.deadlineDate, o.deadlineKind),
                                    sourceClause: o.sourceClause, note: o.note)
        }
        let fundingList = try funding.map { f in
            guard let kind = FundingSource.Kind(rawValue: f.kind) else { throw StoreError.corrupt(column: "funding_sources.kind", value: f.kind) }
            return FundingSource(code: f.code, name: f.name, kind: kind, capitalType: f.capitalType.flatMap(FundingSource.CapitalType.init(rawValue:)),
                                 sourceClause: f.sourceClause, legalDocument: f.legalDocument)
        }
        let documentList = try documents.map { doc in
            LegalDocument(type: doc.type, number: doc.number, title: doc.title, issuedOn: try date(doc.issuedOn, "legal_documents.issued_on"),
                          issuer: doc.issuer, issuerCode: doc.issuerCode,
                          citedIn: (citationsByDocument[doc.position] ?? []).map(\.clause))
        }
        let placeList = try places.map { p in
            guard let level = PlaceReference.Level(rawValue: p.level) else { throw StoreError.corrupt(column: "place_references.level", value: p.level) }
            return PlaceReference(name: p.name, level: level, unitCode: p.unitCode, villageName: p.villageName,
                                  sourceClause: p.sourceClause, note: p.note)
        }
        return PlanDocument(
            id: p.id, plan: header,
            clauses: try clauses.map { Clause(code: $0.code, heading: $0.heading, paragraphs: try strings($0.paragraphs, "plan_clauses.paragraphs")) },
            targets: targetList, taskGroups: groupList,
            appendixGroups: appendixGroups.map { AppendixGroup(code: $0.code, title: $0.title) },
            appendix: appendixList, reportObligations: obligationList, funding: fundingList,
            footnotes: footnotes.map { Footnote(number: $0.number, text: $0.text, markedIn: $0.markedIn, marker: $0.marker) },
            places: placeList, legalDocuments: documentList,
            inconsistencies: try inconsistencies.map {
                Inconsistency(id: $0.code, kind: $0.kind, clauses: try strings($0.clauses, "inconsistencies.clauses"), description: $0.description)
            })
    }

    private func indicator(_ x: IndicatorRecord, _ other: [IndicatorReadingRecord]) throws -> Indicator {
        Indicator(code: x.code, name: x.name, unit: x.unit, comparator: try comparator(x.comparator),
                  targetValue: try number(x.targetValue, "indicators.target_value"),
                  baseline: try x.baselineValue.map { Baseline(value: try number($0, "indicators.baseline_value"), year: x.baselineYear ?? 0) },
                  dueOn: try required(x.dueOn, "indicators.due_on"),
                  scope: try strings(x.scope, "indicators.scope"), sourceClause: x.sourceClause, quote: x.quote,
                  otherReadings: other.isEmpty ? nil : try other.map { r in
                      IndicatorReading(comparator: try comparator(r.comparator), targetValue: try number(r.targetValue, "indicator_readings.target_value"),
                                       sourceClause: r.sourceClause, quote: r.quote)
                  },
                  inconsistency: x.inconsistency, footnote: x.footnote)
    }

    private func assignment(_ a: AssignmentRecord) throws -> Assignment {
        guard let role = Assignment.Role(rawValue: a.role) else { throw StoreError.corrupt(column: "task_assignments.role", value: a.role) }
        return Assignment(assignee: a.assignee, role: role, asWritten: a.asWritten, note: a.note, unitCode: a.unitCode)
    }

    private func deadline(_ text: String, _ iso: String?, _ kind: String) throws -> Deadline {
        guard let kind = Deadline.Kind(rawValue: kind) else { throw StoreError.corrupt(column: "deadline_kind", value: kind) }
        return Deadline(text: text, date: try date(iso, "deadline_date"), kind: kind)
    }

    private func comparator(_ raw: String) throws -> Comparator {
        guard let value = Comparator(rawValue: raw) else { throw StoreError.corrupt(column: "comparator", value: raw) }
        return value
    }

    private func number(_ raw: String, _ column: String) throws -> ExactNumber {
        guard let value = ExactNumber(raw) else { throw StoreError.corrupt(column: column, value: raw) }
        return value
    }

    private func required(_ raw: String, _ column: String) throws -> CivilDate {
        guard let value = CivilDate(iso: raw) else { throw StoreError.corrupt(column: column, value: raw) }
        return value
    }

    private func strings(_ raw: String, _ column: String) throws -> [String] {
        try JSONText.decode([String].self, raw, column: column)
    }
}
