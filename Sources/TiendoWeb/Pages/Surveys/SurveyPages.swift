import Fluent
import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Hộ gia đình: the household surveys, each with its results by district and commune, the communes that still
/// have poor households and the structure of income; Ban Dân tộc imports a survey file here.
enum SurveyPages {
    /// The largest survey file the web accepts; bigger ones go through `tiendo households import`.
    static let maxUploadBytes = 512 << 20

    @Sendable static func index(_ req: Request) async throws -> Response {
        try await renderIndex(req, message: req.query[String.self, at: "da-nhap"].map { .ok("Đã nhập điều tra năm \($0).") }, issues: [], status: .ok)
    }

    static func renderIndex(_ req: Request, message: Notice?, issues: [String], status: HTTPResponseStatus) async throws -> Response {
        let c = PageContext(req)
        let index = try await Index.query(req.db, principal: c.principal)
        return Layout.render(c, title: "Hộ gia đình", status: status, Notice.markup(message, issues: issues) + View.index(index, c))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        let year = req.parameters.get("year") ?? ""
        guard let model = try await Model.query(req.db, data: try await PlanData.load(req, for: .reporting), year: year) else {
            return Layout.render(c, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Chưa có điều tra hộ năm \(year).")])
        }
        return Layout.render(c, title: "Điều tra hộ năm \(model.survey.year)", View.survey(model, c))
    }

    /// Ban Dân tộc imports a survey file: who is asking is settled on the headers, before a byte of the body is read
    /// (an anonymous or unauthorised post of 500 MB costs nothing); the file is then streamed to a scratch file within
    /// `maxUploadBytes`, checked whole, and stored in one transaction. The scratch file is removed on every path.
    @Sendable static func upload(_ req: Request) async throws -> Response {
        guard let signed = req.caller ?? req.pendingCaller else { return req.redirectToSignIn(returningTo: SiteURL.surveys.path) }
        do {
            try Policy.require(signed.principal, .importSurvey)
            let form = try await StreamedForm.receive(req, fileField: "file", maxBytes: maxUploadBytes)
            defer { form.remove() }
            try req.confirmFormToken(sent: form.fields["csrf_token"])
            guard let year = form.fields["year"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (2000...2100).contains(year) else {
                throw AppError.invalid("Nhập năm điều tra, ví dụ 2024.")
            }
            guard let file = form.file, form.fileBytes > 0 else { throw AppError.invalid("Chọn tệp CSV của cuộc điều tra.") }
            let standard = try PovertyStandard.named(form.fields["standard"] ?? "")
            try await ImportSurvey(path: file.path, fileName: form.fileName, year: year, standard: standard,
                                   unitsDate: CivilDate(year: 2024, month: 2, day: 1)!, replacing: form.fields["replace"] == "1")
                .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: signed.principal, address: req.clientAddress))
            return req.redirect(to: .surveys, ["da-nhap": String(year)])
        } catch let rejected as HouseholdFileRejected {
            return try await renderIndex(req, message: .error("Tệp có \(rejected.total) lỗi; không nhập hộ nào. Sửa rồi nhập lại."),
                                         issues: rejected.issues.map(\.description), status: .badRequest)
        } catch let error as AppError {
            return try await renderIndex(req, message: .error(error.description), issues: [], status: error.status)
        }
    }
}
