/// Who may move a submission from one state to the next: commune → district → province.
public enum ApprovalWorkflow {
    /// The state after `action`, or the reason it is refused: the user's role and scope, then the state.
    /// Asked through `Policy` to show a button, and again inside the transaction that makes the step.
    /// A step this user may take from another state, refused only because of the current one, is a conflict
    /// (HTTP 409): somebody else's step came first. One the user may never take is forbidden.
    public static func next(_ action: SubmissionAction, from state: SubmissionState, by principal: Principal,
                            reporter: Reporter) -> Result<SubmissionState, AppError> {
        let result = step(action, from: state, by: principal, reporter: reporter)
        guard case let .failure(.forbidden(why)) = result,
              SubmissionState.allCases.contains(where: { other in
                  other != state && (try? step(action, from: other, by: principal, reporter: reporter).get()) != nil
              }) else { return result }
        return .failure(.conflict("\(why) Số liệu đang ở trạng thái \"\(state.vietnamese)\"."))
    }

    static func step(_ action: SubmissionAction, from state: SubmissionState, by principal: Principal,
                     reporter: Reporter) -> Result<SubmissionState, AppError> {
        func holds(_ role: Role, scope: String?) -> Bool {
            principal.activeGrants.contains { $0.role == role && (scope == nil || $0.scope == scope) }
        }
        let reporterLevel = reporter.level, key = reporter.key
        let isCoordinator = holds(.coordinator, scope: nil)
        let ownsReporter: Bool = switch reporter {
        case let .agency(name): holds(.agencyOfficer, scope: name)
        case let .unit(code, .commune, _, era): principal.holds(.communeOfficer, unit: code, in: era)
        case let .unit(code, .district, _, era): principal.holds(.districtOfficer, unit: code, in: era)
        case .unit: false
        }
        // A commune's district approves first; a commune directly under the province (from 01/07/2025) has none.
        let underDistrict = reporter.district != nil
        let districtAbove: Bool = if case let .unit(_, .commune, district?, era) = reporter {
            principal.holds(.districtOfficer, unit: district, in: era)
        } else { false }
        let reporter = key
        func refuse(_ why: String) -> Result<SubmissionState, AppError> { .failure(.forbidden(why)) }
        switch (action, state) {
        case (.edit, .draft), (.edit, .returned):
            return ownsReporter || districtAbove || isCoordinator ? .success(.draft) : refuse("Không có quyền nhập số liệu cho \(reporter).")
        case (.submit, .draft), (.submit, .returned):
            return ownsReporter || districtAbove || isCoordinator ? .success(.submitted) : refuse("Không có quyền gửi số liệu của \(reporter).")
        case (.approve, .submitted):
            if reporterLevel == .commune && underDistrict {
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
            // The state moved under the user (or was never right): say which state won.
            return .failure(.conflict("Không thể \(action.vietnamese) khi số liệu đang ở trạng thái \"\(state.vietnamese)\"."))
        }
    }
}
