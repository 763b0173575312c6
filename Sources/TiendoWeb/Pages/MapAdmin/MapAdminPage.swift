import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Quản trị › Thay đổi địa giới và cơ quan: agencies renamed, merged or split by a decision, and the shares a split
/// unit's figures are apportioned by. Administrators record them; Ban Dân tộc reads them.
enum MapAdminPage {
    struct AgencyForm: Content {
        var kind: String?, from: String?, from2: String?, into: String?, effectiveOn: String?, decision: String?, decisionDate: String?, note: String?
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, notice: req.query[String.self, at: "da-ghi"] != nil ? .ok("Đã ghi.") : nil, status: .ok)
    }

    static func render(_ req: Request, notice: Notice?, status: HTTPResponseStatus, agencyForm: AgencyForm? = nil,
                       sharesForm: [String: String] = [:]) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.mapAdmin.path) }
        guard Policy.can(principal, .readAudit) else {
            return Layout.render(c, title: c.t("Thay đổi địa giới và cơ quan"), status: .forbidden,
                                 [el("p", [("class", "error")], text: "Chỉ quản trị viên và Ban Dân tộc được xem trang này.")])
        }
        let model = try await Model.query(req.db, directory: try await req.loadedPlan().directory, canWrite: Policy.can(principal, .manageMap),
                                          today: req.application.today)
        return Layout.render(c, title: c.t("Thay đổi địa giới và cơ quan"), status: status,
                             Notice.markup(notice) + View.body(model, agencyForm: agencyForm, sharesForm: sharesForm, c))
    }

    /// Records an agency change; a refused form comes back with everything typed.
    @Sendable static func agency(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(AgencyForm.self)) ?? AgencyForm()
        do {
            let caller = try req.useCaseCaller()
            guard let kind = form.kind.flatMap(AgencyChange.Kind.init(rawValue:)) else { throw AppError.invalid("Chọn loại thay đổi.") }
            guard let effective = form.effectiveOn.flatMap(CivilDate.init(iso:)) else { throw AppError.invalid("Cần ngày có hiệu lực.") }
            let from = [form.from, form.from2].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let into = (form.into ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let change = AgencyChange(kind: kind, from: from, into: into, effectiveOn: effective, decision: form.decision ?? "",
                                      decisionDate: form.decisionDate.flatMap(CivilDate.init(iso:)), note: form.note.flatMap { $0.isEmpty ? nil : $0 })
            _ = try await RecordAgencyChange(change).run(try await req.appWithPlan(), by: caller)
            return req.redirect(to: .mapAdmin, ["da-ghi": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status, agencyForm: form)
        }
    }

    struct AccountForm: Content { var username: String?, role: String?, from: String?, to: String? }

    /// Confirms the successor unit of an account whose unit ended.
    @Sendable static func account(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(AccountForm.self)) ?? AccountForm()
        do {
            let caller = try req.useCaseCaller()
            guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw AppError.invalid("Vai trò không hợp lệ.") }
            try await ConfirmSuccessorScope(username: form.username ?? "", role: role, from: form.from ?? "", to: form.to ?? "")
                .run(try await req.appWithPlan(), by: caller, today: req.application.today)
            return req.redirect(to: .mapAdmin, ["da-ghi": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status)
        }
    }

    /// Records the shares of one split unit (`unit` is its version key); a refused form comes back as typed.
    @Sendable static func shares(_ req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            let caller = try req.useCaseCaller()
            let shares = try fields.filter { $0.key.hasPrefix("share-") }.sorted { $0.key < $1.key }.map { name, text in
                guard let share = SetSplitShares.fraction(text) else {
                    throw AppError.invalid("Tỷ lệ cho \(name.dropFirst(6)) phải có dạng tử/mẫu, ví dụ 2/3.")
                }
                return (toCode: String(name.dropFirst(6)), numerator: share.numerator, denominator: share.denominator)
            }
            _ = try await SetSplitShares(versionKey: fields["unit"] ?? "", shares: shares, source: fields["source"] ?? "")
                .run(try await req.appWithPlan(), by: caller)
            return req.redirect(to: .mapAdmin, ["da-ghi": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status, sharesForm: fields)
        }
    }
}
