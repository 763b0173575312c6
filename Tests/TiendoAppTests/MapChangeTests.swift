import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport

/// An administrator records how agencies changed (made-up changes: the real ones are for users to record) and the
/// shares of a split unit; accounts follow a renamed or merged agency; every write is audited, or nothing is written.
@Suite struct MapChangeTests {
    let admin = Caller(principal: Principal(username: "quantri", grants: [RoleGrant(role: .admin)]), address: "kiểm thử")
    let coordinator = Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử")
    let march2025 = CivilDate(year: 2025, month: 3, day: 1)!

    func withApp<T>(_ kind: TestDatabase, _ body: (AppContext) async throws -> T) async throws -> T {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in try await body(AppContext(db: open.db, hasher: BcryptHasher(cost: 4))) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRenameAndAMergeAreRecordedAndAccountsFollow(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let setup = Actor(username: "kiểm thử", address: nil)
            for (name, scope) in [("sodulich", "Sở Du lịch"), ("sogtvt", "Sở Giao thông vận tải"), ("soxd", "Sở Xây dựng")] {
                try await Accounts(app.db).create(username: name, passwordHash: "x", grant: RoleGrant(role: .agencyOfficer, scope: scope), by: setup)
            }
            let rename = AgencyChange(kind: .rename, from: ["Sở Du lịch"], into: ["Sở Du lịch (tên thử)"], effectiveOn: march2025,
                                      decision: "99/QĐ-THU", decisionDate: CivilDate(year: 2025, month: 2, day: 20))
            // Only an administrator; a wrong change is refused whole. Nothing is written either way.
            let before = try await snapshot(app.db)
            await #expect(throws: AppError.self) { _ = try await RecordAgencyChange(rename).run(app, by: coordinator) }
            var wrong = rename; wrong.into = ["Sở Du lịch"]
            await #expect(throws: AppError.self) { _ = try await RecordAgencyChange(wrong).run(app, by: admin) }
            wrong = rename; wrong.from = ["Sở Không Có"]
            await #expect(throws: AppError.self) { _ = try await RecordAgencyChange(wrong).run(app, by: admin) }
            wrong = rename; wrong.decision = " "
            await #expect(throws: AppError.self) { _ = try await RecordAgencyChange(wrong).run(app, by: admin) }
            #expect(try await snapshot(app.db) == before)

            let renamed = try await RecordAgencyChange(rename).run(app, by: admin)
            #expect(renamed.moved == ["sodulich"])
            let merge = AgencyChange(kind: .merge, from: ["Sở Giao thông vận tải", "Sở Xây dựng"], into: ["Sở Hạ tầng (tên thử)"],
                                     effectiveOn: march2025, decision: "100/QĐ-THU")
            #expect(try await RecordAgencyChange(merge).run(app, by: admin).moved.sorted() == ["sogtvt", "soxd"])

            let directory = try #require(try await PlanRepository(app.db).loadDefault()).directory
            #expect(directory.isInForce("Sở Du lịch", on: march2025.adding(days: -1)) && !directory.isInForce("Sở Du lịch", on: march2025))
            #expect(!directory.isInForce("Sở Du lịch (tên thử)", on: march2025.adding(days: -1)))
            #expect(directory.withSuccessor("Sở Giao thông vận tải", on: march2025) == "Sở Giao thông vận tải (nay là Sở Hạ tầng (tên thử))")
            #expect(directory.withSuccessor("Sở Giao thông vận tải", on: CivilDate(year: 2024, month: 6, day: 1)!) == "Sở Giao thông vận tải")
            // "Các sở, ban, ngành" of 2024 still has the old departments; of 2025 the new one instead.
            let departments = try #require(directory.collectives.first { $0.name == "Các sở, ban, ngành" })
            #expect(directory.members(of: departments, on: CivilDate(year: 2024, month: 6, day: 1)!).contains { $0.name == "Sở Xây dựng" })
            let after = directory.members(of: departments, on: march2025).map(\.name)
            #expect(!after.contains("Sở Xây dựng") && after.contains("Sở Hạ tầng (tên thử)"))
            // The accounts now speak for the successor; the audit log has the change and each move.
            #expect(try await Accounts(app.db).principal("sogtvt")?.grants.first?.scope == "Sở Hạ tầng (tên thử)")
            let entries = try await AuditLog.entries(on: app.db)
            #expect(entries.contains { $0.entity == "agency" && $0.field == "merge" && $0.actor == "quantri" })
            #expect(entries.filter { $0.entity == "role" && $0.field == "scope" }.count == 3)
            #expect(try await MapChanges(app.db).agencyChanges(province: "22").map(\.decision) == ["99/QĐ-THU", "100/QĐ-THU"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func sharesOfASplitUnitMustCoverItsSuccessorsExactly(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let december = CivilDate(year: 2024, month: 12, day: 1)!
            let before = try await snapshot(app.db)
            for (code, shares) in [("06655", [("06661", 1, 2), ("06706", 1, 3)]),       // 5/6, not 1
                                   ("06655", [("06661", 1, 1)]),                         // Tuần Châu left out
                                   ("06652", [("06652", 1, 1)])] {                       // Hà Phong went whole: no shares
                await #expect(throws: AppError.self) {
                    _ = try await SetSplitShares(unitCode: code, asOf: december, shares: shares, source: "dân số").run(app, by: admin)
                }
            }
            await #expect(throws: AppError.self) {
                _ = try await SetSplitShares(unitCode: "06655", asOf: december, shares: [("06661", 2, 3), ("06706", 1, 3)], source: "dân số").run(app, by: coordinator)
            }
            await #expect(throws: AppError.self) {
                _ = try await SetSplitShares(unitCode: "06655", asOf: december, shares: [("06661", 2, 3), ("06706", 1, 3)], source: "  ").run(app, by: admin)
            }
            #expect(try await snapshot(app.db) == before)
            _ = try await SetSplitShares(unitCode: "06655", asOf: december, shares: [("06661", 2, 3), ("06706", 1, 3)],
                                         source: "dân số 01/04/2024 (thử)").run(app, by: admin)
            let stored = try await MapChanges(app.db).shares()
            #expect(stored.map { "\($0.toCode) \($0.numerator)/\($0.denominator)" } == ["06661 2/3", "06706 1/3"])
            #expect(try await AuditLog.entries(on: app.db).contains { $0.entity == "admin_unit" && $0.field == "shares" && $0.actor == "quantri" })
        }
    }

    /// A scope is a code read in the map of the day it was granted: the officer of Phường Hà Phong (06652 in 2024)
    /// is not the officer of Phường Hà Tu (06652 since 01/07/2025) until an administrator confirms it; a district
    /// officer has no successor.
    @Test(arguments: TestDatabase.available)
    func anAccountOfAUnitThatEndedIsMovedOnlyByAnAdministrator(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let setup = Actor(username: "kiểm thử", address: nil)
            let june2024 = CivilDate(year: 2024, month: 6, day: 1)!, today = CivilDate(year: 2026, month: 11, day: 30)!
            let haPhong = RoleGrant(role: .communeOfficer, scope: "06652", mapDate: june2024)
            let haTu = RoleGrant(role: .communeOfficer, scope: "06652", mapDate: today)
            let district = RoleGrant(role: .districtOfficer, scope: "193", mapDate: june2024)
            try await Accounts(app.db).create(username: "xahaphong", passwordHash: "x", grant: haPhong, by: setup)
            try await Accounts(app.db).create(username: "halong", passwordHash: "x", grant: district, by: setup)
            try await Accounts(app.db).create(username: "xahatu", passwordHash: "x", grant: haTu, by: setup)
            let units = try await app.loadedPlan().directory.units
            let old = try #require(try await app.principal("xahaphong", on: today))
            #expect(old.endedGrants == [haPhong] && old.unit(of: haPhong, in: units)?.name == "Phường Hà Phong")
            let new = try #require(try await app.principal("xahatu", on: today))
            #expect(new.endedGrants.isEmpty && new.unit(of: haTu, in: units)?.name == "Phường Hà Tu")
            #expect(try await app.principal("halong", on: today)?.endedGrants == [district])
            // A district granted today (as an administrator would for a 2024 correction) names the district's last
            // version: Thành phố Đông Triều, not the thị xã it was until 01/11/2024.
            try await CreateUser(username: "dongtrieu", password: Accountholders.password, role: .districtOfficer, scope: "205").run(app, by: admin)
            let dongTrieu = try #require(try await app.principal("dongtrieu", on: today))
            #expect(dongTrieu.unit(of: dongTrieu.grants[0], in: units)?.name == "Thành phố Đông Triều")
            #expect(dongTrieu.grants[0].mapDate == CivilDate(year: 2025, month: 6, day: 30))

            let before = try await snapshot(app.db)
            await #expect(throws: AppError.self) {
                try await ConfirmSuccessorScope(username: "xahaphong", role: .communeOfficer, from: "06652", to: "06661").run(app, by: admin, today: today)
            }
            await #expect(throws: AppError.self) {
                try await ConfirmSuccessorScope(username: "xahaphong", role: .communeOfficer, from: "06652", to: "06652").run(app, by: coordinator, today: today)
            }
            await #expect(throws: AppError.self) {
                try await ConfirmSuccessorScope(username: "halong", role: .districtOfficer, from: "193", to: "06658").run(app, by: admin, today: today)
            }
            #expect(try await snapshot(app.db) == before)
            try await ConfirmSuccessorScope(username: "xahaphong", role: .communeOfficer, from: "06652", to: "06652").run(app, by: admin, today: today)
            let moved = try #require(try await app.principal("xahaphong", on: today))
            #expect(moved.endedGrants.isEmpty && moved.unit(of: moved.grants[0], in: units)?.name == "Phường Hà Tu")
            #expect(try await AuditLog.entries(on: app.db).contains { $0.entity == "role" && $0.field == "scope" && $0.actor == "quantri" })
        }
    }

    /// 06652 is Phường Hà Phong in the 2024 reports and Phường Hà Tu since 01/07/2025: the 2025 officer of Hà Tu cannot
    /// enter or send Hà Phong's 2024 figures, which its own 2024 officer can.
    @Test(arguments: TestDatabase.available)
    func aReusedCodeDoesNotOpenTheOldUnitsFigures(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let haPhong = Principal(username: "xahaphong", grants: [RoleGrant(role: .communeOfficer, scope: "06652", mapDate: CivilDate(year: 2024, month: 6, day: 1)!)])
            let haTu = Principal(username: "xahatu", grants: [RoleGrant(role: .communeOfficer, scope: "06652", mapDate: CivilDate(year: 2025, month: 7, day: 1)!)])
            let values = [EntryValue(element: "tong_so_ho", value: 1_200)]
            let before = try await snapshot(app.db)
            await #expect(throws: AppError.self) {
                try await SaveFigures(obligation: "bao-cao-nam-2024", reporter: "06652", period: "2024", values: values)
                    .run(app, by: Caller(principal: haTu, address: "kiểm thử"))
            }
            #expect(try await snapshot(app.db) == before)
            _ = try await SaveFigures(obligation: "bao-cao-nam-2024", reporter: "06652", period: "2024", values: values)
                .run(app, by: Caller(principal: haPhong, address: "kiểm thử"))
        }
    }
}
