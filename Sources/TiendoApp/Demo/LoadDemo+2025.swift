import Foundation
import TiendoCore
import TiendoStore

/// The demo's 2025: a plan in Kế hoạch 54's shape one year on, issued while districts still existed, amended after
/// the reorganisation of 01/07/2025, with the half-year reported by districts and the year by the 54 new units.
extension LoadDemo {
    public static let plan2025 = "kh-mo-phong-2025"
    static let newMap = CivilDate(year: 2025, month: 7, day: 1)!

    struct Year2025 { var accounts: [String] = [], updates = 0, submissions = 0, communes: [AdminUnit] = [] }

    /// Publishes the 2025 plan, simulates its half-year (districts), publishes the amendment, makes an officer for
    /// each new commune-level unit (of the simulated districts' territory) and simulates the year by those units.
    static func simulate2025(_ context: AppContext, seed: LoadedPlan, setup: Caller, password: String, districts: [AdminUnit],
                             coordinator: Principal, figures: inout Figures, random: inout Random) async throws -> Year2025 {
        let db = context.db
        let asCoordinator = Caller(principal: coordinator, address: "demo")
        var year = Year2025()
        func publish(_ document: PlanDocument, amends: String?) async throws -> AppContext {
            let draft = PlanDraft(document: document, lines: [], sources: [:], problems: [], amends: amends)
            let id = try await PlanDrafts(db).create(draft, fileName: "\(document.plan.number.replacingOccurrences(of: "/", with: "-")) (mô phỏng).json",
                                                     by: asCoordinator.actor)
            _ = try await PublishPlanDraft(id: id).run(context, by: asCoordinator)
            guard let loaded = try await PlanRepository(db).load(id: plan2025) else { throw AppError.notFound("Không có kế hoạch \(plan2025).") }
            return AppContext(db: db, hasher: context.hasher, loginPolicy: context.loginPolicy, plan: loaded)
        }
        let first = try await publish(plan2025(from: seed.document), amends: nil)
        year.submissions += try await figures.simulate("bao-cao-6-thang-2025", app: first, districts: districts, coordinator: coordinator, random: &random)

        let amended = try await publish(amendment2025(of: try await first.loadedPlan().document), amends: plan2025)
        let units = try await amended.loadedPlan().directory.units
        let chosen = Set(districts.map(\.code))
        // The new units that took in territory of the simulated districts.
        let communes = units.units(at: newMap, level: .commune).filter { unit in
            units.predecessors(of: unit).contains { $0.parentCode.map(chosen.contains) ?? false }
        }
        var officers: [(AdminUnit, Principal)] = []
        for unit in communes {
            let name = "demo-xa-\(unit.code)"
            try await CreateUser(username: name, password: password, role: .communeOfficer, scope: unit.code, mapDate: newMap).run(amended, by: setup)
            guard let officer = try await Accounts(db).principal(name) else { throw AppError.notFound(name) }
            officers.append((unit, officer))
            year.accounts.append(name)
        }
        year.communes = communes
        year.updates = try await simulateUpdates(amended, units: Set(communes.map(\.code)), by: asCoordinator, random: &random)
        year.submissions += try await figures.simulate("bao-cao-nam-2025", app: amended, districts: [], communes: officers,
                                                       coordinator: coordinator, random: &random)
        return year
    }

    /// Kế hoạch 54 moved a year: issued 20/02/2025, every date and "năm 2024" a year later, the places and the
    /// transcription notes of the 2024 document left out. Targets keep their values; baselines go (2024 is now a
    /// year of the series, with its own figures).
    static func plan2025(from seed: PlanDocument) -> PlanDocument {
        var plan = seed
        plan.id = plan2025
        plan.plan.number = "36/KH-UBND"
        plan.plan.issuedOn = CivilDate(year: 2025, month: 2, day: 20)!
        plan.plan.year = 2025
        plan.plan.title = later(seed.plan.title)
        plan.plan.preamble = seed.plan.preamble.map(later)
        plan.clauses = seed.clauses.map { var c = $0; c.heading = c.heading.map(later); c.paragraphs = c.paragraphs.map(later); return c }
        plan.targets = seed.targets.map { target in
            var t = target
            t.text = later(t.text)
            t.indicators = t.indicators.map { i in
                var i = i
                i.dueOn = CivilDate(year: i.dueOn.year + 1, month: i.dueOn.month, day: i.dueOn.day) ?? i.dueOn
                i.baseline = nil
                i.name = later(i.name)
                i.quote = i.quote.map(later)
                i.inconsistency = nil
                i.otherReadings = nil
                return i
            }
            return t
        }
        plan.taskGroups = seed.taskGroups.map { group in
            var g = group
            g.tasks = g.tasks.map { var t = $0; t.text = later(t.text); return t }
            return g
        }
        plan.appendix = seed.appendix.map { task in
            var t = task
            t.text = later(t.text)
            t.deadline = Deadline.parse(later(t.deadline.text), planYear: 2025)
            return t
        }
        plan.reportObligations = seed.reportObligations.map { o in
            var o = o
            o.id = later(o.id)
            o.name = later(o.name)
            o.deadline = Deadline.parse(later(o.deadline.text), planYear: 2025)
            return o
        }
        plan.footnotes = seed.footnotes.map { var f = $0; f.text = later(f.text); return f }
        plan.places = []
        plan.inconsistencies = []
        return plan
    }

    /// The amendment of 15/07/2025: what districts were given goes to the communes (the districts no longer exist),
    /// the reports still due are sent by the communes, and two targets are raised.
    static func amendment2025(of plan: PlanDocument) -> PlanDocument {
        var amended = plan
        // The plan keeps its number and date; the amending document is named in its preamble and in the plan's history.
        amended.plan.preamble.append("Sửa đổi, bổ sung theo Kế hoạch số 112/KH-UBND ngày 15/7/2025 của UBND tỉnh sau khi sắp xếp đơn vị hành chính cấp xã (từ ngày 01/7/2025).")
        let districts = "UBND các huyện, thị xã, thành phố", communes = "UBND cấp xã"
        func moved(_ assignments: [Assignment]) -> [Assignment] {
            var result: [Assignment] = []
            for a in assignments {
                guard a.assignee == districts || a.unitCode != nil else { result.append(a); continue }
                let replacement = Assignment(assignee: communes, role: a.role, asWritten: "UBND các xã, phường, đặc khu", note: a.note)
                if !result.contains(replacement) { result.append(replacement) }
            }
            return result
        }
        amended.taskGroups = plan.taskGroups.map { group in
            var g = group
            g.tasks = g.tasks.map { var t = $0; t.assignments = moved(t.assignments); return t }
            return g
        }
        amended.appendix = plan.appendix.map { var t = $0; t.assignments = moved(t.assignments); return t }
        amended.reportObligations = plan.reportObligations.map { o in
            guard (o.dueOn ?? newMap) >= newMap else { return o }
            var o = o
            o.reporters = o.reporters.map { $0 == districts ? communes : $0 }
            return o
        }
        for (code, value) in [("II.1.1", "105.0"), ("II.1.3", "55")] {
            for t in amended.targets.indices {
                for i in amended.targets[t].indicators.indices where amended.targets[t].indicators[i].code == code {
                    amended.targets[t].indicators[i].targetValue = ExactNumber(value)!
                }
            }
        }
        return amended
    }

    /// Years 2023 and 2024 in running text one year later; a year inside a document's number ("13/2023/NQ-HĐND")
    /// stays, since that document does not change.
    static func later(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "(?<!\\d)(2023|2024)(?![\\d/])")
        var result = text
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range, in: result), let year = Int(result[range]) else { continue }
            result.replaceSubrange(range, with: String(year + 1))
        }
        return result
    }
}
