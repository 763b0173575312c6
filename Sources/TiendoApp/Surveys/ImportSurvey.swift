import Foundation
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

    /// `checked` hears the bytes read (checked and handed on to be stored as they are read).
    @discardableResult
    public func run(_ app: AppContext, by caller: Caller, checked: (@Sendable (Int) -> Void)? = nil) async throws -> (HouseholdScan, HouseholdSummary) {
        try Policy.require(caller.principal, .importSurvey)
        let fileName = try FreeText.check(self.fileName, field: "file", maxLength: 255)
        guard (2000...2100).contains(year) else { throw AppError.invalid("Nhập năm điều tra, ví dụ 2024.") }
        try standard.check(year: year)
        let plan = try await app.loadedPlan()
        let units = plan.directory.units, unitsDate = self.unitsDate, standard = self.standard
        let input = try HouseholdFile.asCSV(path)
        defer { input.cleanup() }
        let communes = CommuneTable(units.units(at: unitsDate, level: .commune))
        let surveys = Surveys(app.db), provinceCode = plan.document.plan.provinceCode
        // Refused before storing anything; the store checks again at the switch, under the year's lock. The count
        // the refusal names needs the file read once (off the event loop: blocking work).
        if !replacing, let existing = try await surveys.all().first(where: { $0.year == year }) {
            let scan = try await Task.detached { try HouseholdFile.scan(path: input.path, communes: communes, standard: standard, progress: checked) }.value
            throw Surveys.yearTaken(year, households: existing.households, fileName: existing.fileName,
                                    importedBy: existing.importedBy, incoming: scan.households)
        }
        // One pass: the file is checked while its households are staged, and they are used only if it passes.
        let batches = try HouseholdFile.households(path: input.path, communes: communes, standard: standard, progress: checked)
        /// The file's verdict, once every batch is taken.
        @Sendable func checkedFile() throws -> (HouseholdScan, HouseholdSummary) {
            guard let scan = batches.scan else { throw AppError.invalid("Tệp \(fileName) chưa được đọc hết; không nhập gì.") }
            // A file without a household (a header alone, an archive that inflates to nothing) is no survey: it
            // must never replace one.
            guard scan.households > 0 else { throw AppError.invalid("Tệp \(fileName) không có hộ nào; không nhập gì.") }
            return (scan, HouseholdSummary.make(province: provinceCode, communeCodes: communes.codes,
                                                parent: { units.unit(code: $0, at: unitsDate)?.parentCode },
                                                all: scan.all, ethnicMinority: scan.ethnicMinority))
        }
        try await surveys.replace(households: batches, checked: { [year] in
            let (scan, summary) = try checkedFile()
            return (Survey(year: year, standardId: standard.id, unitsDate: unitsDate.iso, fileName: fileName,
                           households: scan.households, ignoredColumns: scan.ignoredColumns), summary)
        }, by: caller.actor, replacing: replacing)
        let (scan, summary) = try checkedFile()
        AppMetrics.householdsImported.increment(by: scan.households)
        return (scan, summary)
    }
}

