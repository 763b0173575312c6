/// Where a reporter's figures for one obligation and period stand.
public enum SubmissionState: String, Hashable, Sendable, Codable, CaseIterable {
    case draft, submitted, districtApproved, approved, returned

    public var vietnamese: String {
        switch self {
        case .draft: "đang nhập"
        case .submitted: "đã gửi"
        case .districtApproved: "huyện đã duyệt"
        case .approved: "đã duyệt"
        case .returned: "trả lại"
        }
    }

    /// Approved figures are locked; only a reopening with a reason unlocks them.
    public var isLocked: Bool { self == .approved || self == .districtApproved }
}

/// The steps of the approval workflow.
public enum SubmissionAction: String, Hashable, Sendable, Codable, CaseIterable {
    case edit, submit, approve, `return`, reopen

    public var vietnamese: String {
        switch self {
        case .edit: "sửa số liệu"
        case .submit: "gửi"
        case .approve: "duyệt"
        case .return: "trả lại"
        case .reopen: "mở lại"
        }
    }

    /// Returning and reopening say why; the reason goes to whoever must correct the figures.
    public func requireReason(_ comment: String?) throws {
        guard self == .return || self == .reopen,
              comment?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true else { return }
        throw AppError.invalid(self == .return ? "Trả lại cần ghi rõ lý do." : "Mở lại số liệu đã duyệt cần ghi rõ lý do.")
    }
}
