import Fluent
import Foundation
import SQLKit
import Testing
import TiendoCore
@testable import TiendoStore
import TiendoTestSupport
import Vapor
import VaporTesting

/// Migrations and the seed load, on SQLite and on PostgreSQL: what goes in comes back out, once.
@Suite struct SeedLoadTests {
    @Test(arguments: TestDatabase.available)
    func planReadsBackExactlyAsTranscribed(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let repository = PlanRepository(app.db)
            let stored = try #require(try await repository.document(id: SeedData.planID))
            let seed = try SeedData.plan()
            #expect(stored.targets == seed.targets)
            #expect(stored.plan == seed.plan)      // signature block, "Nơi nhận" and the appendix's own title included
            #expect(stored.plan.appendixTitle.count == 3 && stored.plan.recipients.last == "Lưu: VT, VX2.")
            #expect(stored.taskGroups == seed.taskGroups)
            #expect(stored.appendix == seed.appendix)
            #expect(stored.legalDocuments == seed.legalDocuments)
            #expect(stored == seed)
            #expect(try await repository.plans().map(\.number) == ["54/KH-UBND"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func unitsAndAgenciesReadBack(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let repository = PlanRepository(app.db)
            let seed = try SeedData.directory()
            let units = try await repository.units()
            #expect(Set(units.units) == Set(seed.units.units))
            #expect(Set(units.links) == Set(seed.units.links))
            let directory = try await repository.directory(province: "22")
            #expect(directory.agencies == seed.agencies)
            #expect(directory.collectives == seed.collectives)
            #expect(units.units(at: CivilDate(year: 2024, month: 6, day: 1)!, level: .commune).count == 177)
        }
    }

    @Test(arguments: TestDatabase.available)
    func loadingTwiceChangesNothing(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let before = try await rowCounts(app.db)
            #expect(before["plans"] == 1)
            #expect(before["tasks"] == 91)
            #expect(before["admin_units"]! > 190)
            let outcome = try await TiendoDatabase.prepare(app.databases, logger: app.logger)
            #expect(outcome == SeedLoader.Outcome(loadedPlan: false, loadedUnits: false, loadedAgencies: false))
            #expect(try await rowCounts(app.db) == before)
        }
    }

    /// A database made before the 2025 reorganisation takes the new map on its next start, audited; nothing it held is lost.
    @Test(arguments: TestDatabase.available)
    func aDatabaseMadeBeforeTheReorganisationTakesTheNewMap(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let sql = app.db as! any SQLDatabase
            let full = try await rowCounts(app.db)
            // As it stood before this release: no 2025 units, no links into them, the 2024 units still open.
            try await sql.raw("DELETE FROM admin_unit_links WHERE effective_on = '2025-07-01'").run()
            try await sql.raw("DELETE FROM admin_units WHERE valid_from = '2025-07-01' AND level <> 'province'").run()
            try await sql.raw("UPDATE admin_units SET valid_to = NULL WHERE valid_to = '2025-07-01'").run()
            let july = CivilDate(year: 2025, month: 7, day: 1)!
            #expect(try await PlanRepository(app.db).units().units(at: july, level: .district).count == 13)

            let outcome = try await TiendoDatabase.prepare(app.databases, logger: app.logger)
            #expect(outcome.loadedUnits)
            #expect(try await rowCounts(app.db) == full)
            let units = try await PlanRepository(app.db).units()
            #expect(Set(units.units) == Set(try SeedData.units().units))
            #expect(units.units(at: july, level: .commune).count == 54 && units.units(at: july, level: .district).isEmpty)
            let entries = try await AuditLog.entries(on: app.db).filter { $0.entity == "admin_unit" }
            #expect(entries.filter { $0.field == "added" }.count == 54 && entries.filter { $0.field == "validTo" }.count == 13 + 171)
            #expect(entries.allSatisfy { $0.actor == "hệ thống" })
        }
    }

    /// A plan that cannot be stored whole is not stored at all.
    @Test(arguments: TestDatabase.available)
    func aFailedPlanLoadLeavesNothingBehind(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            var broken = try SeedData.plan()
            broken.id = "kh-hong"
            broken.taskGroups[1].tasks[1].code = broken.taskGroups[1].tasks[0].code   // duplicate task code
            let before = try await rowCounts(app.db)
            await #expect(throws: (any Error).self) { try await SeedLoader.loadPlanIfAbsent(broken, on: app.db) }
            #expect(try await rowCounts(app.db) == before)
        }
    }

    /// A database seeded before the comparators were corrected gets them corrected, audited, and an indicator
    /// someone set to another comparator is left as it is.
    @Test(arguments: TestDatabase.available)
    func olderSeedsGetTheCorrectedComparators(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let sql = app.db as! any SQLDatabase
            try await sql.update("indicators").set("comparator", to: "eq").where("code", .in, ["II.8.1", "II.1.2"]).run()
            try await sql.update("indicators").set("comparator", to: "gt").where("code", .equal, "II.8.2").run()
            try await sql.update("indicators").set("comparator", to: "gte").set("inconsistency", to: SQLLiteral.null).where("code", .equal, "II.1.1").run()
            try await sql.delete(from: "indicator_readings").where("indicator_code", .equal, "II.1.1").run()
            try await CorrectSeedComparators().prepare(on: app.db)
            let stored = try #require(try await PlanRepository(app.db).document(id: SeedData.planID))
            #expect(stored.indicator(code: "II.8.1")?.comparator == .gte)
            #expect(stored.indicator(code: "II.1.2")?.comparator == .lte)
            #expect(stored.indicator(code: "II.8.2")?.comparator == .gt)
            #expect(stored.indicator(code: "II.1.1")?.readings.map(\.comparator) == [.about, .gt])
            #expect(stored.indicator(code: "II.1.1") == (try SeedData.plan()).indicator(code: "II.1.1"))
            let audited = try await AuditLog.entries(on: app.db, entity: .indicator)
            #expect(Set(audited.map(\.newValue)) == ["gte", "lte", "about"])
            #expect(audited.count == 3)
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    @Test func sqliteFileAndFolderAreCreatedInWALMode() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            guard case let .sqlite(path) = location else { return }
            #expect(!FileManager.default.fileExists(atPath: path))
            try await OpenDatabase.with(location) { open in
                #expect(FileManager.default.fileExists(atPath: path))
                let mode = try await (open.db as! any SQLDatabase).raw("PRAGMA journal_mode").first(decodingColumn: "journal_mode", as: String.self)
                #expect(mode == "wal")
            }
        }
    }

    func rowCounts(_ db: any Database) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in CreatePlanTables.planTables + ["admin_units", "admin_unit_links", "agencies", "collectives",
                                                   "assignee_aliases"] {
            counts[table] = try await SeedLoader.count(db as! any SQLDatabase, table)
        }
        return counts
    }
}

/// DATABASE_URL decides where data lives.
@Suite struct DatabaseLocationTests {
    @Test func defaultsToSQLiteUnderData() throws {
        #expect(try DatabaseLocation.from(environment: [:]) == .sqlite(path: "data/tiendo.sqlite"))
        #expect(try DatabaseLocation.from(environment: ["DATABASE_URL": ""]) == .sqlite(path: "data/tiendo.sqlite"))
    }

    @Test func explicitLocations() throws {
        #expect(try DatabaseLocation.from(environment: ["DATABASE_URL": "sqlite:/tmp/x.db"]) == .sqlite(path: "/tmp/x.db"))
        #expect(try DatabaseLocation.from(environment: ["DATABASE_URL": "postgres://u:p@h:5/d"]) == .postgres(url: "postgres://u:p@h:5/d"))
        #expect(try DatabaseLocation.from(environment: ["DATABASE_URL": "postgresql://u@h/d"]) == .postgres(url: "postgresql://u@h/d"))
    }

    @Test func badValuesAreRejectedWithTheFix() {
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation.from(environment: ["DATABASE_URL": "mysql://x"]) }
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation.from(environment: ["DATABASE_URL": "sqlite:"]) }
    }

    @Test func passwordsNeverReachTheLog() {
        #expect(!DatabaseLocation.postgres(url: "postgres://u:secret@h:5432/d").description.contains("secret"))
    }

    /// scripts/test sets TIENDO_REQUIRE_POSTGRES; then a missing server is a failure, not a skip.
    @Test func postgresIsConfiguredWhenRequired() {
        if ProcessInfo.processInfo.environment["TIENDO_REQUIRE_POSTGRES"] == "1" {
            #expect(TestDatabase.available.contains(.postgres))
            #expect(ProcessInfo.processInfo.environment["TIENDO_TEST_POSTGRES_URL"]?.isEmpty == false)
        }
    }
}
