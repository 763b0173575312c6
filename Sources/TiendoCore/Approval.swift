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
}

/// Who may move a submission from one state to the next: commune → district → province.
public enum ApprovalWorkflow {
    /// The state after `action`, or the reason it is refused. `reporter` is the unit whose figures these are
    /// (a commune or district code) or an agency name; `parentDistrict` is a commune's district.
    public static func apply(_ action: SubmissionAction, to state: SubmissionState, by principal: Principal,
                             reporter: String, reporterLevel: AdminLevel?, parentDistrict: String?,
                             comment: String?) -> Result<SubmissionState, AccessError> {
        func holds(_ role: Role, scope: String?) -> Bool {
            principal.grants.contains { $0.role == role && (scope == nil || $0.scope == scope) }
        }
        let isCoordinator = holds(.coordinator, scope: nil)
        let ownsReporter = holds(.communeOfficer, scope: reporter) || holds(.districtOfficer, scope: reporter)
            || holds(.agencyOfficer, scope: reporter)
        let districtAbove = reporterLevel == .commune && parentDistrict.map { holds(.districtOfficer, scope: $0) } == true
        let needsComment = action == .return || action == .reopen
        if needsComment && (comment?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true) {
            return .failure(.invalid(action == .return ? "Trả lại cần ghi rõ lý do." : "Mở lại số liệu đã duyệt cần ghi rõ lý do."))
        }
        func refuse(_ why: String) -> Result<SubmissionState, AccessError> { .failure(.forbidden(why)) }
        switch (action, state) {
        case (.edit, .draft), (.edit, .returned):
            return ownsReporter || districtAbove || isCoordinator ? .success(.draft) : refuse("Không có quyền nhập số liệu cho \(reporter).")
        case (.submit, .draft), (.submit, .returned):
            return ownsReporter || districtAbove || isCoordinator ? .success(.submitted) : refuse("Không có quyền gửi số liệu của \(reporter).")
        case (.approve, .submitted):
            if reporterLevel == .commune {
                return districtAbove ? .success(.districtApproved) : refuse("Số liệu cấp xã do huyện duyệt trước.")
            }
            return isCoordinator ? .success(.approved) : refuse("Chỉ Ban Dân tộc duyệt số liệu cấp tỉnh.")
        case (.approve, .districtApproved):
            return isCoordinator ? .success(.approved) : refuse("Chỉ Ban Dân tộc duyệt số liệu cấp tỉnh.")
        case (.return, .submitted):
            return districtAbove || isCoordinator ? .success(.returned) : refuse("Không có quyền trả lại số liệu của \(reporter).")
        case (.return, .districtApproved):
            return isCoordinator ? .success(.returned) : refuse("Chỉ Ban Dân tộc trả lại số liệu huyện đã duyệt.")
        case (.reopen, .approved):
            return isCoordinator ? .success(.draft) : refuse("Chỉ Ban Dân tộc mở lại số liệu đã duyệt.")
        case (.reopen, .districtApproved):
            return districtAbove || isCoordinator ? .success(.draft) : refuse("Không có quyền mở lại số liệu này.")
        default:
            return .failure(.invalid("Không thể \(action.vietnamese) khi số liệu đang ở trạng thái \"\(state.vietnamese)\"."))
        }
    }
}
