/// A decision that renamed, merged or split provincial agencies ("Quyết định 12/QĐ-UBND ngày 20/02/2025").
///
/// Agencies have versions like units: an agency named in `from` and not in `into` ends on `effectiveOn`; a name
/// in `into` that did not exist begins then, of the same kind. Plans keep the names of their own date; pages add
/// today's ("Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)").
public struct AgencyChange: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// One agency, a new name.
        case rename
        /// Several agencies into one (which may be one of them).
        case merge
        /// One agency into several.
        case split

        public var vietnamese: String {
            switch self {
            case .rename: "đổi tên"
            case .merge: "hợp nhất"
            case .split: "chia tách"
            }
        }
    }

    public var kind: Kind
    public var from: [String]
    public var into: [String]
    public var effectiveOn: CivilDate
    /// The decision's number ("12/QĐ-UBND") and date.
    public var decision: String
    public var decisionDate: CivilDate?
    public var note: String?

    public init(kind: Kind, from: [String], into: [String], effectiveOn: CivilDate, decision: String, decisionDate: CivilDate? = nil, note: String? = nil) {
        (self.kind, self.from, self.into, self.effectiveOn, self.decision, self.decisionDate, self.note) =
            (kind, from, into, effectiveOn, decision, decisionDate, note)
    }

    /// Checks the change's shape against the directory as it stands the day before it: every `from` is an agency in
    /// force, the counts fit the kind, a decision is named. Returns the change with names spelt as the directory does.
    public func checked(against directory: AgencyDirectory) throws -> AgencyChange {
        var change = self
        change.decision = decision.trimmingCharacters(in: .whitespaces)
        change.into = into.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !change.decision.isEmpty else { throw AppError.invalid("Cần số văn bản quyết định thay đổi (ví dụ 12/QĐ-UBND).") }
        let before = effectiveOn.adding(days: -1)
        change.from = try from.map { name in
            guard case let .agency(agency)? = directory.resolve(name), agency.kind != .peoplesCommittee else {
                throw AppError.invalid("\"\(name)\" không phải cơ quan cấp tỉnh trong danh bạ.")
            }
            guard directory.isInForce(agency.name, on: before) else {
                throw AppError.invalid("\(agency.name) đã không còn trước ngày \(effectiveOn.vietnamese).")
            }
            return agency.name
        }
        switch kind {
        case .rename where change.from.count == 1 && change.into.count == 1 && change.from != change.into: break
        case .merge where change.from.count >= 2 && change.into.count == 1: break
        case .split where change.from.count == 1 && change.into.count >= 2: break
        default:
            throw AppError.invalid("\(kind.vietnamese.capitalized): cần \(kind == .merge ? "ít nhất hai cơ quan cũ và một cơ quan mới" : kind == .split ? "một cơ quan cũ và ít nhất hai cơ quan mới" : "một cơ quan cũ và một tên mới khác tên cũ").")
        }
        for name in change.into where change.from.contains(name) == false {
            _ = try FreeText.check(name, field: "tên cơ quan mới", maxLength: 200)
            if case .agency? = directory.resolve(name), directory.isInForce(name, on: before) {
                throw AppError.invalid("\"\(name)\" đã là một cơ quan đang hoạt động: một thay đổi không đặt tên trùng.")
            }
        }
        return change
    }
}

extension AgencyDirectory {
    /// Whether the agency `name` exists on `date`: not ended by a change before it, not begun by one after it.
    public func isInForce(_ name: String, on date: CivilDate) -> Bool {
        for change in changes {
            if change.effectiveOn <= date, change.from.contains(name), !change.into.contains(name) { return false }
            if change.effectiveOn > date, change.into.contains(name), !change.from.contains(name) { return false }
        }
        return true
    }

    /// The agencies that carry on `name`'s work on `date`, following every change up to then; `[name]` when none.
    public func successors(of name: String, on date: CivilDate) -> [String] {
        var current = [name]
        for change in changes.sorted(by: { $0.effectiveOn < $1.effectiveOn }) where change.effectiveOn <= date {
            current = current.flatMap { change.from.contains($0) ? change.into : [$0] }.uniqued()
        }
        return current
    }

    /// "Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)" once a change was recorded; the name alone otherwise.
    public func withSuccessor(_ name: String, on date: CivilDate) -> String {
        let now = successors(of: name, on: date)
        return now == [name] ? name : "\(name) (nay là \(now.joined(separator: ", ")))"
    }

    /// The directory with `changes` applied: each new name an agency of the kind of the first it comes from.
    public func applying(_ changes: [AgencyChange]) -> AgencyDirectory {
        var agencies = self.agencies
        for change in changes {
            let kind = change.from.compactMap { name in agencies.first { $0.name == name }?.kind }.first ?? .department
            for name in change.into where !agencies.contains(where: { $0.name == name }) {
                agencies.append(Agency(name: name, kind: kind))
            }
        }
        return AgencyDirectory(provinceCode: provinceCode, agencies: agencies, collectives: collectives, units: units,
                               changes: self.changes + changes)
    }
}
