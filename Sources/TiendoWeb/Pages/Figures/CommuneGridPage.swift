import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// A district's view of its communes for one obligation and period: every figure on one page, where each
/// commune stands, saving all communes at once (all or nothing) and approving those that were sent.
enum CommuneGridPage {
    static func load(_ req: Request, periodCode: String, principal: Principal) async throws -> Model {
        try await Model.query(try await PlanData.load(req, for: .reporting), entry: try await req.dataEntry(), obligation: req.parameters.get("obligation") ?? "",
                              district: req.parameters.get("reporter") ?? "", period: periodCode, principal: principal)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, message: Notice.afterFigures(req), issues: [], status: .ok)
    }

    static func render(_ req: Request, message: Notice?, issues: [String], status: HTTPResponseStatus) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let periodCode = req.query[String.self, at: "ky"] ?? (try? req.content.get(String.self, at: "ky")) ?? ""
        let grid = try await load(req, periodCode: periodCode, principal: principal)
        return Layout.render(c, title: "Số liệu các xã — \(grid.district.name)", status: status, Notice.markup(message, issues: issues) + View.body(grid, c))
    }

    /// Saves every commune's column of the grid in one transaction; a commune whose figures did not change is left alone.
    @Sendable static func save(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode([String: String].self)
        let periodCode = form["ky"] ?? ""
        let grid = try await load(req, periodCode: periodCode, principal: principal)
        var problems: [String] = []
        var batches: [(reporter: String, entries: [EntryValue])] = []
        for commune in grid.communes {
            let stored = grid.submissions[commune.code]?.values ?? []
            var entries: [EntryValue] = []
            for element in grid.elements {
                let text = (form["v_\(commune.code)_\(element.code)"] ?? "").replacingOccurrences(of: ".", with: "").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                guard let number = Int(text) else {
                    problems.append("\(commune.name) · \(element.name): \"\(text)\" không phải số nguyên.")
                    continue
                }
                // A comment entered on the commune's own page stays with its figure.
                let comment = stored.first { $0.element == element.code }?.comment
                entries.append(EntryValue(element: element.code, unitCode: commune.code, value: number, comment: comment))
            }
            batches.append((commune.code, entries))
        }
        guard problems.isEmpty else {
            return try await render(req, message: .error("Chưa lưu gì; sửa các ô dưới đây."), issues: problems, status: .badRequest)
        }
        do {
            _ = try await SaveFiguresOfMany(obligation: grid.obligation.id, period: periodCode, batches: batches)
                .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
        } catch let rejected as DataRejected {
            let names = Dictionary(uniqueKeysWithValues: grid.communes.map { ($0.code, $0.name) })
            return try await render(req, message: .error("Chưa lưu gì; sửa các ô dưới đây."),
                                    issues: rejected.issues.map { "\(names[$0.unitCode] ?? $0.unitCode): \($0.message)" }, status: .badRequest)
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), issues: [], status: error.status)
        }
        return req.redirect(to: .communeGrid(obligation: grid.obligation.id, district: grid.district.code), ["ky": periodCode, "da-luu": "1"])
    }

    struct ApproveForm: Content { var ky: String }

    /// Approves, one by one, every commune that sent its figures; each approval is its own audited step.
    @Sendable static func approve(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(ApproveForm.self)
        let grid = try await load(req, periodCode: form.ky, principal: principal)
        try await ApproveAllSent(obligation: grid.obligation.id, district: grid.district.code, period: form.ky)
            .run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
        return req.redirect(to: .communeGrid(obligation: grid.obligation.id, district: grid.district.code), ["ky": form.ky, "buoc": "duyet-tat-ca"])
    }
}
