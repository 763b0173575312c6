import Foundation
import TiendoCore
import TiendoImport
import TiendoReports
import TiendoStore

/// The forms of one Excel template: a reporter's and, for a district, its communes' that the caller may fill.
public struct TemplateScope: Sendable {
    public var obligation: ReportObligation
    public var period: ReportingPeriod
    public var forms: [EntryForm]

    /// "so-lieu-{obligation}-{reporter}-{period}.xlsx"
    public var filename: String { "so-lieu-\(obligation.id)-\(forms.first?.reporter ?? "")-\(period.code).xlsx" }

    /// The forms `principal` may fill among `reporter` and, for a district, its communes; 403 when none.
    static func make(_ plan: LoadedPlan, principal: Principal, obligation id: String, reporter: String, period code: String) throws -> TemplateScope {
        guard let obligation = plan.document.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else {
            throw AppError.notFound("Không có chế độ báo cáo \"\(id)\" có thời hạn.")
        }
        guard let period = ReportingPeriod.parse(code) else {
            throw AppError.invalid("Kỳ báo cáo \"\(code)\" không hợp lệ. Dùng 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
        }
        let directory = plan.directory
        let elements = obligation.elements(from: try SeedData.indicatorDefinitions().elements)
        guard let main = EntryForm.make(reporter: reporter, directory: directory, elements: elements, on: due),
              let who = Reporter.resolve(reporter, directory: directory, on: due) else {
            throw AppError.notFound("Không có cơ quan hay đơn vị \"\(reporter)\".")
        }
        var candidates = [(main, who)]
        if who.level == .district {
            candidates += directory.units.children(of: main.reporter, at: due).compactMap { unit in
                EntryForm.make(reporter: unit.code, directory: directory, elements: elements, on: due)
                    .map { ($0, Reporter(unit, in: directory.units)) }
            }
        }
        // The same question as saving asks: may this user enter figures for this reporter at all?
        let forms = candidates.filter { form, reporter in
            !form.lines.isEmpty && [SubmissionState.draft, .returned].contains { state in
                Policy.can(principal, .submission(.edit, state: state, reporter: reporter))
            }
        }.map(\.0)
        guard !forms.isEmpty else {
            throw AppError.forbidden("Tài khoản \(principal.username) không nhập số liệu cho \(main.reporterName).")
        }
        return TemplateScope(obligation: obligation, period: period, forms: forms)
    }
}

/// The pre-filled Excel template of a reporter's forms.
public struct DownloadTemplate: Sendable {
    public var obligation: String, reporter: String, period: String

    public init(obligation: String, reporter: String, period: String) {
        (self.obligation, self.reporter, self.period) = (obligation, reporter, period)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> (scope: TemplateScope, bytes: Data) {
        let plan = try await app.loadedPlan()
        let scope = try TemplateScope.make(plan, principal: caller.principal, obligation: obligation, reporter: reporter, period: period)
        let entry = DataEntry(app.db, plan: plan)
        var stored: [String: (Int, String?)] = [:]
        for form in scope.forms {
            let submission = try await entry.load(obligation: scope.obligation.id, reporter: form.reporter, period: scope.period.code)
            for value in submission.values {
                stored["\(form.reporter)|\(value.unitCode ?? form.reporter)|\(value.element)"] = (value.value, value.comment)
            }
        }
        let bytes = try DataTemplate.workbook(obligation: scope.obligation, period: scope.period, forms: scope.forms) { reporter, unit, element in
            stored["\(reporter)|\(unit)|\(element)"].map { (value: $0.0, comment: $0.1) }
        }.data()
        return (scope, bytes)
    }
}

/// A filled template: every figure in it is stored, or none; problems come back as `UploadRejected`, by cell.
public struct UploadTemplate: Sendable {
    public var obligation: String, reporter: String, period: String, file: Data

    public init(obligation: String, reporter: String, period: String, file: Data) {
        (self.obligation, self.reporter, self.period, self.file) = (obligation, reporter, period, file)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> [Submission] {
        let plan = try await app.loadedPlan()
        let scope = try TemplateScope.make(plan, principal: caller.principal, obligation: obligation, reporter: reporter, period: period)
        guard !file.isEmpty else {
            throw AppError.invalid("Gửi tệp .xlsx làm nội dung yêu cầu (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).")
        }
        let figures: [String: [DataSheet.Figure]]
        do {
            figures = try DataUpload.read(file, obligation: scope.obligation.id, period: scope.period, forms: scope.forms)
        } catch let error as XLSXError {
            throw UploadRejected(issues: [UploadIssue(cell: "", message: error.description)])
        }
        let rows = Dictionary(figures.values.joined().map { ("\($0.unitCode)|\($0.element)", $0.row) }, uniquingKeysWith: { a, _ in a })
        let batches = try scope.forms.compactMap { form in
            try figures[form.reporter].map { list in
                (reporter: form.reporter, entries: try EntryValue.checked(list.map {
                    EntryValue(element: $0.element, unitCode: $0.unitCode, value: $0.value, comment: $0.comment)
                }))
            }
        }
        do {
            return try await DataEntry(app.db, plan: plan).saveAll(batches, obligation: scope.obligation.id, period: scope.period.code,
                                                                    as: .policy(caller))
        } catch let rejected as DataRejected {
            throw UploadRejected(issues: rejected.issues.map { issue in
                let cell = rows["\(issue.unitCode)|\(issue.element)"].map { DataSheet.Column.value.letter + String($0) } ?? ""
                return UploadIssue(cell: cell, message: "\(issue.severity == .error ? "Lỗi" : "Cảnh báo cần ghi chú"): \(issue.message)")
            })
        }
    }
}
