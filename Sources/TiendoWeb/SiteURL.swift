import Foundation
import Vapor

/// Every page and form target of the site, typed: routes are registered from it and links, form actions and
/// redirects are built from it, so a path is spelt in one place. Parameters are percent-encoded in `path`.
enum SiteURL: Hashable {
    case home
    case myWork
    case inbox
    case plan
    case planImport
    case planDraft(String)
    case planById(String)
    case tasks
    case task(code: String)
    case taskUpdate(code: String)
    case units
    case agency(name: String)
    case district(code: String)
    case programme
    case capital
    /// The forms the finance side, Ban Dân tộc and the holders enter capital with.
    case capitalEntry
    case capitalForm(CapitalEntryPage.Form)
    case work(code: String)
    case workReport(code: String)
    case workPhotos(code: String)
    case workApproval(code: String)
    case workPhoto(code: String, id: Int)
    case programmeReview
    case indicators
    case indicator(code: String)
    case figures
    case reporterFigures(obligation: String, reporter: String)
    case figureStep(obligation: String, reporter: String)
    case figureTemplate(obligation: String, reporter: String)
    case communeGrid(obligation: String, district: String)
    case communeGridApproval(obligation: String, district: String)
    case surveys
    case survey(year: String)
    case reports
    case reportObligation(String)
    case reportDownload(String)
    case admin
    case mapAdmin
    case mapAdminAgency
    case mapAdminShares
    case mapAdminAccount
    case signIn
    case signOut
    case account
    case changePassword
    case noticePreferences
    case reminderAdmin
    case language
    case asset(String)

    /// The path's segments, unencoded.
    var segments: [String] {
        switch self {
        case .home: []
        case .myWork: ["viec-cua-toi"]
        case .inbox: ["thong-bao"]
        case .plan: ["ke-hoach"]
        case .planImport: ["ke-hoach", "nhap"]
        case let .planDraft(id): ["ke-hoach", "nhap", id]
        case let .planById(id): ["ke-hoach", "van-ban", id]
        case .tasks: ["nhiem-vu"]
        case let .task(code): ["nhiem-vu", code]
        case let .taskUpdate(code): ["nhiem-vu", code, "cap-nhat"]
        case .units: ["don-vi"]
        case let .agency(name): ["don-vi", "co-quan", name]
        case let .district(code): ["don-vi", "huyen", code]
        case .programme: ["chuong-trinh"]
        case .capital: ["nguon-von"]
        case .capitalEntry: ["nguon-von", "nhap"]
        case let .capitalForm(form): ["nguon-von", "nhap", form.rawValue]
        case let .work(code): ["cong-trinh", code]
        case let .workReport(code): ["cong-trinh", code, "bao-cao"]
        case let .workPhotos(code): ["cong-trinh", code, "anh"]
        case let .workApproval(code): ["cong-trinh", code, "duyet"]
        case let .workPhoto(code, id): ["cong-trinh", code, "anh", String(id)]
        case .programmeReview: ["chuong-trinh", "bao-cao"]
        case .indicators: ["chi-tieu"]
        case let .indicator(code): ["chi-tieu", code]
        case .figures: ["so-lieu"]
        case let .reporterFigures(obligation, reporter): ["so-lieu", obligation, reporter]
        case let .figureStep(obligation, reporter): ["so-lieu", obligation, reporter, "buoc"]
        case let .figureTemplate(obligation, reporter): ["so-lieu", obligation, reporter, "excel"]
        case let .communeGrid(obligation, district): ["so-lieu", obligation, district, "xa"]
        case let .communeGridApproval(obligation, district): ["so-lieu", obligation, district, "xa", "duyet"]
        case .surveys: ["ho-gia-dinh"]
        case let .survey(year): ["ho-gia-dinh", year]
        case .reports: ["bao-cao"]
        case let .reportObligation(id): ["bao-cao", id]
        case let .reportDownload(id): ["bao-cao", id, "tai-ve"]
        case .admin: ["quan-tri"]
        case .mapAdmin: ["quan-tri", "thay-doi"]
        case .mapAdminAgency: ["quan-tri", "thay-doi", "co-quan"]
        case .mapAdminShares: ["quan-tri", "thay-doi", "ty-le"]
        case .mapAdminAccount: ["quan-tri", "thay-doi", "tai-khoan"]
        case .signIn: ["dang-nhap"]
        case .signOut: ["dang-xuat"]
        case .account: ["tai-khoan"]
        case .changePassword: ["tai-khoan", "mat-khau"]
        case .noticePreferences: ["tai-khoan", "thong-bao"]
        case .reminderAdmin: ["quan-tri", "nhac-han"]
        case .language: ["ngon-ngu"]
        case let .asset(file): ["static", file]
        }
    }

    /// "/nhiem-vu/III.4.(2)", and "?ke-hoach=…" when the request names a plan and this page shows one:
    /// for links, form actions and redirects, so a reader who chose a plan stays on it.
    var path: String { with([:]) }

    /// The path alone, without the plan: for comparing with the request's path.
    var bare: String { "/" + segments.map(Format.segment).joined(separator: "/") }

    /// The path with a query, each value encoded: `SiteURL.signIn.with(["next": "/so-lieu"])`; the request's plan first.
    func with(_ query: KeyValuePairs<String, String?>) -> String {
        let plan = showsPlan ? Self.chosenPlan.map { "\(PlanChoiceMiddleware.pageParameter)=\(Format.segment($0))" } : nil
        let items = [plan].compactMap { $0 } + query.compactMap { name, value in value.map { "\(name)=\(Format.segment($0))" } }
        return items.isEmpty ? bare : bare + "?" + items.joined(separator: "&")
    }

    /// The plan the request named (`?ke-hoach=`), set for the request by `PlanChoiceMiddleware`; nil: the reader's own.
    @TaskLocal static var chosenPlan: String?

    /// Whether the page shows one plan's content, and so keeps the plan the reader chose.
    var showsPlan: Bool {
        switch self {
        case .planImport, .planDraft, .planById, .inbox, .admin, .mapAdmin, .mapAdminAgency, .mapAdminShares, .mapAdminAccount, .programme, .programmeReview, .capital, .capitalEntry, .capitalForm, .work, .workReport, .workPhotos, .workPhoto, .workApproval, .signIn, .signOut, .account, .changePassword, .noticePreferences, .reminderAdmin, .language, .asset: false
        default: true
        }
    }

    /// The route pattern when parameters are given as ":name".
    var pattern: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }
}

extension Request {
    /// To the sign-in page, back to `path` (this page by default) afterwards.
    func redirectToSignIn(returningTo path: String? = nil) -> Response {
        redirect(to: SiteURL.signIn.with(["next": path ?? url.path]), redirectType: .normal)
    }

    /// A 303 to one of the site's pages, with an optional query.
    func redirect(to site: SiteURL, _ query: KeyValuePairs<String, String?> = [:]) -> Response {
        redirect(to: site.with(query), redirectType: .normal)
    }
}
