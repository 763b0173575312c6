/// What a user asks to do, for the one permission policy.
public enum Action: Hashable, Sendable {
    /// Create users, grant roles, lift lockouts, list accounts and tokens.
    case manageUsers
    /// Read the audit log.
    case readAudit
    /// Change the installation's settings (the names reports print).
    case manageSettings
    /// Load a household survey.
    case importSurvey
    /// Revoke an API token owned by `owner`.
    case revokeToken(owner: String)
    /// Attach an evidence file to an update posted by `owner`.
    case attachEvidence(owner: String)
    /// Speak for `reporter`: post progress on its tasks, attach evidence.
    case speakFor(Reporter)
    /// A step of the figures' workflow on `reporter`'s submission that stands at `state`.
    case submission(SubmissionAction, state: SubmissionState, reporter: Reporter)
    /// Draft `reporter`'s report; nil: Ban Dân tộc's consolidated report.
    case buildReport(Reporter?)
    /// Import, review and publish a plan issued by `issuer` (nil: a provincial plan, or an issuer not in the directory).
    case managePlan(issuer: Reporter?)
    /// Record how the map and the agencies changed: shares of a split unit, an agency renamed, merged or split.
    case manageMap
    /// Open capital lines and record the decisions on them (giao, điều chỉnh, kéo dài, phân bổ, thu hồi, điều chuyển).
    case manageCapital
    /// Report a month's disbursement of a line held by `holder` (an agency, or a unit's People's Committee).
    case reportDisbursement(holder: Reporter)
    /// Report a work's month; `investor` is its chủ đầu tư (nil: none recorded yet, so only Ban Dân tộc).
    case reportWork(investor: Reporter?)
    /// Approve a work's monthly report: Ban Dân tộc, as it approves figures.
    case approveWork
    /// Change when reminders, escalations and stale-task notices go out: Ban Dân tộc, which follows up.
    case manageReminders
    /// Change how `owner` is told (e-mail address, digest): the owner, or an administrator.
    case editNoticePreferences(owner: String)
}

/// Who may do what: one answer for showing a button (`can`) and for doing the thing (`require`).
/// Hiding a button is never the protection; every use case calls `require`.
public enum Policy {
    public static func can(_ principal: Principal, _ action: Action) -> Bool {
        (try? require(principal, action)) != nil
    }

    /// Throws `AppError.forbidden` (or, for a workflow step the state does not allow, `.conflict` / `.invalid`).
    public static func require(_ principal: Principal, _ action: Action) throws {
        switch action {
        case .manageUsers:
            guard principal.holds(.admin) else {
                throw AppError.forbidden("Chỉ quản trị viên được quản lý tài khoản; \(principal.username) không phải quản trị viên.")
            }
        case .manageSettings:
            guard principal.holds(.admin) else {
                throw AppError.forbidden("Chỉ quản trị viên được đổi thiết lập; \(principal.username) không phải quản trị viên.")
            }
        case .manageReminders:
            guard principal.holds(.coordinator) || principal.holds(.admin) else {
                throw AppError.forbidden("Chỉ Ban Dân tộc và quản trị viên được đổi quy tắc nhắc hạn; \(principal.username) không có vai trò này.")
            }
        case let .editNoticePreferences(owner):
            guard principal.username == owner || principal.holds(.admin) else {
                throw AppError.forbidden("Chỉ chủ tài khoản \(owner) hoặc quản trị viên được đổi cách nhận thông báo của tài khoản này.")
            }
        case .manageMap:
            guard principal.holds(.admin) else {
                throw AppError.forbidden("Chỉ quản trị viên được ghi thay đổi địa giới và cơ quan; \(principal.username) không phải quản trị viên.")
            }
        case .manageCapital:
            guard principal.holds(.coordinator) || principal.holds(.financeOfficer) else {
                throw AppError.forbidden("Chỉ Ban Dân tộc và cán bộ tài chính được ghi kế hoạch vốn và quyết định về vốn; \(principal.username) không có vai trò này.")
            }
        case let .reportDisbursement(holder):
            guard principal.holds(.financeOfficer) || speaksFor(principal, holder) else {
                throw AppError.forbidden("Tài khoản \(principal.username) không báo cáo giải ngân thay cho \(holder.key): chỉ chủ đầu tư, đơn vị sử dụng vốn, Ban Dân tộc hoặc cán bộ tài chính.")
            }
        case let .reportWork(investor):
            guard principal.holds(.coordinator) || investor.map({ speaksFor(principal, $0) }) == true else {
                throw AppError.forbidden("Chỉ chủ đầu tư của công trình và Ban Dân tộc báo cáo tiến độ công trình; \(principal.username) không báo cáo thay được.")
            }
        case .approveWork:
            guard principal.holds(.coordinator) else {
                throw AppError.forbidden("Chỉ Ban Dân tộc duyệt báo cáo tiến độ công trình; \(principal.username) không có vai trò này.")
            }
        case .readAudit:
            guard principal.holds(.admin) || principal.holds(.coordinator) else {
                throw AppError.forbidden("Chỉ quản trị viên và Ban Dân tộc được xem nhật ký thay đổi.")
            }
        case .importSurvey:
            guard principal.holds(.coordinator) else {
                throw AppError.forbidden("Chỉ Ban Dân tộc (điều phối) được nhập số liệu điều tra hộ; \(principal.username) không có vai trò này.")
            }
        case let .revokeToken(owner):
            guard principal.username == owner || principal.holds(.admin) else {
                throw AppError.forbidden("Chỉ chủ sở hữu hoặc quản trị viên được thu hồi mã truy cập này.")
            }
        case let .attachEvidence(owner):
            guard principal.username == owner || principal.holds(.coordinator) else {
                throw AppError.forbidden("Chỉ người gửi cập nhật hoặc Ban Dân tộc được đính kèm minh chứng.")
            }
        case let .speakFor(reporter):
            guard speaksFor(principal, reporter) else {
                throw AppError.forbidden("Tài khoản \(principal.username) không có quyền báo cáo thay cho \(reporter.key).")
            }
        case let .submission(step, state, reporter):
            _ = try ApprovalWorkflow.next(step, from: state, by: principal, reporter: reporter).get()
        case let .buildReport(reporter):
            if principal.holds(.coordinator) { return }
            guard let reporter else {
                throw AppError.forbidden("Chỉ Ban Dân tộc lập báo cáo tổng hợp của tỉnh.")
            }
            // An agency's or a district's own report; a commune's figures reach the province through its district's.
            guard issues(principal, reporter, communes: false) else {
                throw AppError.forbidden("Tài khoản \(principal.username) không được lập báo cáo của \(reporter.key).")
            }
        case let .managePlan(issuer):
            // Ban Dân tộc handles every plan; an agency or a district only the plan it issues itself (V.2: its own
            // plan implementing the province's).
            if principal.holds(.coordinator) { return }
            guard let issuer, issues(principal, issuer, communes: true) else {
                throw AppError.forbidden("Tài khoản \(principal.username) chỉ được nhập và ban hành kế hoạch của chính cơ quan, đơn vị mình"
                                         + (issuer.map { "; kế hoạch này của \($0.key)." } ?? "; kế hoạch này là của tỉnh."))
            }
        }
    }

    /// Whether an agency or district officer acts for `reporter` as the body that issues its documents.
    /// A commune's report reaches the province through its district, but a commune issues its own plan.
    static func issues(_ principal: Principal, _ reporter: Reporter, communes: Bool) -> Bool {
        principal.activeGrants.contains { grant in
            switch (grant.role, reporter) {
            case let (.agencyOfficer, .agency(name)): grant.scope == name
            case let (.districtOfficer, .unit(code, .district, _, era)): grant.names(code, in: era)
            case let (.communeOfficer, .unit(code, .commune, _, era)): communes && grant.names(code, in: era)
            default: false
            }
        }
    }

    /// The coordinator speaks for everyone; an officer for the agency or unit of their scope.
    static func speaksFor(_ principal: Principal, _ reporter: Reporter) -> Bool {
        principal.activeGrants.contains { grant in
            switch (grant.role, reporter) {
            case (.coordinator, _): true
            case let (.agencyOfficer, .agency(name)): grant.scope == name
            case let (.districtOfficer, .unit(code, .district, _, era)): grant.names(code, in: era)
            case let (.communeOfficer, .unit(code, .commune, _, era)): grant.names(code, in: era)
            default: false
            }
        }
    }
}

extension Policy {
    /// May `principal` post progress on a task with `assignments` for `reporter`? The reporter must take part
    /// (itself or through a collective) and the user must speak for it; the answer is the reporter's role.
    public static func reportingRole(_ principal: Principal, for reporter: Agency, assignments: [Assignment], taskCode: String,
                                     directory: AgencyDirectory, on date: CivilDate) -> Result<Assignment.Role, AppError> {
        guard let role = directory.role(of: reporter, in: assignments, on: date) else {
            return .failure(.forbidden("\(reporter.name) không được giao nhiệm vụ \(taskCode) (không chủ trì, không phối hợp)."))
        }
        guard can(principal, .speakFor(Reporter(reporter, directory: directory, on: date))) else {
            return .failure(.forbidden("Tài khoản \(principal.username) không có quyền báo cáo thay cho \(reporter.name)."))
        }
        return .success(role)
    }
}
