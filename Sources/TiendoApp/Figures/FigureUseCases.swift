import TiendoCore
import TiendoStore

/// A reporter's figures for one obligation and period, replaced all or nothing after role, scope, state and
/// every validation rule allow it; the state is read and checked inside the transaction that writes.
public struct SaveFigures: Sendable {
    public var obligation: String, reporter: String, period: String, values: [EntryValue]

    public init(obligation: String, reporter: String, period: String, values: [EntryValue]) {
        (self.obligation, self.reporter, self.period, self.values) = (obligation, reporter, period, values)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> Submission {
        let values = try EntryValue.checked(values)
        return try await DataEntry(app.db, plan: app.plan).save(values, obligation: obligation, reporter: reporter, period: period,
                                                          as: .policy(caller))
    }
}

/// Several reporters' figures (a district's grid of its communes) in one transaction; unchanged ones are left alone.
public struct SaveFiguresOfMany: Sendable {
    public var obligation: String, period: String, batches: [(reporter: String, entries: [EntryValue])]

    public init(obligation: String, period: String, batches: [(reporter: String, entries: [EntryValue])]) {
        (self.obligation, self.period, self.batches) = (obligation, period, batches)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> [Submission] {
        let batches = try self.batches.map { (reporter: $0.reporter, entries: try EntryValue.checked($0.entries)) }
        return try await DataEntry(app.db, plan: app.plan).saveAll(batches, obligation: obligation, period: period, as: .policy(caller))
    }
}

/// Submit, approve, return or reopen a submission. Of two steps racing on one submission one wins; the other
/// is refused with `AppError.conflict` naming the state it lost to.
public struct MoveSubmission: Sendable {
    public var action: SubmissionAction, obligation: String, reporter: String, period: String, comment: String?

    public init(_ action: SubmissionAction, obligation: String, reporter: String, period: String, comment: String?) {
        (self.action, self.obligation, self.reporter, self.period, self.comment) = (action, obligation, reporter, period, comment)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> Submission {
        guard action != .edit else { throw AppError.invalid("Bước không hợp lệ; dùng submit, approve, return hoặc reopen.") }
        try action.requireReason(comment)
        let comment = try self.comment.map { try FreeText.check($0, field: "comment", maxLength: 2_000) }
        return try await DataEntry(app.db, plan: app.plan).apply(action, obligation: obligation, reporter: reporter, period: period,
                                                                  comment: comment, as: .policy(caller))
    }
}

/// A district approves every commune that sent its figures; each approval is its own audited step, and a commune
/// whose state moved meanwhile (returned, reopened) is left as it is.
public struct ApproveAllSent: Sendable {
    public var obligation: String, district: String, period: String

    public init(obligation: String, district: String, period: String) {
        (self.obligation, self.district, self.period) = (obligation, district, period)
    }

    /// The communes approved.
    @discardableResult
    public func run(_ app: AppContext, by caller: Caller) async throws -> [String] {
        let plan = try await app.loadedPlan()
        guard let found = plan.document.reportObligations.first(where: { $0.id == obligation }) else {
            throw AppError.notFound("Không có chế độ báo cáo \"\(obligation)\".")
        }
        let communes = plan.directory.units.children(of: district, at: found.dueOn ?? plan.document.plan.issuedOn)
        guard let first = communes.first else { throw AppError.notFound("\(district) không phải huyện có xã trên bản đồ của kỳ này.") }
        try Policy.require(caller.principal, .submission(.approve, state: .submitted,
                                                         reporter: Reporter(first, in: plan.directory.units)))
        let entry = DataEntry(app.db, plan: plan)
        var approved: [String] = []
        for commune in communes {
            let submission = try await entry.load(obligation: obligation, reporter: commune.code, period: period)
            let reporter = Reporter(commune, in: plan.directory.units)
            guard submission.state == .submitted, Policy.can(caller.principal, .submission(.approve, state: .submitted, reporter: reporter)) else { continue }
            do {
                _ = try await entry.apply(.approve, obligation: obligation, reporter: commune.code, period: period, comment: nil,
                                          as: .policy(caller))
                approved.append(commune.code)
            } catch AppError.conflict {
                continue
            }
        }
        return approved
    }
}

extension StepAuthority {
    /// The permission policy's answer for `caller`, given inside the transaction with the state found there.
    static func policy(_ caller: Caller) -> StepAuthority {
        let principal = caller.principal
        return StepAuthority(actor: caller.actor) { step, state, reporter in
            try ApprovalWorkflow.next(step, from: state, by: principal, reporter: reporter).get()
        }
    }
}

extension EntryValue {
    /// Comments as stored: NFC, no control characters, within 2.000 characters; an element named twice is refused.
    static func checked(_ values: [EntryValue]) throws -> [EntryValue] {
        var seen: Set<String> = []
        return try values.enumerated().map { index, value in
            guard seen.insert("\(value.unitCode ?? "")|\(value.element)").inserted else {
                throw AppError.invalid("Dòng \(index + 1): chỉ tiêu \"\(value.element)\" có hai lần trong cùng một lần gửi.")
            }
            var value = value
            value.comment = try value.comment.map { try FreeText.check($0, field: "comment (dòng \(index + 1))", maxLength: 2_000) }?.nilIfEmpty
            return value
        }
    }
}
