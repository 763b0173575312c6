import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Số liệu: enter a reporter's figures for an obligation and period, and move them through approval, without JavaScript.
enum DataPages {
    /// The obligations, and the reporters this user may enter figures for.
    @Sendable static func index(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.figures.path) }
        let index = Index.query(try await PlanData.load(req, for: .reporting), principal: principal)
        return Layout.render(c, title: "Số liệu", View.index(index, c))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, message: Notice.afterFigures(req), status: .ok)
    }

    /// The form; after a refused save, with every value and comment as the user typed them and each problem next
    /// to its field (`typed` and `problems` keyed "unit|element"), listed above in words too.
    static func render(_ req: Request, message: Notice?, issues: [String] = [], status: HTTPResponseStatus,
                       typed: [String: Typed] = [:], problems: [String: [String]] = [:]) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let periodCode = req.query[String.self, at: "ky"] ?? (try? req.content.get(String.self, at: "ky")) ?? ""
        let model = try await Model.query(try await PlanData.load(req, for: .reporting), entry: try await req.dataEntry(),
                                          obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                          period: periodCode, principal: principal)
        let listed = issues + model.rows.flatMap { row in
            (problems["\(row.unit)|\(row.element.code)"] ?? []).map { "\(row.unitName) · \(row.element.name): \($0)" }
        }
        return Layout.render(c, title: model.title, status: status,
                             Notice.markup(message, issues: listed) + View.form(model, c, typed: typed, problems: problems))
    }

    /// What the user typed in one line of the form, kept when the save is refused.
    struct Typed { var value: String; var comment: String }

    @Sendable static func template(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.figures.path) }
        let (scope, bytes) = try await DownloadTemplate(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                                        period: req.query[String.self, at: "ky"] ?? "")
            .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
        return Download.attachment(bytes, filename: scope.filename)
    }

    struct UploadForm: Content { var ky: String; var file: File? }

    @Sendable static func upload(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(UploadForm.self)
        let figures = SiteURL.reporterFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "")
        do {
            guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp Excel (.xlsx) để tải lên.") }
            _ = try await UploadTemplate(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                         period: form.ky, file: Data(buffer: file.data))
                .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: figures, ["ky": form.ky, "da-luu": "1"])
        } catch let rejected as UploadRejected {
            return try await render(req, message: .error("Tệp chưa được nhận; không số liệu nào được lưu. Sửa các ô dưới đây rồi tải lên lại."),
                                    issues: rejected.issues.map(\.description), status: .badRequest)
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status)
        }
    }

    struct Form: Content {
        var ky: String
        var element: [String]?
        var unit: [String]?
        var value: [String]?
        var comment: [String]?
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(Form.self)
        let elements = form.element ?? [], units = form.unit ?? [], values = form.value ?? [], comments = form.comment ?? []
        var entries: [EntryValue] = [], typed: [String: Typed] = [:], problems: [String: [String]] = [:]
        for index in elements.indices {
            let unit = index < units.count ? units[index] : ""
            let key = "\(unit)|\(elements[index])"
            let raw = index < values.count ? values[index] : "", comment = index < comments.count ? comments[index] : ""
            typed[key] = Typed(value: raw, comment: comment)
            let text = raw.replacingOccurrences(of: ".", with: "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let number = Int(text) else {
                problems[key, default: []].append("\"\(raw)\" không phải số nguyên (viết 1.500 hoặc 1500).")
                continue
            }
            entries.append(EntryValue(element: elements[index], unitCode: unit.isEmpty ? nil : unit, value: number,
                                      comment: comment.isEmpty ? nil : comment))
        }
        let refused = Notice.error("Số liệu chưa được lưu; sửa các ô được đánh dấu rồi bấm Lưu. Những gì đã nhập vẫn còn nguyên.")
        guard problems.isEmpty else { return try await render(req, message: refused, status: .badRequest, typed: typed, problems: problems) }
        do {
            _ = try await SaveFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                      period: form.ky, values: entries)
                .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .reporterFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? ""),
                                   ["ky": form.ky, "da-luu": "1"])
        } catch let rejected as DataRejected {
            for issue in rejected.issues {
                let key = "\(issue.unitCode)|\(issue.element)"
                if typed[key] != nil { problems[key, default: []].append(issue.message) }
            }
            let unplaced = rejected.issues.filter { typed["\($0.unitCode)|\($0.element)"] == nil }.map(\.message)
            return try await render(req, message: refused, issues: unplaced, status: .badRequest, typed: typed, problems: problems)
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status, typed: typed)
        }
    }

    struct StepForm: Content { var ky: String; var action: String; var comment: String? }

    @Sendable static func step(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(StepForm.self)
        let figures = SiteURL.reporterFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "")
        do {
            guard let action = SubmissionAction(rawValue: form.action), action != .edit else { throw AppError.invalid("Bước không hợp lệ.") }
            _ = try await MoveSubmission(action, obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                         period: form.ky, comment: form.comment?.isEmpty == true ? nil : form.comment)
                .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: figures, ["ky": form.ky, "buoc": action.rawValue])
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status)
        }
    }
}
