import Foundation

/// One difference between two versions of a plan: an item added, removed, reworded, or with another
/// lead, deadline or figure.
public struct PlanChange: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        case added, removed, reworded, changedLeads, changedCoordinators, changedDeadline, changedTarget, changed
    }
    /// "III.2.(3)", "PL.5", "II.1.2", "ke-hoach-2024", "1719/QĐ-TTg".
    public var item: String
    public var kind: Kind
    /// The field that differs, for `changed`.
    public var field: String?
    public var before: String?
    public var after: String?

    public init(item: String, kind: Kind, field: String? = nil, before: String? = nil, after: String? = nil) {
        self.item = item
        self.kind = kind
        self.field = field
        self.before = before
        self.after = after
    }

    /// "III.2.(3): chủ trì «Sở Xây dựng» → «Sở Xây dựng; UBND các huyện, thị xã, thành phố»".
    public var description: String {
        let what = switch kind {
        case .added: "thêm mới"
        case .removed: "bỏ"
        case .reworded: "sửa lời"
        case .changedLeads: "đổi chủ trì"
        case .changedCoordinators: "đổi phối hợp"
        case .changedDeadline: "đổi thời hạn"
        case .changedTarget: "đổi chỉ tiêu"
        case .changed: "đổi \(field ?? "")"
        }
        let values = [before.map { "«\($0)»" }, after.map { "«\($0)»" }].compactMap { $0 }.joined(separator: " → ")
        return values.isEmpty ? "\(item): \(what)" : "\(item): \(what) \(values)"
    }
}

/// What differs between two plan documents on what users act on: targets and their figures, tasks and who leads
/// them, appendix rows and their deadlines, report obligations and cited documents.
///
/// One comparison serves two purposes: an amendment's diff against the version it replaces, and the check that
/// the importer reads the seed plan exactly as it was transcribed by hand.
public enum PlanComparison {
    public static func changes(from old: PlanDocument, to new: PlanDocument) -> [PlanChange] {
        var changes: [PlanChange] = []
        func keyed<T>(_ a: [T], _ b: [T], key: (T) -> String, compare: (String, T, T) -> Void) {
            let before = Dictionary(a.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary(b.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
            for item in a where after[key(item)] == nil { changes.append(PlanChange(item: key(item), kind: .removed)) }
            for item in b {
                if let old = before[key(item)] { compare(key(item), old, item) } else { changes.append(PlanChange(item: key(item), kind: .added)) }
            }
        }
        func field(_ item: String, _ kind: PlanChange.Kind, _ name: String? = nil, _ a: String, _ b: String) {
            if a != b { changes.append(PlanChange(item: item, kind: kind, field: name, before: a, after: b)) }
        }
        keyed(old.targets, new.targets, key: \.code) { code, a, b in
            field(code, .reworded, nil, text(a.text), text(b.text))
        }
        // A target's figures compared as a whole: an indicator inserted before others does not make them all differ.
        for target in new.targets {
            guard let before = old.targets.first(where: { $0.code == target.code }) else { continue }
            var remaining = before.indicators.map(figure)
            var added: [String] = []
            for f in target.indicators.map(figure) {
                if let k = remaining.firstIndex(of: f) { remaining.remove(at: k) } else { added.append(f) }
            }
            changes += remaining.map { PlanChange(item: target.code, kind: .changedTarget, before: $0) }
            changes += added.map { PlanChange(item: target.code, kind: .changedTarget, after: $0) }
        }
        keyed(old.taskGroups, new.taskGroups, key: \.code) { code, a, b in field(code, .reworded, nil, text(a.title), text(b.title)) }
        keyed(old.sectionTasks, new.sectionTasks, key: \.code) { code, a, b in
            field(code, .reworded, nil, text(a.text), text(b.text))
            field(code, .changedLeads, nil, names(a.leads), names(b.leads))
            field(code, .changedCoordinators, nil, names(a.coordinators), names(b.coordinators))
        }
        keyed(old.appendixGroups, new.appendixGroups, key: { "PL.\($0.code)" }) { code, a, b in field(code, .reworded, nil, text(a.title), text(b.title)) }
        keyed(old.appendix, new.appendix, key: \.code) { code, a, b in
            field(code, .reworded, nil, text(a.text), text(b.text))
            field(code, .changed, "nhóm", a.group, b.group)
            field(code, .changedLeads, nil, names(a.leads), names(b.leads))
            field(code, .changedCoordinators, nil, names(a.coordinators), names(b.coordinators))
            field(code, .changedDeadline, nil, deadline(a.deadline), deadline(b.deadline))
        }
        keyed(old.reportObligations, new.reportObligations, key: \.id) { id, a, b in
            field(id, .reworded, nil, text(a.name), text(b.name))
            field(id, .changed, "loại", a.kind.rawValue, b.kind.rawValue)
            field(id, .changedDeadline, nil, deadline(a.deadline), deadline(b.deadline))
            field(id, .changed, "đơn vị báo cáo", a.reporters.sorted().joined(separator: "; "), b.reporters.sorted().joined(separator: "; "))
        }
        keyed(old.legalDocuments, new.legalDocuments, key: { $0.reference.lowercased() }) { reference, a, b in
            field(reference, .changed, "loại văn bản", a.type, b.type)
            field(reference, .changed, "ngày ban hành", a.issuedOn?.vietnamese ?? "", b.issuedOn?.vietnamese ?? "")
            field(reference, .changed, "cơ quan ban hành", a.issuerCode, b.issuerCode)
        }
        return changes
    }

    /// Whitespace and Unicode form do not make a difference; words do.
    static func text(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func figure(_ i: Indicator) -> String {
        "\(i.comparator.symbol) \(i.targetValue.vietnamese) \(i.unit), hạn \(i.dueOn.vietnamese)"
    }

    static func deadline(_ d: Deadline) -> String {
        d.date.map { "\(text(d.text)) (\($0.vietnamese))" } ?? text(d.text)
    }

    /// Assignees by canonical name (a named unit by its code too), in a fixed order.
    static func names(_ assignments: [Assignment]) -> String {
        Array(Set(assignments.map { a in a.unitCode.map { "\(a.assignee) [\($0)]" } ?? a.assignee })).sorted().joined(separator: "; ")
    }
}
