import Foundation
import Metrics
import TiendoCore
import TiendoImport
import TiendoStore

/// Ban Dân tộc loads a household survey file (CSV or XLSX): checked whole, then stored, replacing that year's.
/// A file with any error throws `HouseholdFileRejected` and stores nothing.
public struct ImportSurvey: Sendable {
    public var path: String, fileName: String, year: Int, standard: PovertyStandard, unitsDate: CivilDate
    /// The user said to replace the year's survey if there is one; without it an existing survey is never replaced.
    public var replacing: Bool

    public init(path: String, fileName: String, year: Int, standard: PovertyStandard, unitsDate: CivilDate, replacing: Bool = false) {
        (self.path, self.fileName, self.year, self.standard, self.unitsDate) = (path, fileName, year, standard, unitsDate)
        self.replacing = replacing
    }

    /// `checked` hears bytes read while checking, `stored` the households written so far and how many there are.
    @discardableResult
    public func run(_ app: AppContext, by caller: Caller, checked: (@Sendable (Int) -> Void)? = nil,
                    stored: (@Sendable (Int, Int) -> Void)? = nil) async throws -> (HouseholdScan, HouseholdSummary) {
        try Policy.require(caller.principal, .importSurvey)
        let fileName = try FreeText.check(self.fileName, field: "file", maxLength: 255)
        guard (2000...2100).contains(year) else { throw AppError.invalid("Nhập năm điều tra, ví dụ 2024.") }
        try standard.check(year: year)
        let plan = try await app.loadedPlan()
        let units = plan.directory.units, unitsDate = self.unitsDate, standard = self.standard
        let input = try HouseholdFile.asCSV(path)
        defer { input.cleanup() }
        let communes = CommuneTable(units.units(at: unitsDate, level: .commune))
        // Reading the file is blocking work; keep it off the event loop.
        let scan = try await Task.detached { try HouseholdFile.scan(path: input.path, communes: communes, standard: standard, progress: checked) }.value
        let summary = HouseholdSummary.make(province: plan.document.plan.provinceCode, communeCodes: communes.codes,
                                            parent: { units.unit(code: $0, at: unitsDate)?.parentCode },
                                            all: scan.all, ethnicMinority: scan.ethnicMinority)
        // A file without a household (a header alone, an archive that inflates to nothing) is no survey: it must
        // never replace one.
        guard scan.households > 0 else {
            throw AppError.invalid("Tệp \(fileName) không có hộ nào; không nhập gì.")
        }
        // Refused early, before storing anything; the store checks again at the switch, under the year's lock.
        if !replacing, let existing = try await Surveys(app.db).all().first(where: { $0.year == year }) {
            throw Surveys.yearTaken(year, households: existing.households, fileName: existing.fileName,
                                    importedBy: existing.importedBy, incoming: scan.households)
        }
        let batches = try HouseholdFile.households(path: input.path, communes: communes, standard: standard)
        try await Surveys(app.db).replace(Survey(year: year, standardId: standard.id, unitsDate: unitsDate.iso, fileName: fileName,
                                                 households: scan.households, ignoredColumns: scan.ignoredColumns),
                                          summary: summary, households: batches, by: caller.actor, replacing: replacing, progress: stored)
        Counter(label: "tiendo_households_imported_total").increment(by: scan.households)
        return (scan, summary)
    }
}
