import Foundation
import TiendoCore
import TiendoImport
import TiendoReports
import TiendoStore
import Vapor

/// The Excel round trip of figures: a pre-filled template of a reporter's forms (for a district, also its
/// communes') and the upload of a filled one, applied all or nothing. Shared by the pages and the API.
enum DataExcel {
    struct Scope {
        var obligation: ReportObligation
        var period: ReportingPeriod
        var forms: [EntryForm]
    }

    /// The forms `principal` may fill among `reporter` and, for a district, its communes; 403 when none.
    static func scope(_ req: Request, principal: Principal, obligation id: String, reporter: String, period code: String) async throws -> Scope {
        let data = try await PlanData.load(req)
        guard let obligation = data.plan.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else {
            throw AccessError.notFound("Không có chế độ báo cáo \"\(id)\" có thời hạn.")
        }
        guard let period = ReportingPeriod.parse(code) else {
            throw AccessError.invalid("Kỳ báo cáo \"\(code)\" không hợp lệ. Dùng 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
        }
        let elements = obligation.elements(from: try SeedData.indicatorDefinitions().elements)
        guard let main = EntryForm.make(reporter: reporter, directory: data.directory, elements: elements, on: due) else {
            throw AccessError.notFound("Không có cơ quan hay đơn vị \"\(reporter)\".")
        }
        var candidates = [main]
        if data.directory.units.unit(code: main.reporter, at: due)?.level == .district {
            candidates += data.directory.units.children(of: main.reporter, at: due).compactMap {
                EntryForm.make(reporter: $0.code, directory: data.directory, elements: elements, on: due)
            }
        }
        let mayFill = Set(EntryForm.reporters(for: principal, directory: data.directory, on: due))
        let isCoordinator = principal.grants.contains { $0.role == .coordinator }
        let forms = candidates.filter { (isCoordinator || mayFill.contains($0.reporter)) && !$0.lines.isEmpty }
        guard !forms.isEmpty else {
            throw AccessError.forbidden("Tài khoản \(principal.username) không nhập số liệu cho \(main.reporterName).")
        }
        return Scope(obligation: obligation, period: period, forms: forms)
    }

    /// The template's bytes, with what is already stored filled in.
    static func template(_ req: Request, _ scope: Scope) async throws -> Data {
        let entry = (try await req.dataEntry())
        var stored: [String: (Int, String?)] = [:]
        for form in scope.forms {
            let submission = try await entry.load(obligation: scope.obligation.id, reporter: form.reporter, period: scope.period.code)
            for value in submission.values {
                stored["\(form.reporter)|\(value.unitCode ?? form.reporter)|\(value.element)"] = (value.value, value.comment)
            }
        }
        return try DataTemplate.workbook(obligation: scope.obligation, period: scope.period, forms: scope.forms) { reporter, unit, element in
            stored["\(reporter)|\(unit)|\(element)"].map { (value: $0.0, comment: $0.1) }
        }.data()
    }

    /// Reads and applies an upload; a problem anywhere stores nothing and comes back as `UploadRejected`, by cell.
    static func apply(_ req: Request, _ scope: Scope, file: Data, principal: Principal) async throws -> [Submission] {
        let figures: [String: [DataSheet.Figure]]
        do {
            figures = try DataUpload.read(file, obligation: scope.obligation.id, period: scope.period, forms: scope.forms)
        } catch let error as XLSXError {
            throw UploadRejected(issues: [UploadIssue(cell: "", message: error.description)])
        }
        let rows = Dictionary(figures.values.joined().map { ("\($0.unitCode)|\($0.element)", $0.row) }, uniquingKeysWith: { a, _ in a })
        let batches = scope.forms.compactMap { form in
            figures[form.reporter].map { list in
                (reporter: form.reporter, entries: list.map { EntryValue(element: $0.element, unitCode: $0.unitCode, value: $0.value, comment: $0.comment) })
            }
        }
        do {
            return try await (try await req.dataEntry()).saveAll(batches, obligation: scope.obligation.id, period: scope.period.code,
                                                       by: principal, address: req.clientAddress)
        } catch let rejected as DataRejected {
            throw UploadRejected(issues: rejected.issues.map { issue in
                let cell = rows["\(issue.unitCode)|\(issue.element)"].map { DataSheet.Column.value.letter + String($0) } ?? ""
                return UploadIssue(cell: cell, message: "\(issue.severity == .error ? "Lỗi" : "Cảnh báo cần ghi chú"): \(issue.message)")
            })
        }
    }

    static func filename(_ scope: Scope) -> String {
        "so-lieu-\(scope.obligation.id)-\(scope.forms.first?.reporter ?? "")-\(scope.period.code).xlsx"
    }
}
