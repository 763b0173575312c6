import Foundation
import TiendoCore
import TiendoStore

/// A work's chủ đầu tư (or Ban Dân tộc) reports its month: checked against its earlier months, audited.
public struct ReportWorkProgress: Sendable {
    public var report: WorkProgress

    public init(_ report: WorkProgress) { self.report = report }

    public func run(_ app: AppContext, by caller: Caller, today: CivilDate = AppClock.today()) async throws {
        let book = CapitalBook(app.db)
        try await Self.requireInvestor(of: report.workCode, app, caller)
        var report = self.report
        report.causes = try report.causes.map { try FreeText.check($0, field: "causes", maxLength: 2_000) }.flatMap(\.nilIfEmpty)
        report.reportedBy = caller.principal.username
        let checked = report
        try await book.record(checked, by: caller.actor) { previous in try checked.check(previous: previous, today: today) }
    }

    /// Refuses anyone but the work's chủ đầu tư, Ban Dân tộc and the finance side; 404 for a work that does not exist.
    static func requireInvestor(of code: String, _ app: AppContext, _ caller: Caller) async throws {
        guard let work = try await CapitalBook(app.db).works().first(where: { $0.code == code }) else {
            throw AppError.notFound("Không có công trình mã \"\(code.clipped(to: 40))\".")
        }
        let directory = try await app.loadedPlan().directory
        let investor = try work.investor.map { try CapitalHolders.reporter($0, directory: directory) }
        try Policy.require(caller.principal, .reportWork(investor: investor))
    }
}

/// Ban Dân tộc approves a work's month, as it approves figures; audited.
public struct ApproveWorkMonth: Sendable {
    public var work: String, month: CivilDate

    public init(work: String, month: CivilDate) { (self.work, self.month) = (work, month) }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .approveWork)
        try await CapitalBook(app.db).approve(work: work, month: month, by: caller.actor)
    }
}

/// A photo of the site (or a scanned acceptance record) on a work's reported month, by whoever may report the work.
public struct AttachWorkPhoto: Sendable {
    public var work: String, month: CivilDate, fileName: String, contentType: String, content: Data

    public init(work: String, month: CivilDate, fileName: String, contentType: String, content: Data) {
        (self.work, self.month, self.fileName, self.contentType, self.content) = (work, month, fileName, contentType, content)
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> WorkPhoto {
        try await ReportWorkProgress.requireInvestor(of: work, app, caller)
        let file = try EvidenceUpload(content: content, fileName: fileName, contentType: contentType)
        return try await WorkPhotos(app.db).insert(file, work: work, month: month, by: caller.actor)
    }
}

/// Ban Dân tộc or the finance side fill in a work's details: its chủ đầu tư, decisions, total investment, dates, status.
public struct UpdateWork: Sendable {
    public var work: InvestmentWork

    public init(_ work: InvestmentWork) { self.work = work }

    public func run(_ app: AppContext, by caller: Caller) async throws {
        try Policy.require(caller.principal, .manageCapital)
        if let investor = work.investor { _ = try CapitalHolders.reporter(investor, directory: try await app.loadedPlan().directory) }
        if let total = work.totalInvestment, total.value < 0 { throw AppError.invalid("Tổng mức đầu tư không được âm.") }
        for (start, finish, what) in [(work.plannedStart, work.plannedFinish, "kế hoạch"), (work.actualStart, work.actualFinish, "thực tế")] {
            if let start, let finish, finish < start { throw AppError.invalid("Ngày hoàn thành \(what) \(finish.vietnamese) trước ngày khởi công \(start.vietnamese).") }
        }
        for decision in [work.policyDecision, work.approvalDecision].compactMap({ $0 }) {
            _ = try FreeText.check(decision.number, field: "decision", maxLength: 60)
            _ = try FreeText.check(decision.issuer, field: "issuer", maxLength: 200)
        }
        try await CapitalBook(app.db).update(work, by: caller.actor)
    }
}
