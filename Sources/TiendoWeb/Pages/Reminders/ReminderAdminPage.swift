import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Quản trị › Nhắc hạn: when reminders, escalations and stale-task notices go out (Ban Dân tộc edits them), the
/// mails waiting or failing (never dropped: tried again with backoff until they go), and the notice job's runs.
enum ReminderAdminPage {
    /// What the page shows, read without HTTP.
    struct Model {
        /// One editable row: the default (`obligation` nil) then each dated obligation of the plan.
        struct Row { var obligation: String?; var title: String; var due: CivilDate?; var rule: ReminderRule; var own: Bool }
        var rows: [Row]
        var staleTaskDays: Int
        var waiting: [OutboxMail]
        var sent: Int
        var runs: [NoticeRun]
        var mailConfigured: Bool

        static func query(_ app: AppContext) async throws -> Model {
            let rules = try await ShowNoticeRules().run(app)
            let general = rules.reminders.first { $0.obligation == nil } ?? .standard
            var rows = [Row(obligation: nil, title: "Mặc định (mọi báo cáo không có quy tắc riêng)", due: nil, rule: general, own: true)]
            for (plan, obligation) in try await RemindedObligations().run(app) {
                let own = rules.reminders.first { $0.obligation == obligation.id }
                rows.append(Row(obligation: obligation.id, title: "\(obligation.name) (KH \(plan))", due: obligation.dueOn, rule: own ?? general, own: own != nil))
            }
            let (waiting, sent) = try await Outbox(app.db).waiting()
            return Model(rows: rows, staleTaskDays: rules.staleTaskDays, waiting: waiting, sent: sent,
                         runs: try await NoticeRuns(app.db).recent(), mailConfigured: MailCommand.fromEnvironment() != nil)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, notice: req.query[String.self, at: "da-luu"] != nil ? .ok("Đã lưu quy tắc nhắc hạn.") : nil, status: .ok)
    }

    static func render(_ req: Request, notice: Notice?, status: HTTPResponseStatus, typed: [String: String]? = nil) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.reminderAdmin.path) }
        guard Policy.can(principal, .manageReminders) else {
            return Layout.render(c, title: c.t("Nhắc hạn và thư"), status: .forbidden,
                                 [el("p", [("class", "error")], text: "Chỉ Ban Dân tộc và quản trị viên được xem trang này.")])
        }
        let model = try await Model.query(req.app())
        return Layout.render(c, title: c.t("Nhắc hạn và thư"), status: status, Notice.markup(notice) + View.body(model, typed: typed, c))
    }

    /// Saves the rules; a refused form comes back with everything typed and nothing stored.
    @Sendable static func save(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            let caller = try req.useCaseCaller()
            try await SaveNoticeRules(rules: try rules(from: form)).run(req.app(), by: caller)
            return req.redirect(to: .reminderAdmin, ["da-luu": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status, typed: form)
        }
    }

    /// Reads the form: row `i` has `o{i}` (obligation, empty for the default), `rieng{i}` (its own rule; the
    /// default always has one), `b{i}` (days before, "7, 2"), `d{i}` (on the day), `r{i}` (repeat), `e{i}` (escalate).
    static func rules(from form: [String: String]) throws -> NoticeRules {
        var reminders: [ReminderRule] = []
        for i in 0..<200 {
            guard let obligation = form["o\(i)"] else { break }
            let isDefault = obligation.isEmpty
            guard isDefault || form["rieng\(i)"] != nil else { continue }
            func number(_ key: String, _ label: String) throws -> Int {
                guard let n = Int((form["\(key)\(i)"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                    throw AppError.invalid("Dòng \(i + 1), \(label): cần một số nguyên.")
                }
                return n
            }
            let before = try (form["b\(i)"] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map { part in
                guard let n = Int(part) else { throw AppError.invalid("Dòng \(i + 1), nhắc trước hạn: \"\(String(part).clipped(to: 20))\" không phải số ngày.") }
                return n
            }
            reminders.append(ReminderRule(obligation: isDefault ? nil : obligation, daysBefore: Array(Set(before)).sorted(by: >),
                                          onTheDay: form["d\(i)"] != nil, repeatEvery: try number("r", "nhắc lại sau hạn"),
                                          escalateAfter: try number("e", "báo cấp trên sau")))
        }
        guard let stale = Int((form["cham"] ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid("Nhiệm vụ chưa cập nhật: cần số ngày.")
        }
        return NoticeRules(reminders: reminders, staleTaskDays: stale)
    }
}
