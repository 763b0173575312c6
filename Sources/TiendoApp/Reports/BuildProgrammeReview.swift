import Foundation
import TiendoCore
import TiendoReports
import TiendoStore

/// Ban Dân tộc's multi-year review ("sơ kết", "tổng kết") of the programme, from every year's provincial plan and its
/// approved figures: the Word report in the NĐ 30/2020 layout, or its Excel annex by year. Building it is audited.
public struct BuildProgrammeReview: Sendable {
    public var kind: ProgrammeReview.Kind, from: Int?, to: Int?, format: BuildReport.Format

    public init(kind: ProgrammeReview.Kind, from: Int? = nil, to: Int? = nil, format: BuildReport.Format) {
        (self.kind, self.from, self.to, self.format) = (kind, from, to, format)
    }

    public func run(_ app: AppContext, by caller: Caller, today: CivilDate = AppClock.today()) async throws -> BuildReport.Built {
        try Policy.require(caller.principal, .buildReport(nil))
        if let from, let to, from > to { throw AppError.invalid("Năm đầu (\(from)) sau năm cuối (\(to)).") }
        let repository = PlanRepository(app.db)
        var years: [ProgrammeSeries.Year] = []
        var latest: LoadedPlan?
        for (_, loaded) in try await repository.provinceWide() {
            let values = try await ReportSources.values(app.db, plan: loaded)
            years.append(ProgrammeSeries.Year(plan: loaded.document,
                                              figures: try ProgrammeSeries.figures(loaded.document, units: loaded.directory.units, values: values, today: today)))
            if latest.map({ $0.document.plan.year <= loaded.document.plan.year }) ?? true { latest = loaded }
        }
        guard let latest else { throw AppError.notFound("Chưa có kế hoạch.") }
        let review = try ProgrammeReview.make(kind, years: years, from: from, to: to,
                                              profile: try await Settings(app.db).profile(for: latest.document.plan),
                                              units: latest.directory.units, today: today)
        let bytes = format == .docx ? try ProgrammeReviewFiles.docx(review) : try ProgrammeReviewFiles.xlsx(review)
        let span = "\(review.years.lowerBound)-\(review.years.upperBound)"
        try await ReportSources.record(obligation: "chuong-trinh-\(kind.rawValue)", reporter: nil, period: span, format: format.rawValue,
                                       by: caller.actor, on: app.db)
        return BuildReport.Built(bytes: bytes, filename: "bao-cao-\(kind.rawValue)-chuong-trinh-\(span).\(format.rawValue)")
    }
}
