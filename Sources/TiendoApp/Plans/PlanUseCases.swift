import Foundation
import TiendoCore
import TiendoImport
import TiendoStore

/// Reads a plan's document (.docx, .txt, .md) into a draft, stores it for review; nothing else changes.
/// A file that is not a plan is refused with what was missing, and stores nothing.
public struct ImportPlan: Sendable {
    /// Word files of plans are a few hundred kilobytes; anything far larger is not a plan.
    public static let maxBytes = 20 << 20
    public var data: Data, fileName: String
    public var parentPlanId: String?, amends: String?

    public init(data: Data, fileName: String, parentPlanId: String? = nil, amends: String? = nil) {
        (self.data, self.fileName, self.parentPlanId, self.amends) = (data, fileName, parentPlanId, amends)
    }

    /// The draft as read, without storing it (`tiendo plan import --dry-run`).
    public func read(_ app: AppContext) async throws -> PlanDraft {
        try await read(app, directory: app.loadedPlan().directory).draft
    }

    /// Reads, checks who may handle the plan it is, and stores the draft; returns it with its number.
    public func run(_ app: AppContext, by caller: Caller) async throws -> (draft: PlanDraft, id: Int) {
        let directory = try await app.loadedPlan().directory
        let (draft, fileName) = try await read(app, directory: directory)
        try PlanPolicy.require(caller.principal, draft, directory: directory)
        return (draft, try await PlanDrafts(app.db).create(draft, fileName: fileName, by: caller.actor))
    }

    private func read(_ app: AppContext, directory: AgencyDirectory) async throws -> (draft: PlanDraft, fileName: String) {
        let fileName = try FreeText.check(self.fileName, field: "file", maxLength: 255)
        guard data.count <= Self.maxBytes else { throw AppError.tooLarge("Tệp \(fileName) lớn hơn \(Self.maxBytes >> 20) MB: không phải văn bản kế hoạch.") }
        guard !data.isEmpty else { throw AppError.invalid("Tệp \(fileName) rỗng.") }
        var draft: PlanDraft
        do {
            draft = try PlanReader(directory: directory).read(PlanSource.read(data, fileName: fileName))
        } catch let error as PlanImportError {
            throw AppError.invalid("\(fileName): \(error.description)")
        }
        let repository = PlanRepository(app.db)
        var parent = parentPlanId
        if let amends {
            guard let amended = try await repository.plans().first(where: { $0.id == amends }) else {
                throw AppError.invalid("Không có kế hoạch mã \(amends) để sửa đổi, bổ sung.")
            }
            draft.amends = amends
            // An amendment of a district's plan is still under the province's: its tasks keep their links.
            parent = parent ?? amended.parentId
        }
        if let parent {
            guard let parentPlan = try await repository.document(id: parent) else { throw AppError.invalid("Không có kế hoạch cấp trên mã \(parent).") }
            draft.parentPlanId = parent
            draft.implements = PlanLinks.guess(draft.document, parent: parentPlan)
        }
        return (draft, fileName)
    }
}

/// The reviewer's corrections to a draft, checked and stored whole.
public struct ReviewPlanDraft: Sendable {
    public var id: Int, draft: PlanDraft

    public init(id: Int, draft: PlanDraft) { (self.id, self.draft) = (id, draft) }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        guard let stored = try await PlanDrafts(app.db).get(id) else { throw AppError.notFound("Không có bản nháp số \(id).") }
        // The issuer before and after the corrections: nobody turns another body's draft into their own, or back.
        let directory = try await app.loadedPlan().directory
        try PlanPolicy.require(caller.principal, stored.draft, directory: directory)
        try PlanPolicy.require(caller.principal, draft, directory: directory)
        try PlanPolicy.check(draft)
        let known = Set(try await PlanRepository(app.db).plans().map(\.id))
        for (label, id) in [("cấp trên", draft.parentPlanId), ("được sửa đổi", draft.amends)] {
            if let id, !known.contains(id) { throw AppError.invalid("Không có kế hoạch \(label) mã \"\(id)\".") }
        }
        try await PlanDrafts(app.db).update(id, draft, by: caller.actor)
    }
}

/// Publishing a reviewed draft creates the plan (or the amended plan's next version), audited.
public struct PublishPlanDraft: Sendable {
    public var id: Int

    public init(id: Int) { self.id = id }

    public func run(_ app: AppContext, by caller: Caller) async throws -> String {
        guard let stored = try await PlanDrafts(app.db).get(id) else { throw AppError.notFound("Không có bản nháp số \(id).") }
        try PlanPolicy.require(caller.principal, stored.draft, directory: try await app.loadedPlan().directory)
        try PlanPolicy.check(stored.draft)
        return try await PlanDrafts(app.db).publish(id, by: caller.actor)
    }
}

enum PlanPolicy {
    /// The issuer decides who may handle a plan: Ban Dân tộc any; an agency or a unit its own.
    static func require(_ principal: Principal, _ draft: PlanDraft, directory: AgencyDirectory) throws {
        let plan = draft.document.plan
        try Policy.require(principal, .managePlan(issuer: Reporter.resolve(plan.issuer, directory: directory, on: plan.issuedOn)))
    }

    /// What a plan needs before it can be published: its number, date, a task or target, and nothing a person typed
    /// that could not be stored.
    static func check(_ draft: PlanDraft) throws {
        let plan = draft.document.plan
        _ = try FreeText.check(plan.number, field: "number", maxLength: 60)
        guard !plan.number.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.invalid("Kế hoạch chưa có số hiệu (\"Số: …\").") }
        guard !draft.document.targets.isEmpty || !draft.document.sectionTasks.isEmpty || !draft.document.appendix.isEmpty else {
            throw AppError.invalid("Kế hoạch chưa có mục tiêu hay nhiệm vụ nào; thêm ít nhất một trước khi ban hành.")
        }
        for task in draft.document.sectionTasks {
            _ = try FreeText.check(task.text, field: task.code, maxLength: 20_000)
            for a in task.assignments { _ = try FreeText.check(a.assignee, field: "\(task.code) chủ trì", maxLength: 300) }
        }
    }
}

/// The parent tasks a child plan's task implements, as the child plan writes them ("(nhiệm vụ III.4.(2) Kế hoạch 54)"):
/// only explicit references are read; the reviewer links the rest.
public enum PlanLinks {
    public static func guess(_ child: PlanDocument, parent: PlanDocument) -> [String: [String]] {
        let codes = Set(parent.sectionTasks.map(\.code))
        var links: [String: [String]] = [:]
        for task in child.sectionTasks {
            let found = task.text.matches(of: /(?:I|II|III|IV|V|VI)\.\d{1,2}\.\(\d{1,2}\)/).map { String($0.0) }.filter { codes.contains($0) }
            if !found.isEmpty { links[task.code] = found }
        }
        return links
    }
}
