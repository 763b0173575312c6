import Foundation
import TiendoCore
import TiendoImport
import TiendoReports
import TiendoStore

/// The finance side imports a month's cumulative disbursement by capital line from a spreadsheet (Tiendo's template,
/// or its own layout with a column mapping): each line's month is the cumulative figure less what was recorded for
/// the months before. Checked whole against the same rules as one month typed in; all lines or none.
public struct ImportDisbursements: Sendable {
    public static let maxBytes = 10 << 20
    public var data: Data, fileName: String, month: CivilDate, mapping: DisbursementUpload.Mapping

    public init(data: Data, fileName: String, month: CivilDate, mapping: DisbursementUpload.Mapping = .template) {
        (self.data, self.fileName, self.month, self.mapping) = (data, fileName, month, mapping)
    }

    /// How many lines got the month.
    @discardableResult
    public func run(_ app: AppContext, by caller: Caller, today: CivilDate = AppClock.today()) async throws -> Int {
        try Policy.require(caller.principal, .manageCapital)
        let fileName = try FreeText.check(self.fileName, field: "file", maxLength: 255)
        guard data.count <= Self.maxBytes else { throw AppError.tooLarge("Tệp \(fileName) lớn hơn \(Self.maxBytes >> 20) MB.") }
        guard month.day == CivilDate.daysIn(month: month.month, year: month.year) else {
            throw AppError.invalid("Tháng nhập là ngày cuối tháng (ví dụ 2024-05-31).")
        }
        let book = CapitalBook(app.db)
        let rows: [DisbursementUpload.Row]
        do {
            rows = try DisbursementUpload.read(data, mapping: mapping, lines: Set(try await book.lines().map(\.id)))
        } catch let rejected as UploadRejected {
            throw AppError.invalid("\(fileName): \(rejected.description)")
        } catch let error as XLSXError {
            throw AppError.invalid("\(fileName): \(error.description)")
        }
        let byLine = Dictionary(rows.map { ($0.lineId, $0) }, uniquingKeysWith: { a, _ in a })
        let (month, who) = (self.month, caller.principal.username)
        return try await book.recordAll(rows.map(\.lineId), by: caller.actor, reason: "Nhập từ tệp \(fileName)") { id, figures, months, total in
            let row = byLine[id]!
            let cell = CellName.of(row: row.row, column: mapping.amountColumn)
            let before = months.filter { $0.month < month }.reduce(0) { $0 + $1.disbursed.value }
            guard row.cumulative.value >= before else {
                throw AppError.invalid("Ô \(cell): lũy kế \(row.cumulative.vietnamese) thấp hơn số đã ghi đến tháng trước (\(Dong(before).vietnamese)).")
            }
            // Nothing new on a line whose cumulative figure did not move (and no month recorded yet): nothing to store.
            if row.cumulative.value == before && !months.contains(where: { $0.month == month }) { return nil }
            let record = Disbursement(lineId: id, month: month, disbursed: Dong(row.cumulative.value - before), reportedBy: who, source: .finance)
            do {
                _ = try CapitalRules.check(record, figures: figures, reportedMonths: Set(months.map(\.month)), today: today, comment: nil,
                                           after: try total(record))
            } catch let error as AppError {
                throw AppError.invalid("Ô \(cell): \(error.description)")
            }
            return record
        }
    }
}

/// The template the finance side fills: every line of a plan year with its plan and what is recorded so far.
public struct DisbursementTemplateFile: Sendable {
    public var year: Int

    public init(year: Int) { self.year = year }

    public func run(_ app: AppContext, asOf: CivilDate = AppClock.today()) async throws -> Data {
        let funnel = try await CapitalBook(app.db).funnel(asOf: .distantFuture, year: year)
        let directory = try await app.loadedPlan().directory
        return try DisbursementTemplate.workbook(funnel, year: year) { $0.name(in: directory, on: asOf) }.data()
    }
}
