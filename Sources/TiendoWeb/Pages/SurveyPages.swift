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
        let surveys = try await Surveys(req.db).all()
        var body = Notice.markup(message, issues: issues)
        body.append(surveys.isEmpty ? el("p", [], text: "Chưa có cuộc điều tra hộ nào được nhập.")
            : table(caption: "Các cuộc điều tra đã nhập", headers: ["Năm", "Chuẩn nghèo", "Số hộ", "Tệp", "Người nhập", "Lúc"], rows: surveys.map { s in
                [link(SiteURL.survey(year: String(s.year)).path, String(s.year)), .text(s.standardId), .text(number(s.households)), .text(s.fileName),
                 .text(s.importedBy), .text(String(s.importedAt.prefix(16)).replacingOccurrences(of: "T", with: " "))]
            }))
        if let principal = c.principal, Policy.can(principal, .importSurvey) {
            let standards = (try? PovertyStandard.bundled()) ?? []
            body.append(el("h2", [], text: "Nhập tệp điều tra hộ"))
            body.append(el("p", [], text: "Tệp CSV theo mẫu household-csv-v1 (UTF-8, một dòng một hộ), tối đa \(maxUploadBytes >> 20) MB; tệp lớn hơn nhập bằng lệnh tiendo households import. "
                            + "Tệp có lỗi thì không nhập dòng nào; nhập lại năm đã có thì thay thế cả năm."))
            body.append(el("form", [("method", "post"), ("action", SiteURL.surveys.path), ("enctype", "multipart/form-data")], [
                c.csrfField,
                field("Năm điều tra", name: "year", type: "number", value: String(CivilDate.today().year - 2), required: true),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-standard")], text: "Chuẩn nghèo"),
                    el("select", [("id", "f-standard"), ("name", "standard")], standards.map { s in
                        el("option", [("value", s.id), ("selected", s.id == "qn-nq13-2023" ? "selected" : nil)], text: "\(s.decision) (\(s.fromYear)–\(s.toYear))")
                    }),
                ]),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-file")], text: "Tệp hộ (.csv hoặc .xlsx)"),
                    void("input", [("id", "f-file"), ("type", "file"), ("name", "file"), ("required", "required"), ("accept", ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                ]),
                el("button", [("type", "submit")], text: "Nhập"),
            ]))
        }
        return Layout.render(c, title: "Hộ gia đình", status: status, body)
    }

    static func number(_ n: Int) -> String { ExactNumber(Decimal(n)).vietnamese }

    static func percent(_ p: Double?) -> String {
        guard let p else { return "—" }
        return String(format: "%.2f", p * 100).replacingOccurrences(of: ".", with: ",") + " %"
    }

    static func millions(_ v: Double?) -> String {
        guard let v else { return "—" }
        return String(format: "%.1f", v / 1_000_000).replacingOccurrences(of: ".", with: ",")
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let year = req.parameters.get("year").flatMap(Int.init),
              let survey = try await Surveys(req.db).all().first(where: { $0.year == year }) else {
            return Layout.render(c, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Chưa có điều tra hộ năm \(req.parameters.get("year") ?? "").")])
        }
        let results = try await Surveys(req.db).results(year: year)
        let data = try await PlanData.load(req)
        func name(_ r: SurveyResult) -> String {
            r.level == .province ? "Toàn tỉnh" : data.directory.units.versions(of: r.code).last?.name ?? r.code
        }
        let all = results.filter { $0.population == .all }
        let minority = Dictionary(results.filter { $0.population == .ethnicMinority }.map { ("\($0.level.rawValue)|\($0.code)", $0) },
                                  uniquingKeysWith: { a, _ in a })
        guard let province = all.first(where: { $0.level == .province }) else {
            return Layout.render(c, title: "Điều tra hộ năm \(year)", [el("p", [], text: "Cuộc điều tra không có hộ nào.")])
        }
        let standard = try? PovertyStandard.named(survey.standardId)
        func row(_ r: SurveyResult) -> [Markup] {
            [.text(name(r)), .text(number(r.households)), .text(number(r.members)), .text(number(r.poor)), .text(number(r.nearPoor)),
             .text("\(percent(r.estimates.poorRate)) ± \(percent(r.estimates.poorRateSE))"),
             .text("\(millions(r.estimates.incomePerCapita)) ± \(millions(r.estimates.incomePerCapitaSE))")]
        }
        let headers = ["Đơn vị", "Số hộ", "Nhân khẩu", "Hộ nghèo", "Hộ cận nghèo", "Tỷ lệ hộ nghèo (có quyền số) ± sai số chuẩn",
                       "Thu nhập bình quân (triệu đồng/người/năm) ± sai số chuẩn"]
        let withPoor = all.filter { $0.level == .commune && $0.poor > 0 }.sorted { ($0.poor, $1.code) > ($1.poor, $0.code) }
        let districts = all.filter { $0.level == .district }
        var body: [Markup] = [
            el("p", [], text: "Chuẩn nghèo: \(standard?.decision ?? survey.standardId) (\(standard?.name ?? "")). Tệp \(survey.fileName), "
                + "\(number(survey.households)) hộ, danh mục đơn vị hành chính ngày \(CivilDate(iso: survey.unitsDate)?.vietnamese ?? survey.unitsDate). "
                + "Số hộ, nhân khẩu, hộ nghèo, cận nghèo là số đếm chính xác; tỷ lệ và thu nhập bình quân là ước lượng có quyền số."),
            table(caption: "Toàn tỉnh", headers: headers, rows: [row(province)] + (minority["province|\(province.code)"].map { [[.text("Hộ dân tộc thiểu số")] + row($0).dropFirst()] } ?? [])),
            el("h2", [], text: "Theo huyện"),
            table(caption: "Theo huyện", headers: headers, rows: districts.map(row)),
            el("h2", [], text: "Xã còn hộ nghèo (\(withPoor.count) trên \(all.filter { $0.level == .commune }.count) xã có số liệu)"),
            table(caption: "Xã còn hộ nghèo", headers: ["Xã", "Huyện", "Hộ nghèo", "Hộ cận nghèo", "Số hộ"], rows: withPoor.map { r in
                let district = data.directory.units.versions(of: r.code).last?.parentCode.flatMap { data.directory.units.versions(of: $0).last?.name } ?? ""
                return [.text(name(r)), .text(district), .text(number(r.poor)), .text(number(r.nearPoor)), .text(number(r.households))]
            }),
            el("h2", [], text: "Cơ cấu thu nhập"),
            incomeStructure(province),
            el("h2", [], text: "Theo xã"),
            table(caption: "Theo xã", headers: headers, rows: all.filter { $0.level == .commune }.map(row)),
        ]
        body.insert(el("p", [], [link(SiteURL.surveys.path, "Các cuộc điều tra")]), at: 0)
        return Layout.render(c, title: "Điều tra hộ năm \(year)", body)
    }

    static let sourceNames = IncomeSource.allCases.map(\.vietnamese)

    /// Each source's share of total income, as a table and as SVG bars (no script needed).
    static func incomeStructure(_ r: SurveyResult) -> Markup {
        let total = max(r.incomeBySource.reduce(0, +), 1)
        let shares = r.incomeBySource.map { Double($0) / Double(total) }
        let rows: [[Markup]] = zip(sourceNames, zip(r.incomeBySource, shares)).map { name, pair in
            [.text(name), .text(number(pair.0 / 1_000_000)), .text(percent(pair.1))]
        }
        let width = 480.0, barHeight = 22.0
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Cơ cấu thu nhập theo nguồn" viewBox="0 0 \#(Int(width) + 260) \#(Int(barHeight * 7 + 10))" class="chart">"#
        for (i, share) in shares.enumerated() {
            let y = Double(i) * barHeight + 5
            let w = max(0, share) * width
            svg += #"<text x="0" y="\#(y + 15)" font-size="13">\#(Escape.attribute(sourceNames[i]))</text>"#
            svg += ##"<rect x="200" y="\##(y + 2)" width="\##(String(format: "%.1f", w))" height="\##(barHeight - 6)" fill="#2b6cb0"/>"##
            svg += #"<text x="\#(String(format: "%.1f", 206 + w))" y="\#(y + 15)" font-size="12">\#(percent(share))</text>"#
        }
        svg += "</svg>"
        return el("div", [], [
            table(caption: "Cơ cấu thu nhập toàn tỉnh", headers: ["Nguồn", "Triệu đồng", "Tỷ trọng"], rows: rows),
            .raw(svg),
        ])
    }

    struct ImportForm: Content {
        var year: Int?
        var standard: String
        var file: File?
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
                                   unitsDate: CivilDate(year: 2024, month: 2, day: 1)!)
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
