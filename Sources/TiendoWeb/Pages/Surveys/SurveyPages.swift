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
        guard let model = try await Model.query(req.db, data: try await PlanData.load(req), year: year) else {
            return Layout.render(c, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Chưa có điều tra hộ năm \(year).")])
        }
        return Layout.render(c, title: "Điều tra hộ năm \(model.survey.year)", View.survey(model, c))
    }

    struct ImportForm: Content {
        var year: Int?
        var standard: String
        var file: File?
        /// "1" when the user ticked "replace the year's survey".
        var replace: String?
    }

    /// Ban Dân tộc imports a survey file: checked whole, then stored in one transaction, replacing that year.
    @Sendable static func upload(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.surveys.path) }
        do {
            try Policy.require(principal, .importSurvey)
            let form = try req.content.decode(ImportForm.self)
            guard let year = form.year, (2000...2100).contains(year) else { throw AppError.invalid("Nhập năm điều tra, ví dụ 2024.") }
            guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp CSV của cuộc điều tra.") }
            let standard = try PovertyStandard.named(form.standard)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-survey-\(UUID().uuidString)").path
            try Data(buffer: file.data).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            try await ImportSurvey(path: path, fileName: file.filename, year: year, standard: standard,
                                   unitsDate: CivilDate(year: 2024, month: 2, day: 1)!, replacing: form.replace == "1")
                .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .surveys, ["da-nhap": String(year)])
        } catch let rejected as HouseholdFileRejected {
            return try await renderIndex(req, message: .error("Tệp có \(rejected.total) lỗi; không nhập hộ nào. Sửa rồi nhập lại."),
                                         issues: rejected.issues.map(\.description), status: .badRequest)
        } catch let error as AppError {
            return try await renderIndex(req, message: .error(error.description), issues: [], status: error.status)
        }
    }
}
