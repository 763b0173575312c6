import Plot
import TiendoCore
import Vapor

/// The outcome of a form as a page announces it: a status line, or an alert with the problems listed.
enum Notice {
    case ok(String), error(String)

    /// The outcome of a form as the page announces it (status or alert), with the problems listed.
    static func markup(_ message: Notice?, issues: [String] = []) -> [Markup] {
        var body: [Markup] = []
        switch message {
        case let .ok(text)?: body.append(el("p", [("class", "ok"), ("role", "status")], text: text))
        case let .error(text)?: body.append(el("p", [("class", "error"), ("role", "alert")], text: text))
        case nil: break
        }
        if !issues.isEmpty { body.append(el("ul", [("class", "error"), ("role", "alert")], issues.map { el("li", [], text: $0) })) }
        return body
    }
}

extension Notice {
    /// What a figures page says after its redirect: the step just taken ("Đã gửi.", "Đã duyệt."…) or "Đã lưu.".
    static func afterFigures(_ req: Request) -> Notice? {
        switch req.query[String.self, at: "buoc"] {
        case SubmissionAction.submit.rawValue?: .ok("Đã gửi. Cấp trên sẽ duyệt hoặc trả lại kèm lý do.")
        case SubmissionAction.approve.rawValue?: .ok("Đã duyệt.")
        case SubmissionAction.return.rawValue?: .ok("Đã trả lại kèm lý do; đơn vị sửa rồi gửi lại.")
        case SubmissionAction.reopen.rawValue?: .ok("Đã mở lại để sửa.")
        case "duyet-tat-ca"?: .ok("Đã duyệt số liệu của các xã đã gửi.")
        default: req.query[String.self, at: "da-luu"] != nil ? .ok("Đã lưu.") : nil
        }
    }
}
