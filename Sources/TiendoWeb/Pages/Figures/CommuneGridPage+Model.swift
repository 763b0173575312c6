import TiendoCore
import TiendoStore

extension CommuneGridPage {
    /// A district's communes for one obligation and period: their figures, where each stands, and what this user may
    /// do (edit a commune's column, approve those sent, send the district's report), asked of the policy.
    struct Model {
        var obligation: ReportObligation
        var district: AdminUnit
        var periodCode: String
        var communes: [AdminUnit]
        var elements: [DataElement]
        var submissions: [String: Submission]
        /// The district's own report: sent once its communes' figures are approved.
        var own: Submission
        /// Communes whose column this user may edit.
        var editable: Set<String>
        /// Communes sent and waiting for this user's approval.
        var waiting: [AdminUnit]
        var maySendReport: Bool

        static func query(_ data: PlanData, entry: DataEntry, obligation id: String, district code: String, period: String,
                          principal: Principal) async throws -> Model {
            guard let obligation = data.plan.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else {
                throw AppError.notFound("Không có chế độ báo cáo \"\(id)\" có thời hạn.")
            }
            guard let district = data.directory.units.unit(code: code, at: due), district.level == .district else {
                throw AppError.notFound("Không có đơn vị cấp huyện mã \"\(code)\" vào ngày \(due.vietnamese).")
            }
            let communes = data.directory.units.children(of: code, at: due)
            let elements = obligation.elements(from: try SeedData.indicatorDefinitions().elements).filter {
                if case .units = $0.source { return $0.level == .commune }
                return false
            }
            var submissions: [String: Submission] = [:]
            for commune in communes {
                submissions[commune.code] = try await entry.load(obligation: id, reporter: commune.code, period: period)
            }
            func allows(_ action: SubmissionAction, _ commune: AdminUnit) -> Bool {
                Policy.can(principal, .submission(action, state: submissions[commune.code]?.state ?? .draft,
                                                  reporter: Reporter(commune, in: data.directory.units)))
            }
            let own = try await entry.load(obligation: id, reporter: code, period: period)
            return Model(obligation: obligation, district: district, periodCode: period, communes: communes, elements: elements,
                         submissions: submissions, own: own,
                         editable: Set(communes.filter { allows(.edit, $0) }.map(\.code)),
                         waiting: communes.filter { allows(.approve, $0) },
                         maySendReport: Policy.can(principal, .submission(.submit, state: own.state,
                                                                          reporter: Reporter(district, in: data.directory.units))))
        }
    }
}
