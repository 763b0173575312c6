import Foundation
import TiendoApp
import TiendoCore
import TiendoReports
import TiendoStore
import Vapor

/// Báo cáo: for each dated obligation, every reporter's draft (and Ban Dân tộc's consolidated report) to download as
/// DOCX or XLSX, built from the data at the moment of download; building is recorded in the audit log.
enum ReportPages {
    @Sendable static func index(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard c.principal != nil else { return req.redirectToSignIn(returningTo: SiteURL.reports.path) }
        let data = try await PlanData.load(req)
        let rows: [[Markup]] = data.plan.reportObligations.filter { $0.dueOn != nil }.map { o in
            [link(SiteURL.reportObligation(o.id).path, o.name), .text(o.deadline.vietnamese), .text(o.period.label)]
        }
        return Layout.render(c, title: "Báo cáo", [
            el("p", [], text: "Dự thảo báo cáo lập từ số liệu đã duyệt và báo cáo tiến độ, theo thể thức Nghị định 30/2020/NĐ-CP; "
                + "đơn vị chỉ cần điền số ký hiệu, ngày, người ký và phần đề xuất."),
            table(caption: "Các chế độ báo cáo", headers: ["Báo cáo", "Hạn", "Kỳ số liệu"], rows: rows),
        ])
    }

    @Sendable static func obligation(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let data = try await PlanData.load(req)
        let id = req.parameters.get("obligation") ?? ""
        guard let obligation = data.plan.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else {
            return Layout.render(c, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Không có chế độ báo cáo \"\(id)\".")])
        }
        let expected = obligation.expectedReporters(directory: data.directory)
        var reporters: [(key: String, name: String)] = []
        if expected.level == .district {
            reporters += data.directory.units.units(at: due, level: .district).map { ($0.code, data.directory.committee(of: $0).name) }
        }
        reporters += expected.agencies.map { ($0, $0) }
        let mine = reporters.filter { reporter in
            Reporter.resolve(reporter.key, directory: data.directory, on: due).map { Policy.can(principal, .buildReport($0)) } ?? false
        }
        let consolidates = Policy.can(principal, .buildReport(nil))
        let built = try await lastBuilt(req, obligation: obligation.id)
        func links(_ key: String?) -> Markup {
            let base = SiteURL.reportDownload(obligation.id).with(["ky": obligation.period.code, "don-vi": key])
            return el("span", [], [link(base + "&dinh-dang=docx", "DOCX", class: "button"), .text(" "), link(base + "&dinh-dang=xlsx", "XLSX", class: "button")])
        }
        var body: [Markup] = [el("p", [], text: "Kỳ số liệu: \(obligation.period.label). Hạn: \(obligation.deadline.vietnamese). "
                                      + "Tệp được lập từ số liệu tại thời điểm tải; cùng số liệu cho cùng một tệp.")]
        if consolidates {
            body.append(el("h2", [], text: "Báo cáo tổng hợp của \(data.plan.plan.coordinator) gửi \(obligation.receiver)"))
            body.append(el("p", [], [links(nil), .text(built["tổng hợp"].map { "  Lập gần nhất: \($0)" } ?? "")]))
        }
        body.append(table(caption: "Báo cáo của các đơn vị", headers: ["Đơn vị", "Tình trạng số liệu", "Lập gần nhất", "Tải về"], rows: mine.map { r in
            let line = data.completeness[obligation.id]?.lines.first { $0.reporter == r.key }
            return [.text(r.name), .text(ReportingStatus.outcome(line, state: data.states[obligation.id]?[r.key])),
                    .text(built[r.key] ?? "—"), links(r.key)]
        }))
        if mine.isEmpty && !consolidates {
            body.append(el("p", [("class", "notice")], text: "Tài khoản này không lập báo cáo cho đơn vị nào của chế độ báo cáo này."))
        }
        return Layout.render(c, title: obligation.name, body)
    }

    /// When each reporter's draft was last built, from the audit log, in Vietnam's time.
    static func lastBuilt(_ req: Request, obligation: String) async throws -> [String: String] {
        let entries = try await AuditLog.entries(on: req.db, entity: .report)
        var result: [String: String] = [:]
        for entry in entries {
            let parts = entry.key.parts
            guard parts.count == 3, parts[0] == obligation else { continue }
            result[parts[1]] = Format.vietnamTime(entry.at)
        }
        return result
    }

    @Sendable static func download(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.reports.path) }
        let query = try QueryParameters(req, allowed: ["ky", "don-vi", "dinh-dang"])
        let reporter = try query.text("don-vi")
        let format = try query.text("dinh-dang") ?? "docx"
        guard let chosen = BuildReport.Format(rawValue: format) else { throw AppError.invalid("Tham số \"dinh-dang\" là docx hoặc xlsx.") }
        let built = try await BuildReport(obligation: req.parameters.get("obligation") ?? "", reporter: reporter, period: try query.text("ky"),
                                          format: chosen).run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
        let (bytes, name) = (built.bytes, built.filename)
        return Download.attachment(bytes, filename: name, type: format == "docx" ? Download.docx : Download.xlsx)
    }
}
