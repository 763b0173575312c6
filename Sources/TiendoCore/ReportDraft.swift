import Foundation

/// What a report says, in the plan's order, built from the data alone; the writers only lay it out.
/// A unit report is an agency's or a district's; the consolidated report is Ban Dân tộc's to UBND tỉnh.
public struct ReportDraft: Sendable {
    public struct Issuer: Sendable {
        /// The body above the issuer (the plan's issuer: "UBND TỈNH QUẢNG NINH"), if any.
        public var parent: String?
        public var name: String
        /// "BC-BDT": the document's symbol after the number, which the office fills in.
        public var symbol: String
        /// The signature block's authority lines, one per line ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").
        public var authority: String
    }

    public struct IndicatorLine: Sendable {
        public var target: String
        public var code: String
        public var name: String
        public var unit: String
        public var baseline: String
        public var goal: String
        public var value: String
        public var assessment: TargetAssessment.Status
        /// "đạt", "không đạt", …: what the report prints.
        public var status: String { assessment.vietnamese }
        public var reason: String
        /// Where the figure came from: unit, period, approval state.
        public var source: String
        /// The exact value, for the annex's number cells.
        public var number: Decimal?
        public var scale: Int
    }

    public struct TaskLine: Sendable {
        public var code: String
        public var text: String
        public var leads: String
        public var coordinators: String
        public var deadline: CivilDate?
        public var state: TaskStatus
        /// "hoàn thành", "quá hạn", …: what the report prints.
        public var status: String { state.vietnamese }
        public var done: String
        public var evidence: String
        public var isLate: Bool
        /// Whether any assignee has reported on it; those without are summed up per group, not listed one by one.
        public var hasReport: Bool
    }

    public struct TaskSection: Sendable {
        public var title: String
        public var tasks: [TaskLine]
    }

    public struct CompletenessLine: Sendable {
        public var reporter: String
        public var outcome: String
    }

    public var issuer: Issuer
    public var place: String
    public var title: String
    public var periodLabel: String
    public var recipients: [String]
    /// Reporters still missing when the draft was built; said on the first page.
    public var missing: [String]
    public var assessment: [String]
    public var indicators: [IndicatorLine]
    public var taskSections: [TaskSection]
    public var completeness: [CompletenessLine]
    public var difficulties: [String]
    /// Capital and works held by the reporter (everything, in the consolidated report), as of the period's cut-off.
    public var money: CapitalReport
    /// Indicators by unit for the annex: units (districts, then the province total) × indicators.
    public var unitTable: (units: [String], indicators: [String], values: [[Decimal?]])
}

/// Everything a report is drafted from.
public struct ReportInputs: Sendable {
    public var plan: PlanDocument
    public var directory: AgencyDirectory
    public var updates: [TaskUpdate]
    /// Approved figures (and survey figures) of every unit.
    public var values: [DataValue]
    /// Per obligation and reporter: where its figures stand and when it first sent them.
    public var states: [String: [String: (state: SubmissionState, sentOn: CivilDate?)]]
    public var today: CivilDate
    /// Names in the header and the place line; the plan's own unless settings override them.
    public var profile: DeploymentProfile
    public var capital: CapitalInputs

    public init(plan: PlanDocument, directory: AgencyDirectory, updates: [TaskUpdate], values: [DataValue],
                states: [String: [String: (state: SubmissionState, sentOn: CivilDate?)]], today: CivilDate,
                profile: DeploymentProfile? = nil, capital: CapitalInputs = CapitalInputs()) {
        self.capital = capital
        self.profile = profile ?? DeploymentProfile(plan: plan.plan)
        self.plan = plan
        self.directory = directory
        self.updates = updates
        self.values = values
        self.states = states
        self.today = today
    }
}

extension ReportDraft {
    /// The draft of `obligation`'s report by `reporter` (a unit code or agency name), or Ban Dân tộc's consolidated
    /// report when `reporter` is nil, over `period`.
    public static func make(_ inputs: ReportInputs, obligation: ReportObligation, reporter: String?, period: ReportingPeriod) throws -> ReportDraft {
        let plan = inputs.plan, directory = inputs.directory
        let due = obligation.dueOn ?? period.end
        let structure = min(period.end, inputs.today)
        // Who speaks, and for which unit the figures are read.
        let issuer: Issuer, figureUnit: String, filter: TaskFilter
        var unitName = "toàn tỉnh"
        var counted: (unit: String?, agency: String?) = (nil, nil)   // whose tasks the assessment counts
        var place = inputs.profile.place
        if let reporter {
            guard let agency = directory.reporter(named: reporter, on: due) else {
                throw AppError.notFound("Không có cơ quan hay đơn vị \"\(reporter)\".")
            }
            if let code = agency.unitCode, let unit = directory.units.unit(code: code, asOf: due) {
                // NĐ 30/2020: a People's Committee signs on behalf of the committee, usually by a vice-chairman,
                // and dates from its own place ("Hạ Long, ngày …").
                issuer = Issuer(parent: nil, name: agency.name.uppercased(), symbol: "BC-UBND",
                                authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
                place = unit.name.hasPrefix(unit.kind + " ") ? String(unit.name.dropFirst(unit.kind.count + 1)) : unit.name
                figureUnit = unit.code
                counted.unit = unit.code
                filter = TaskFilter(unitCode: unit.code)
                unitName = unit.name
            } else {
                issuer = Issuer(parent: inputs.profile.issuer.uppercased(), name: agency.name.uppercased(), symbol: "BC-" + initials(agency.name),
                                authority: Self.signingAuthority(of: agency.name))
                figureUnit = plan.plan.provinceCode
                counted.agency = agency.name
                filter = TaskFilter(agency: agency.name)
            }
        } else {
            issuer = Issuer(parent: inputs.profile.issuer.uppercased(), name: plan.plan.coordinator.uppercased(), symbol: "BC-BDT", authority: "TRƯỞNG BAN")
            figureUnit = plan.plan.provinceCode
            filter = TaskFilter()
        }

        // Indicators: approved figures rolled up to the unit, against each target.
        let seed = try SeedData.indicatorDefinitions()
        let rollUp = RollUp(elements: seed.elements, values: inputs.values, units: directory.units, structure: structure)
        let baseline = ReportingPeriod.year(period.start.year - 1)
        var indicators: [IndicatorLine] = []
        for target in plan.targets {
            for indicator in target.indicators {
                let definition = seed.definitions.first { $0.indicator == indicator.code }
                var value = definition.flatMap { rollUp.indicator($0, unit: figureUnit, period: period, baseline: baseline) }
                // A flow over part of the year against a yearly target is put on a yearly footing, and says so.
                var annualised = ""
                if let definition, let part = value, let factor = period.annualisingFactor,
                   indicator.unit.hasSuffix("/năm"), definition.measuresFlow(seed.elements) {
                    value = part * factor.rational
                    annualised = " Số \(period.label) quy ra cả năm (× \(factor.numerator)/\(factor.denominator) ngày) để so với mục tiêu năm."
                }
                let rounded = value.map { $0.rounded(definition?.scale ?? 1) }
                // Judged as of the period's cut-off, whatever the machine's date: a 2024 half-year report reads the same in 2026.
                let assessment = TargetStatus.assess(indicator, actual: rounded, measuredOn: structure, today: structure)
                let coverage = definition.flatMap { rollUp.coverage($0, unit: figureUnit, period: period) }
                let reading = indicator.readings.first
                indicators.append(IndicatorLine(
                    target: "\(target.code). \(target.text)".clipped(to: 120), code: indicator.code, name: indicator.name, unit: indicator.unit,
                    baseline: indicator.baseline.map { "\($0.value.vietnamese) (\($0.year))" } ?? "—",
                    goal: reading.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese)" } ?? "—",
                    value: rounded.map { ExactNumber($0).vietnamese } ?? "chưa có số liệu",
                    assessment: assessment.status, reason: assessment.reason + annualised,
                    source: rounded == nil ? "—" : "Số liệu đã duyệt \(period.label), \(unitName), tổng hợp theo công thức \(definition.map { Self.describe($0, seed.elements) } ?? "")"
                        + (coverage.map(Self.describe) ?? ""),
                    number: rounded, scale: definition?.scale ?? 1))
            }
        }

        // Tasks, in the plan's order, with what their latest updates say.
        let progress = PlanProgress.compute(plan, directory: directory, updates: inputs.updates, today: inputs.today)
        let listings = try TaskQuery.run(plan, directory: directory, filter: filter)
        var sections: [TaskSection] = []
        for group in plan.taskGroups {
            let tasks = listings.filter { $0.source == .section && $0.group == group.code }.map { line(for: $0, progress[$0.code], inputs.today) }
            if !tasks.isEmpty { sections.append(TaskSection(title: "\(group.code). \(group.title)", tasks: tasks)) }
        }
        let appendix = listings.filter { $0.source == .appendix }.map { line(for: $0, progress[$0.code], inputs.today) }
        if !appendix.isEmpty { sections.append(TaskSection(title: "Nhiệm vụ theo Phụ lục (có thời hạn)", tasks: appendix)) }

        // Completeness of the reports this one draws on.
        let expected = obligation.expectedReporters(directory: directory)
        let states = inputs.states[obligation.id] ?? [:]
        let completeness = Completeness.compute(dueOn: due, level: expected.level, agencies: expected.agencies, units: directory.units,
                                                submissions: states.compactMapValues(\.sentOn), today: inputs.today)
        var lines = completeness.lines
        if let reporter, let code = directory.units.versions(of: reporter).last?.code, directory.units.versions(of: code).last?.level == .district {
            let communes = Completeness.compute(dueOn: due, level: .commune, agencies: [], units: directory.units,
                                                submissions: states.compactMapValues(\.sentOn), today: inputs.today)
            let children = Set(directory.units.children(of: code, at: due).map(\.code))
            lines = communes.lines.filter { children.contains($0.reporter) }
        } else if reporter != nil {
            lines = []
        } else {
            // Ban Dân tộc writes this report; it does not wait for itself.
            lines = lines.filter { $0.reporter != plan.plan.coordinator }
        }
        let completenessLines = lines.map { l in
            CompletenessLine(reporter: directory.units.unit(code: l.reporter, asOf: due).map { directory.committee(of: $0).name } ?? l.reporter,
                             outcome: l.vietnamese(state: states[l.reporter]?.state).capitalizedFirst)
        }
        let missing = lines.filter { $0.outcome == .missing }.map { l in
            directory.units.unit(code: l.reporter, asOf: due).map { directory.committee(of: $0).name } ?? l.reporter
        }

        // Difficulties: what reporters wrote when they said a task was stuck.
        let relevant = Set(listings.map(\.code))
        let difficulties = inputs.updates.filter { $0.status == .blocked && relevant.contains($0.taskCode) }
            .map { "\($0.taskCode) (\($0.reporter)): \($0.note)" }

        // Money: the lines and works the reporter holds (for a district, its communes' too).
        let speaker = reporter.flatMap { Reporter.resolve($0, directory: directory, on: due) }
        let funnel = try CapitalFunnel.compute(lines: inputs.capital.lines, events: inputs.capital.events,
                                               disbursements: inputs.capital.disbursements, asOf: structure)
        let money = try CapitalReport.make(funnel: funnel, year: period.end.year, works: inputs.capital.works.filter { $0.planId == plan.id },
                                           progress: inputs.capital.progress, directory: directory, unassignedWorks: reporter == nil) {
            $0.belongs(to: speaker, directory: directory, on: due)
        }

        let work = WorkCounts.of(unitCode: counted.unit, agency: counted.agency, in: progress, on: structure)
        let measured = indicators.filter { $0.number != nil }
        var assessment = [
            "Thực hiện Kế hoạch số \(plan.plan.number) ngày \(plan.plan.issuedOn.vietnamese) của \(plan.plan.issuer), \(reporter == nil ? "các sở, ban, ngành và UBND các huyện, thị xã, thành phố" : "đơn vị") được giao chủ trì \(work.leads.count) nhiệm vụ; đến \(structure.vietnamese), \(work.reported.count) nhiệm vụ đã có báo cáo tiến độ, \(work.done.count) nhiệm vụ đã hoàn thành, \(work.late.count) nhiệm vụ quá hạn.",
            "Trong \(indicators.count) chỉ tiêu của kế hoạch, \(measured.count) chỉ tiêu có số liệu đã duyệt cho \(period.label.lowercased()): \(measured.filter { $0.assessment == .met }.count) đạt, \(measured.filter { $0.assessment == .onTrack }.count) đúng tiến độ, \(measured.filter { $0.assessment == .atRisk }.count) có nguy cơ, \(measured.filter { $0.assessment == .missed }.count) không đạt.",
        ]
        if !completenessLines.isEmpty {
            assessment.append("Về chế độ báo cáo: \(lines.count - missing.count)/\(lines.count) đơn vị đã gửi báo cáo\(missing.isEmpty ? "." : "; còn \(missing.count) đơn vị chưa gửi.")")
        }

        // The annex's indicators by district, with the province's total from the same roll-up.
        let districts = directory.units.units(at: structure, level: .district)
        let unitCodes = districts.map(\.code) + [plan.plan.provinceCode]
        let measuredDefinitions = seed.definitions
        let values = unitCodes.map { code in
            measuredDefinitions.map { d in rollUp.indicator(d, unit: code, period: period, baseline: baseline)?.rounded(d.scale) }
        }
        return ReportDraft(
            issuer: issuer, place: place,
            title: "Kết quả thực hiện Kế hoạch số \(plan.plan.number) ngày \(plan.plan.issuedOn.vietnamese) của \(plan.plan.issuer), \(period.label.lowercased())",
            periodLabel: period.label,
            recipients: reporter == nil ? ["UBND tỉnh (b/c)", "Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố", "Lưu: VT, …"]
                : ["\(plan.plan.coordinator) (tổng hợp)", "Lưu: VT, …"],
            missing: missing, assessment: assessment, indicators: indicators, taskSections: sections,
            completeness: completenessLines, difficulties: difficulties, money: money,
            unitTable: (districts.map(\.name) + ["Toàn tỉnh"], measuredDefinitions.map(\.indicator), values))
    }

    /// Who signs for a provincial body, by the kind its name says: a department's director, a board's head, the
    /// standing committee of the Front and of each mass organisation (NĐ 30/2020 and the organisations' own rules).
    /// The first match wins; a body none of them names signs as its head ("THỦ TRƯỞNG CƠ QUAN").
    static let signingAuthorities: [(prefix: String, authority: String)] = [
        ("Sở ", "GIÁM ĐỐC"), ("Công an", "GIÁM ĐỐC"), ("Trung tâm", "GIÁM ĐỐC"), ("Bảo hiểm xã hội", "GIÁM ĐỐC"),
        ("Chi nhánh", "GIÁM ĐỐC"), ("Ban Dân tộc", "TRƯỞNG BAN"), ("Ban ", "TRƯỞNG BAN"), ("Thanh tra", "CHÁNH THANH TRA"),
        ("Văn phòng", "CHÁNH VĂN PHÒNG"), ("Cục Thống kê", "CỤC TRƯỞNG"), ("Bộ Chỉ huy", "CHỈ HUY TRƯỞNG"),
        ("Ủy ban Mặt trận", "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH"), ("Tỉnh Đoàn", "TM. BAN THƯỜNG VỤ\nBÍ THƯ"),
        ("Hội ", "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH"), ("Liên đoàn Lao động", "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH"),
        ("Liên minh", "CHỦ TỊCH"), ("Liên hiệp", "CHỦ TỊCH"),
    ]

    public static func signingAuthority(of agency: String) -> String {
        signingAuthorities.first { agency.hasPrefix($0.prefix) }?.authority ?? "THỦ TRƯỞNG CƠ QUAN"
    }

    /// "; trên 76/171 xã (3 xã có một trong hai số, không tính)": the units a figure rests on.
    static func describe(_ coverage: Coverage) -> String {
        "; trên \(coverage.vietnamese)" + (coverage.incomplete.isEmpty ? ""
            : " (\(coverage.incomplete.count) \(coverage.level.vietnamese) chỉ có một trong hai số, không tính)")
    }

    static func line(for listing: TaskListing, _ summary: TaskProgressSummary?, _ today: CivilDate) -> TaskLine {
        let status = summary?.status ?? .notStarted
        let last = summary?.lastUpdate
        return TaskLine(code: listing.code, text: listing.text, leads: listing.leads.joined(separator: "; "),
                        coordinators: listing.coordinators.joined(separator: "; "),
                        deadline: listing.deadline?.date, state: status,
                        done: last.map { "\($0.note) (\($0.reporter), \($0.progress)%)" } ?? "Chưa có báo cáo.",
                        evidence: last.flatMap { u in u.evidenceNumber.map { "\($0)\(u.evidenceDate.map { " ngày \($0.vietnamese)" } ?? "")" } } ?? "",
                        isLate: status == .overdue, hasReport: last != nil)
    }

    /// The formula in words, as an official reads it: "Tổng thu nhập của hộ ÷ Số nhân khẩu × 1/1000000".
    static func describe(_ definition: IndicatorDefinition, _ elements: [DataElement]) -> String {
        func name(_ code: String) -> String { elements.first { $0.code == code }?.name ?? code }
        func factor(_ f: Rational.Literal) -> String { f.numerator == 1 && f.denominator == 1 ? "" : " × \(f)" }
        return switch definition.formula {
        case let .ratio(n, d, f): "\(name(n)) ÷ \(name(d))\(factor(f))"
        case let .value(e, f): "\(name(e))\(factor(f))"
        case let .countUnits(e, level, c, t): "số \(level.vietnamese) có \(name(e).lowercasedFirst) \(c.symbol) \(t)"
        case let .shareOfUnits(e, level, c, t): "số \(level.vietnamese) có \(name(e).lowercasedFirst) \(c.symbol) \(t) ÷ tổng số \(level.vietnamese) × 100"
        case let .minimumOverUnits(e, level): "giá trị nhỏ nhất của \(name(e).lowercasedFirst) trong các \(level.vietnamese)"
        case let .reduction(e): "(\(name(e)) năm trước − năm nay) ÷ năm trước × 100"
        }
    }

    /// "Sở Giáo dục và Đào tạo" → "SGDĐT": the usual shape of an agency's document symbol.
    static func initials(_ name: String) -> String {
        name.split(separator: " ").compactMap { $0.first.map { String($0).uppercased() } }.filter { $0 != "V" && $0 != "-" }.joined()
    }
}

extension String {
    /// "đúng hạn …" → "Đúng hạn …", for a table cell that starts a sentence.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
