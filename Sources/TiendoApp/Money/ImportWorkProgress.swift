import Foundation
import TiendoCore
import TiendoImport
import TiendoReports
import TiendoStore

/// A chủ đầu tư's works' month from the spreadsheet: every row checked (the caller's scope, the month's rules against
/// the work's stored months) before any is stored; all rows or none, each audited.
public struct ImportWorkProgress: Sendable {
    public static let maxBytes = 10 << 20
    public var data: Data, fileName: String, month: CivilDate

    public init(data: Data, fileName: String, month: CivilDate) { (self.data, self.fileName, self.month) = (data, fileName, month) }

    /// How many works got the month.
    @discardableResult
    public func run(_ app: AppContext, by caller: Caller, today: CivilDate = AppClock.today()) async throws -> Int {
        let fileName = try FreeText.check(self.fileName, field: "file", maxLength: 255)
        guard data.count <= Self.maxBytes else { throw AppError.tooLarge("Tệp \(fileName) lớn hơn \(Self.maxBytes >> 20) MB.") }
        let book = CapitalBook(app.db)
        let works = Dictionary(try await book.works().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let rows: [WorkProgressUpload.Row]
        do {
            rows = try WorkProgressUpload.read(data, month: month, works: Set(works.keys))
        } catch let rejected as UploadRejected {
            throw AppError.invalid("\(fileName): \(rejected.description)")
        } catch let error as XLSXError {
            throw AppError.invalid("\(fileName): \(error.description)")
        }
        let directory = try await app.loadedPlan().directory
        var reports: [WorkProgress] = [], rowOf: [String: Int] = [:]
        for row in rows {
            let code = row.progress.workCode
            let investor = try works[code]!.investor.map { try CapitalHolders.reporter($0, directory: directory) }
            guard Policy.can(caller.principal, .reportWork(investor: investor)) else {
                throw AppError.forbidden("\(fileName), ô A\(row.row): công trình \(code) không do tài khoản này báo cáo; không công trình nào được ghi.")
            }
            var report = row.progress
            report.causes = try report.causes.map { try FreeText.check($0, field: "causes", maxLength: 2_000) }.flatMap(\.nilIfEmpty)
            report.reportedBy = caller.principal.username
            reports.append(report)
            rowOf[code] = row.row
        }
        let rowsByWork = rowOf
        try await book.record(reports, by: caller.actor, reason: "Nhập từ tệp \(fileName)") { report, previous in
            do {
                try report.check(previous: previous, today: today)
            } catch let error as AppError {
                throw AppError.invalid("\(fileName), dòng \(rowsByWork[report.workCode] ?? 0): \(error.description)")
            }
        }
        return reports.count
    }
}

/// The works template for `month`, listing the works the caller reports (every work for Ban Dân tộc and the finance side).
public struct WorkProgressTemplateFile: Sendable {
    public var month: CivilDate

    public init(month: CivilDate) { self.month = month }

    public func run(_ app: AppContext, by caller: Caller) async throws -> Data {
        let book = CapitalBook(app.db)
        let directory = try await app.loadedPlan().directory
        let mine = try await book.works().filter { work in
            guard work.investor != nil || Policy.can(caller.principal, .manageCapital) else { return false }
            let investor = try work.investor.map { try CapitalHolders.reporter($0, directory: directory) }
            return Policy.can(caller.principal, .reportWork(investor: investor))
        }
        guard !mine.isEmpty else { throw AppError.forbidden("Tài khoản này không báo cáo công trình nào.") }
        let last = Dictionary(grouping: try await book.progress().filter { $0.month < month }, by: \.workCode).mapValues { $0.max { $0.month < $1.month } }
        return try WorkProgressTemplate.workbook(mine.map { ($0, last[$0.code] ?? nil) }, month: month).data()
    }
}
