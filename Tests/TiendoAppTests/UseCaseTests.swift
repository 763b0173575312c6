import FluentKit
import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import TiendoTestSupport

/// Every use case as the adapters call it, without the web: allowed, refused (nothing written, nothing
/// audited) and invalid (nothing written), on SQLite and PostgreSQL.
@Suite struct UseCaseTests {
    static let obligation = "bao-cao-6-thang-2024"
    static let communeFigures = [EntryValue(element: "tong_so_ho", value: 1000), EntryValue(element: "ho_nuoc_sach_qcvn", value: 900)]

    let admin = Caller(principal: Principal(username: "quantri", grants: [RoleGrant(role: .admin)]), address: "kiểm thử")
    let coordinator = Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử")
    let commune = Caller(principal: Principal(username: "xaa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")]), address: "kiểm thử")
    let district = Caller(principal: Principal(username: "bache", grants: [RoleGrant(role: .districtOfficer, scope: "202")]), address: "kiểm thử")
    let otherDistrict = Caller(principal: Principal(username: "halong", grants: [RoleGrant(role: .districtOfficer, scope: "193")]), address: "kiểm thử")
    let viewer = Caller(principal: Principal(username: "xem", grants: [RoleGrant(role: .viewer)]), address: "kiểm thử")

    /// A fresh, migrated and seeded database of `kind`; a cheap hasher keeps account tests quick.
    func withApp<T>(_ kind: TestDatabase, _ body: (AppContext) async throws -> T) async throws -> T {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in try await body(AppContext(db: open.db, hasher: BcryptHasher(cost: 4))) }
        }
    }

    /// Runs `work`, expecting `AppError` of the given kind, and checks that no row of any table changed.
    func refused(_ app: AppContext, _ kind: (AppError) -> Bool, _ work: () async throws -> Void,
                 sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try await snapshot(app.db)
        do {
            try await work()
            Issue.record("expected a refusal", sourceLocation: sourceLocation)
        } catch let error as AppError {
            #expect(kind(error), "\(error)", sourceLocation: sourceLocation)
        }
        #expect(try await snapshot(app.db) == before, "something was written", sourceLocation: sourceLocation)
    }

    static func forbidden(_ e: AppError) -> Bool { if case .forbidden = e { true } else { false } }
    static func invalid(_ e: AppError) -> Bool { if case .invalid = e { true } else { false } }
    static func conflict(_ e: AppError) -> Bool { if case .conflict = e { true } else { false } }
    static func notFound(_ e: AppError) -> Bool { if case .notFound = e { true } else { false } }

    @Test(arguments: TestDatabase.available)
    func accountsAndTokens(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            try await refused(app, Self.forbidden) { try await CreateUser(username: "moi", password: "mat-khau-du-dai-1", role: .viewer, scope: nil).run(app, by: coordinator) }
            try await refused(app, Self.invalid) { try await CreateUser(username: "moi", password: "ngan", role: .viewer, scope: nil).run(app, by: admin) }
            try await refused(app, Self.invalid) { try await CreateUser(username: "moi", password: "mat-khau-du-dai-1", role: .districtOfficer, scope: "06970").run(app, by: admin) }
            let grant = try await CreateUser(username: "moi", password: "mat-khau-du-dai-1", role: .agencyOfficer, scope: "sở giáo dục và đào tạo").run(app, by: admin)
            #expect(grant.scope == "Sở Giáo dục và Đào tạo")
            try await refused(app, Self.forbidden) { try await GrantRole(username: "moi", role: .viewer, scope: nil).run(app, by: district) }
            try await GrantRole(username: "moi", role: .viewer, scope: nil).run(app, by: admin)
            try await refused(app, Self.forbidden) { try await UnlockUser(username: "moi").run(app, by: viewer) }

            let session = try await SignIn(username: "moi", password: "mat-khau-du-dai-1", address: "10.0.0.1", previousCookie: nil).run(app)
            #expect(session.principal.grants.count == 2)
            let me = Caller(principal: session.principal, address: "10.0.0.1")
            try await refused(app, Self.invalid) { try await ChangePassword(current: "sai-mat-khau-roi", new: "mat-khau-moi-du-dai").run(app, by: me) }
            try await ChangePassword(current: "mat-khau-du-dai-1", new: "mat-khau-moi-du-dai").run(app, by: me)
            let token = try await CreateToken(expiresOn: nil).run(app, by: me)
            try await refused(app, Self.forbidden) { try await CreateToken(for: "moi", expiresOn: nil).run(app, by: viewer) }
            try await refused(app, Self.forbidden) { try await RevokeToken(id: token.token).run(app, by: viewer) }
            try await refused(app, Self.notFound) { try await RevokeToken(id: "khongco").run(app, by: admin) }
            try await RevokeToken(id: token.token).run(app, by: me)
            try await SignOut(cookie: session.cookieValue).run(app)
            #expect(try await Credentials(app.db).session(cookie: session.cookieValue) == nil)

            let audited = try await AuditLog.entries(on: app.db)
            #expect(Set(audited.map(\.entity)).isSuperset(of: ["user", "role", "api_token"]))
            #expect(audited.allSatisfy { ["quantri", "moi"].contains($0.actor) })
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func taskUpdatesAndEvidence(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let request = TaskUpdateRequest(status: .inProgress, progress: 40, note: "Đã khảo sát", unit: "193")
            try await refused(app, Self.forbidden) { _ = try await PostTaskUpdate(task: "III.4.(2)", request: request).run(app, by: district) }
            try await refused(app, Self.invalid) {
                _ = try await PostTaskUpdate(task: "III.4.(2)", request: TaskUpdateRequest(status: .inProgress, progress: 140, note: "", unit: "193")).run(app, by: coordinator)
            }
            try await refused(app, Self.notFound) { _ = try await PostTaskUpdate(task: "PL.999", request: request).run(app, by: coordinator) }
            let update = try await PostTaskUpdate(task: "III.4.(2)", request: request).run(app, by: coordinator)
            let pdf = Data("%PDF-1.4 minh chứng".utf8)
            try await refused(app, Self.forbidden) {
                _ = try await AttachEvidence(task: "III.4.(2)", updateId: update.id!, fileName: "qd.pdf", contentType: "application/pdf", content: pdf).run(app, by: district)
            }
            try await refused(app, Self.invalid) {
                _ = try await AttachEvidence(task: "III.4.(2)", updateId: update.id!, fileName: "qd.exe", contentType: "application/x-msdownload", content: pdf).run(app, by: coordinator)
            }
            let file = try await AttachEvidence(task: "III.4.(2)", updateId: update.id!, fileName: "qd.pdf", contentType: "application/pdf", content: pdf).run(app, by: coordinator)
            let (read, bytes) = try await ReadEvidence(task: "III.4.(2)", fileId: file.id).run(app, by: viewer)
            #expect(read.fileName == "qd.pdf" && bytes == pdf)
            #expect(try await AuditLog.entries(on: app.db, entity: .taskUpdate).count == 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func figuresFromCommuneToProvince(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let save = SaveFigures(obligation: Self.obligation, reporter: "06970", period: "2024-H1", values: Self.communeFigures)
            try await refused(app, Self.forbidden) { _ = try await save.run(app, by: otherDistrict) }
            try await refused(app, Self.invalid) {
                _ = try await SaveFigures(obligation: Self.obligation, reporter: "06970", period: "2024-H7", values: Self.communeFigures).run(app, by: commune)
            }
            await #expect(throws: DataRejected.self) {
                _ = try await SaveFigures(obligation: Self.obligation, reporter: "06970", period: "2024-H1",
                                          values: [EntryValue(element: "tong_so_ho", value: 100), EntryValue(element: "ho_nuoc_sach_qcvn", value: 900)]).run(app, by: commune)
            }
            #expect(try await save.run(app, by: commune).state == .draft)
            try await refused(app, Self.invalid) { _ = try await MoveSubmission(.return, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: " ").run(app, by: district) }
            try await refused(app, Self.conflict) { _ = try await MoveSubmission(.approve, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: nil).run(app, by: district) }
            _ = try await MoveSubmission(.submit, obligation: Self.obligation, reporter: "06970", period: "2024-H1", comment: nil).run(app, by: commune)
            try await refused(app, Self.conflict) { _ = try await save.run(app, by: commune) }        // sent: no edits
            try await refused(app, Self.forbidden) { _ = try await ApproveAllSent(obligation: Self.obligation, district: "202", period: "2024-H1").run(app, by: otherDistrict) }
            #expect(try await ApproveAllSent(obligation: Self.obligation, district: "202", period: "2024-H1").run(app, by: district) == ["06970"])
            let (scope, bytes) = try await DownloadTemplate(obligation: Self.obligation, reporter: "202", period: "2024-H1").run(app, by: district)
            #expect(scope.forms.count > 1 && bytes.starts(with: [0x50, 0x4B]))
            try await refused(app, Self.forbidden) { _ = try await DownloadTemplate(obligation: Self.obligation, reporter: "202", period: "2024-H1").run(app, by: otherDistrict) }
            try await refused(app, Self.invalid) { _ = try await UploadTemplate(obligation: Self.obligation, reporter: "202", period: "2024-H1", file: Data()).run(app, by: district) }
            let states = try await AuditLog.entries(on: app.db, entity: .submission).map(\.newValue)
            #expect(states == ["submitted", "districtApproved"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func surveysAndReports(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("survey-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let header = "household_id,commune_code,area,members,ethnic_minority,weight,income_wages,income_agriculture,income_forestry,"
                + "income_fishery,income_business,income_transfers,income_other," + HouseholdRecord.deprivationColumns.joined(separator: ",")
            try Data((header + "\nH1,06970,rural,4,1,1,1000,0,0,0,0,0,0," + Array(repeating: "0", count: 12).joined(separator: ",") + "\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            let standard = try PovertyStandard.named("qn-nq13-2023")
            let survey = ImportSurvey(path: path, fileName: "t.csv", year: 2024, standard: standard, unitsDate: CivilDate(year: 2024, month: 2, day: 1)!)
            try await refused(app, Self.forbidden) { try await survey.run(app, by: district) }
            try await refused(app, Self.invalid) {
                try await ImportSurvey(path: path, fileName: "t.csv", year: 1990, standard: standard, unitsDate: CivilDate(year: 2024, month: 2, day: 1)!).run(app, by: coordinator)
            }
            try await survey.run(app, by: coordinator)
            #expect(try await Surveys(app.db).count(year: 2024) == 1)

            let consolidated = BuildReport(obligation: Self.obligation, reporter: nil, period: "2024-H1", format: .docx)
            try await refused(app, Self.forbidden) { _ = try await consolidated.run(app, by: district) }
            try await refused(app, Self.forbidden) { _ = try await BuildReport(obligation: Self.obligation, reporter: "193", period: "2024-H1", format: .xlsx).run(app, by: district) }
            try await refused(app, Self.notFound) { _ = try await BuildReport(obligation: "khong-co", reporter: nil, period: nil, format: .docx).run(app, by: coordinator) }
            let own = try await BuildReport(obligation: Self.obligation, reporter: "202", period: "2024-H1", format: .xlsx).run(app, by: district)
            #expect(own.filename == "bao-cao-\(Self.obligation)-202-2024-H1.xlsx")
            #expect(try await consolidated.run(app, by: coordinator).bytes.starts(with: [0x50, 0x4B]))
            #expect(try await AuditLog.entries(on: app.db, entity: .report).count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theInstallationsNamesComeFromThePlanAndSettings(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let plan = try await ShowProfile().run(app)
            #expect(plan.issuer == "UBND tỉnh Quảng Ninh" && plan.place == "Quảng Ninh")
            #expect(plan.footer == "Kế hoạch 54/KH-UBND ngày 23/02/2024 của UBND tỉnh Quảng Ninh · Tiendo")
            try await refused(app, Self.forbidden) { try await ChangeSetting(key: "profile.place", value: "Hạ Long").run(app, by: coordinator) }
            try await refused(app, Self.invalid) { try await ChangeSetting(key: "province", value: "23").run(app, by: admin) }
            try await refused(app, Self.invalid) { try await ChangeSetting(key: "profile.place", value: "Hạ\u{0}Long").run(app, by: admin) }
            // Decomposed input is stored composed, so what is audited is what is stored.
            try await ChangeSetting(key: "profile.place", value: " Ha\u{0323} Long ").run(app, by: admin)
            #expect(try await ShowProfile().run(app).place == "Hạ Long")
            let inputs = try await ReportSources.load(app.db, plan: try await app.loadedPlan())
            #expect(inputs.profile.place == "Hạ Long" && inputs.profile.issuer == "UBND tỉnh Quảng Ninh")
            try await ChangeSetting(key: "profile.place", value: nil).run(app, by: admin)
            #expect(try await ShowProfile().run(app).place == "Quảng Ninh")
            let audited = try await AuditLog.entries(on: app.db, entity: .setting)
            #expect(audited.map(\.newValue) == ["Hạ Long", nil])
        }
    }

    /// An empty file is no survey, and a stored survey is replaced only when the user says so.
    @Test(arguments: TestDatabase.available)
    func aSurveyIsNeverReplacedByAccident(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let header = "household_id,commune_code,area,members,ethnic_minority,weight,income_wages,income_agriculture,income_forestry,"
                + "income_fishery,income_business,income_transfers,income_other," + HouseholdRecord.deprivationColumns.joined(separator: ",")
            func file(_ households: Int) throws -> String {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("survey-\(UUID().uuidString).csv").path
                let rows = (0..<households).map { "H\($0),06970,rural,4,1,1,1000,0,0,0,0,0,0," + Array(repeating: "0", count: 12).joined(separator: ",") }
                try Data(([header] + rows).joined(separator: "\n").utf8 + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
                return path
            }
            let standard = try PovertyStandard.named("qn-nq13-2023")
            func survey(_ path: String, replacing: Bool = false) -> ImportSurvey {
                ImportSurvey(path: path, fileName: "t.csv", year: 2024, standard: standard, unitsDate: CivilDate(year: 2024, month: 2, day: 1)!,
                             replacing: replacing)
            }
            try await refused(app, Self.invalid) { try await survey(try file(0)).run(app, by: coordinator) }
            try await survey(try file(3)).run(app, by: coordinator)
            try await refused(app, Self.conflict) { try await survey(try file(2)).run(app, by: coordinator) }
            try await refused(app, Self.invalid) { try await survey(try file(0), replacing: true).run(app, by: coordinator) }
            #expect(try await Surveys(app.db).count(year: 2024) == 3)
            try await survey(try file(2), replacing: true).run(app, by: coordinator)
            #expect(try await Surveys(app.db).count(year: 2024) == 2)
            // A file refused by the check alone (an id twice, which the reader that stores rows does not look for)
            // leaves the stored survey and not one staged row.
            let twice = try file(4)
            try Data(try String(contentsOfFile: twice, encoding: .utf8).replacingOccurrences(of: "H3,", with: "H1,").utf8).write(to: URL(fileURLWithPath: twice))
            await #expect(throws: HouseholdFileRejected.self) { try await survey(twice, replacing: true).run(app, by: coordinator) }
            // A file is checked while it is stored: a bad last row, met after every other row was sent, is named
            // with its line and takes every staged row with it.
            let lastBad = try file(4)
            try Data(try String(contentsOfFile: lastBad, encoding: .utf8).replacingOccurrences(of: "H3,06970,rural,4,", with: "H3,06970,rural,0,").utf8)
                .write(to: URL(fileURLWithPath: lastBad))
            do {
                try await survey(lastBad, replacing: true).run(app, by: coordinator)
                Issue.record("a file with a bad last row was stored")
            } catch let rejected as HouseholdFileRejected {
                #expect(rejected.issues.map { "\($0.line) \($0.column)" } == ["5 members"])
            }
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM households").first(decodingColumn: "n", as: Int.self)
            let kept = try await Surveys(app.db).count(year: 2024)
            #expect(rows == 2 && kept == 2)
            let audited = try await AuditLog.entries(on: app.db, entity: .survey)
            #expect(audited.map(\.oldValue) == [nil, "3"] && audited.map(\.newValue) == ["3", "2"])
        }
    }
}
