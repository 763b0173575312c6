import Foundation
import TiendoCore
import TiendoReports
import TiendoStore

/// The draft of a report from the data: an agency's or a district's (`reporter`), or without one Ban Dân tộc's
/// consolidated report to UBND tỉnh. Every build is recorded in the audit log.
public struct BuildReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case docx, xlsx
    }

    public var obligation: String, reporter: String?, period: String?, format: Format

    /// `period` nil: the obligation's own period.
    public init(obligation: String, reporter: String?, period: String?, format: Format) {
        (self.obligation, self.reporter, self.period, self.format) = (obligation, reporter, period, format)
    }

    public struct Built: Sendable {
        public var bytes: Data
        /// "bao-cao-{obligation}-{reporter or tong-hop}-{period}.{format}"
        public var filename: String
    }

    public func run(_ app: AppContext, by caller: Caller) async throws -> Built {
        let plan = try await app.loadedPlan()
        guard let found = plan.document.reportObligations.first(where: { $0.id == obligation }) else {
            throw AppError.notFound("Không có chế độ báo cáo \"\(obligation)\"; có: \(plan.document.reportObligations.map(\.id).joined(separator: ", ")).")
        }
        guard let chosen = ReportingPeriod.parse(period ?? found.period.code) else {
            throw AppError.invalid("Kỳ \"\(period ?? "")\" không hợp lệ; dùng 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
        }
        let date = found.dueOn ?? chosen.end
        let who: Reporter? = try reporter.map { name in
            guard let resolved = Reporter.resolve(name, directory: plan.directory, on: date) else {
                throw AppError.notFound("Không có cơ quan hay đơn vị \"\(name)\".")
            }
            return resolved
        }
        try Policy.require(caller.principal, .buildReport(who))
        let inputs = try await ReportSources.load(app.db, plan: plan)
        let draft = try ReportDraft.make(inputs, obligation: found, reporter: reporter, period: chosen)
        let bytes = format == .docx ? try ReportFiles.docx(draft) : try ReportFiles.xlsx(draft)
        try await ReportSources.record(obligation: found.id, reporter: reporter, period: chosen.code, format: format.rawValue,
                                       by: caller.actor, on: app.db)
        return Built(bytes: bytes, filename: "bao-cao-\(found.id)-\(reporter ?? "tong-hop")-\(chosen.code).\(format.rawValue)")
    }
}
