import Foundation
import TiendoCore

/// The review form's fields applied to a draft: each field named after the item it edits ("task.III.2.(1).lead.0",
/// "ind.II.1.1.value", "pl.5.due"). Names that are not in the directory, dates and numbers that do not read are
/// listed by field, and the draft keeps what the reviewer typed so a refused form loses nothing.
public enum PlanDraftForm {
    public struct Outcome: Sendable {
        public var draft: PlanDraft
        public var problems: [String: String]
    }

    /// What a reviewer calls a field: "task.III.2.(1).lead.0" → "Nhiệm vụ III.2.(1), chủ trì".
    public static func label(of field: String) -> String {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return field }
        let plain = ["plan.number": "Số hiệu", "plan.issuedOn": "Ngày ban hành", "plan.issuer": "Cơ quan ban hành", "plan.title": "Trích yếu"]
        if let known = plain[field] { return known }
        let roles = [".lead.": "chủ trì", ".coord.": "phối hợp"]
        let fields = ["text": "nội dung", "due": "thời hạn", "dueOn": "hạn", "value": "giá trị", "unit": "đơn vị", "baseline": "giá trị gốc",
                      "baselineYear": "năm gốc", "name": "tên", "comparator": "so sánh", "implements": "nhiệm vụ cấp trên"]
        let what = ["task": "Nhiệm vụ", "pl": "Phụ lục dòng", "ind": "Chỉ tiêu", "target": "Mục tiêu", "ob": "Báo cáo", "new": "Mục thêm mới"][parts[0]] ?? parts[0]
        var rest = parts[1]
        if let (marker, role) = roles.first(where: { rest.contains($0.key) }), let r = rest.range(of: marker) {
            return "\(what) \(rest[..<r.lowerBound]), \(role)"
        }
        if let dot = rest.lastIndex(of: "."), let name = fields[String(rest[rest.index(after: dot)...])] {
            rest = "\(rest[..<dot]), \(name)"
        }
        return "\(what) \(rest)"
    }

    public static func apply(_ fields: [String: String], to original: PlanDraft, directory: AgencyDirectory) -> Outcome {
        var draft = original
        var problems: [String: String] = [:]
        func value(_ name: String) -> String? { fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
        func text(_ name: String, _ current: String) -> String {
            guard let v = value(name) else { return current }
            if (try? FreeText.check(v, field: name, maxLength: 20_000)) == nil { problems[name] = "Có ký tự điều khiển hoặc quá dài." }
            return v
        }
        /// The date typed in `name`; nil when the field is absent or empty. One that does not read is listed.
        func date(_ name: String) -> CivilDate? {
            guard let v = value(name), !v.isEmpty else { return nil }
            if let d = CivilDate(iso: v) { return d }
            problems[name] = "Ngày \"\(v)\" không hợp lệ."
            return nil
        }
        var plan = draft.document.plan
        plan.number = text("plan.number", plan.number)
        plan.issuer = text("plan.issuer", plan.issuer)
        plan.title = text("plan.title", plan.title)
        if let v = value("plan.issuedOn") {
            if let date = CivilDate(iso: v) { plan.issuedOn = date } else { problems["plan.issuedOn"] = "Ngày \"\(v)\" không hợp lệ." }
        }
        draft.document.plan = plan
        if let parent = value("parent") { draft.parentPlanId = parent.isEmpty ? nil : parent }
        if let amends = value("amends") { draft.amends = amends.isEmpty ? nil : amends }
        func assignments(_ prefix: String, current: [Assignment]) -> [Assignment] {
            var result: [Assignment] = []
            for (role, key) in [(Assignment.Role.lead, "lead"), (.coordinating, "coord")] {
                let old = current.filter { $0.role == role }
                let hasFields = fields.keys.contains { $0.hasPrefix("\(prefix).\(key).") }
                guard hasFields else { result += old; continue }
                // A field not sent keeps its name; a field sent empty removes it.
                for k in 0..<max(20, old.count) {
                    guard let name = value("\(prefix).\(key).\(k)") ?? (k < old.count ? old[k].assignee : nil), !name.isEmpty else { continue }
                    if let existing = old.first(where: { $0.assignee == name || $0.asWritten == name }) { result.append(existing); continue }
                    switch directory.resolve(name) {
                    case let .agency(agency)?:
                        result.append(Assignment(assignee: agency.name, role: role, asWritten: name, unitCode: agency.unitCode))
                    case let .collective(collective)?:
                        result.append(Assignment(assignee: collective.name, role: role, asWritten: name))
                    case nil:
                        problems["\(prefix).\(key).\(k)"] = "\"\(name)\" không có trong danh bạ; chọn một tên trong danh sách."
                        result.append(Assignment(assignee: name, role: role, asWritten: name))
                    }
                }
            }
            return result
        }
        for g in draft.document.targets.indices {
            let target = draft.document.targets[g]
            draft.document.targets[g].text = text("target.\(target.code).text", target.text)
            for k in target.indicators.indices {
                let i = target.indicators[k], p = "ind.\(i.code)"
                var edited = i
                edited.name = text("\(p).name", i.name)
                edited.unit = text("\(p).unit", i.unit)
                if let c = value("\(p).comparator"), let comparator = Comparator(rawValue: c) { edited.comparator = comparator }
                if let v = value("\(p).value") {
                    if let n = ExactNumber(v) { edited.targetValue = n } else { problems["\(p).value"] = "\"\(v)\" không phải số (viết 99,9 hoặc 100)." }
                }
                if let v = value("\(p).baseline") {
                    if v.isEmpty { edited.baseline = nil } else if let n = ExactNumber(v) {
                        edited.baseline = Baseline(value: n, year: Int(value("\(p).baselineYear") ?? "") ?? (plan.year - 1))
                    } else { problems["\(p).baseline"] = "\"\(v)\" không phải số." }
                }
                if let d = date("\(p).dueOn") { edited.dueOn = d }
                draft.document.targets[g].indicators[k] = edited
            }
        }
        for g in draft.document.taskGroups.indices {
            for k in draft.document.taskGroups[g].tasks.indices {
                let task = draft.document.taskGroups[g].tasks[k], p = "task.\(task.code)"
                draft.document.taskGroups[g].tasks[k].text = text("\(p).text", task.text)
                draft.document.taskGroups[g].tasks[k].assignments = assignments(p, current: task.assignments)
                if let links = value("\(p).implements") {
                    let codes = links.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
                    draft.implements[task.code] = codes.isEmpty ? nil : codes
                }
            }
        }
        for k in draft.document.appendix.indices {
            let row = draft.document.appendix[k], p = "pl.\(row.number)"
            draft.document.appendix[k].text = text("\(p).text", row.text)
            draft.document.appendix[k].assignments = assignments(p, current: row.assignments)
            if let d = date("\(p).due"), d != row.deadline.date {
                draft.document.appendix[k].deadline = Deadline(text: row.deadline.text, date: d, kind: .day)
            }
        }
        for k in draft.document.reportObligations.indices {
            let o = draft.document.reportObligations[k], p = "ob.\(o.id)"
            if let d = date("\(p).due"), d != o.deadline.date {
                draft.document.reportObligations[k].deadline = Deadline(text: o.deadline.text, date: d, kind: .day)
            }
        }
        // Items typed by hand: a task in a group, a target with one figure.
        if let taskText = value("new.task.text"), !taskText.isEmpty {
            let groupCode = value("new.task.group") ?? ""
            if let g = draft.document.taskGroups.firstIndex(where: { $0.code == groupCode }) ?? (draft.document.taskGroups.isEmpty ? nil : 0) {
                let number = (draft.document.taskGroups[g].tasks.map(\.number).max() ?? 0) + 1
                let code = "\(draft.document.taskGroups[g].code).(\(number))"
                var task = PlanTask(code: code, number: number, text: text("new.task.text", taskText), assignments: [])
                task.assignments = assignments("new.task", current: [])
                draft.document.taskGroups[g].tasks.append(task)
            } else {
                let code = "III.1"
                var task = PlanTask(code: "\(code).(1)", number: 1, text: text("new.task.text", taskText), assignments: [])
                task.assignments = assignments("new.task", current: [])
                draft.document.taskGroups.append(TaskGroup(code: code, number: 1, title: value("new.task.groupTitle") ?? "Nhiệm vụ", projects: [], tasks: [task]))
            }
        }
        if let targetText = value("new.target.text"), !targetText.isEmpty {
            let section = draft.document.targets.first.map { String($0.code.split(separator: ".")[0]) } ?? "II"
            let number = (draft.document.targets.map(\.number).max() ?? 0) + 1
            let code = "\(section).\(number)"
            var indicators: [Indicator] = []
            if let v = value("new.target.value"), !v.isEmpty {
                if let n = ExactNumber(v) {
                    indicators.append(Indicator(code: "\(code).1", name: targetText.clipped(to: 120), unit: value("new.target.unit") ?? "%",
                                                comparator: Comparator(rawValue: value("new.target.comparator") ?? "") ?? .gte, targetValue: n,
                                                dueOn: CivilDate(year: plan.year, month: 12, day: 31)!, scope: [], sourceClause: code))
                } else { problems["new.target.value"] = "\"\(v)\" không phải số." }
            }
            draft.document.targets.append(Target(code: code, number: number, text: text("new.target.text", targetText), indicators: indicators))
        }
        return Outcome(draft: draft, problems: problems)
    }
}
