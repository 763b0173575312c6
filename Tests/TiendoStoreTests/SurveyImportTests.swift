import Fluent
import SQLKit
import Foundation
import NIOCore
import Testing
import TiendoCore
import TiendoImport
@testable import TiendoStore
import TiendoTestSupport

/// Storing a household survey on SQLite and PostgreSQL (COPY): all or nothing, replacing a year, by Ban Dân tộc only.
@Suite struct SurveyImportTests {
    static let date = CivilDate(year: 2024, month: 2, day: 1)!
    let communes = CommuneTable(try! SeedData.units().units(at: SurveyImportTests.date, level: .commune))
    let standard = try! PovertyStandard.named("qn-nq13-2023")
    let coordinator = Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)])

    /// `count` households over a few Ba Chẽ communes; ids carry a tab and a backslash to test COPY's escaping.
    func file(_ count: Int, poorEvery: Int = 7) throws -> String {
        var lines = ["household_id,commune_code,area,members,ethnic_minority,weight,income_wages,income_agriculture,income_forestry,"
                     + "income_fishery,income_business,income_transfers,income_other," + HouseholdRecord.deprivationColumns.joined(separator: ",")]
        for i in 0..<count {
            let poor = i % poorEvery == 0
            let deprivations = (0..<12).map { poor && $0 < 4 ? "1" : "0" }.joined(separator: ",")
            lines.append("\"H\t\(i)\\x\",\(["06970", "06973", "06976"][i % 3]),,4,\(i % 2),1.5,\(poor ? 10_000_000 : 400_000_000),0,0,0,0,0,0,\(deprivations)")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("survey-\(UUID().uuidString).csv").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importFile(_ path: String, year: Int, by principal: Principal, replacing: Bool = true, on db: any Database) async throws {
        let scan = try HouseholdFile.scan(path: path, communes: communes, standard: standard)
        let summary = HouseholdSummary.make(province: "22", communeCodes: communes.codes, parent: { code in
            SeedDataUnits.parent(code, SurveyImportTests.date)
        }, all: scan.all, ethnicMinority: scan.ethnicMinority)
        let batches = try HouseholdFile.households(path: path, communes: communes, standard: standard, batchSize: 700)
        try await Surveys(db).replace(Survey(year: year, standardId: standard.id, unitsDate: SurveyImportTests.date.iso, fileName: "t.csv",
                                             households: scan.households, ignoredColumns: scan.ignoredColumns),
                                      summary: summary, households: batches, by: Actor(username: principal.username, address: nil),
                                      replacing: replacing)
    }

    /// A COPY row is written byte by byte: numbers of any size and sign read back as themselves (net incomes can be
    /// negative), an id's backslash, tab and line breaks are escaped, and the row ends with one line break.
    @Test func copyRowsAreWrittenAsCOPYReadsThem() {
        var record = HouseholdRecord(area: .rural, members: 4, ethnicMinority: true, weight: 1.77,
                                     incomes: (0, 7, -1, 1_500_000, -2_485_149, Int.max, Int.min), deprivations: 10, deprivationFlags: 1023)
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        CopyRow.write(SurveyHousehold(id: "H\t1\\x\r\nỞ", communeCode: "06970", record: record, kind: .nearPoor), id: 99, year: -12, to: &buffer)
        record.weight = 0.1
        CopyRow.write(SurveyHousehold(id: "H2", communeCode: "06973", record: record, kind: .poor), id: 100, year: 2024, to: &buffer)
        #expect(buffer.readString(length: buffer.readableBytes) == """
            99\t-12\tH\\t1\\\\x\\r\\nỞ\t06970\trural\t4\t1\t1.77\t0\t7\t-1\t1500000\t-2485149\t9223372036854775807\t-9223372036854775808\t10\t1023\tnearPoor
            100\t2024\tH2\t06973\trural\t4\t1\t0.1\t0\t7\t-1\t1500000\t-2485149\t9223372036854775807\t-9223372036854775808\t10\t1023\tpoor

            """)
    }

    /// The step that trades the unique (key, id) index for an index on the key keeps every stored household (SQLite
    /// rebuilds the table to drop it) and leaves lookups by key on an index; PostgreSQL keeps no index on `id`.
    @Test(arguments: TestDatabase.available)
    func replacingTheUniqueIndexKeepsEveryHousehold(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            try await importFile(try file(1_200), year: 2024, by: coordinator, on: app.db)
            let sql = app.db as! any SQLDatabase
            func rows() async throws -> [String] {
                try await sql.raw("SELECT id, survey_year, household_id, commune_code, members, poverty_class FROM households ORDER BY id").all()
                    .map { row in
                        try ["id", "survey_year", "members"].map { String(try row.decode(column: $0, as: Int.self)) }.joined(separator: " ")
                            + (try ["household_id", "commune_code", "poverty_class"].map { try row.decode(column: $0, as: String.self) }.joined(separator: " "))
                    }
            }
            let before = try await rows()
            try await IndexHouseholdsByKey().revert(on: app.db)
            try await IndexHouseholdsByKey().prepare(on: app.db)
            #expect(try await rows() == before && before.count == 1_200)
            if sql.dialect.name == "sqlite" {
                let plan = try await sql.raw("EXPLAIN QUERY PLAN SELECT id FROM households WHERE survey_year = 2024").all()
                    .map { try $0.decode(column: "detail", as: String.self) }
                #expect(plan.contains { $0.contains("households_key") }, "\(plan)")
            } else {
                // A small table is scanned whatever its indexes: the index itself is checked.
                let indexes = try await sql.raw("SELECT indexdef FROM pg_indexes WHERE tablename = 'households' ORDER BY indexname").all()
                    .map { try $0.decode(column: "indexdef", as: String.self) }
                #expect(indexes.contains { $0.contains("households_key") && $0.contains("brin (survey_year)") }, "\(indexes)")
                #expect(!indexes.contains { $0.contains("UNIQUE") && $0.contains("household_id") }, "\(indexes)")
                #expect(!indexes.contains { $0.contains("(id)") }, "ids are not indexed on PostgreSQL: \(indexes)")
            }
            #expect(try await Surveys(app.db).count(year: 2024) == 1_200)
        }
    }

    /// Two imports of a year that has no survey, started together without "replace": one stores its survey, the
    /// other is refused at the switch and leaves no household behind.
    @Test(arguments: TestDatabase.available)
    func twoImportsOfANewYearAtOnceDoNotReplaceEachOther(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let (first, second) = (try file(300), try file(500))
            func attempt(_ path: String) async -> (any Error)? {
                do { try await importFile(path, year: 2024, by: coordinator, replacing: false, on: app.db); return nil } catch { return error }
            }
            async let a = attempt(first)
            async let b = attempt(second)
            let errors = [await a, await b].compactMap { $0 }
            #expect(errors.count == 1 && (errors.first as? AppError)?.httpStatus == 409, "\(errors)")
            let stored = try #require(try await Surveys(app.db).all().first)
            #expect([300, 500].contains(stored.households))
            let rows = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("households").first(decodingColumn: "n", as: Int.self)
            #expect(rows == stored.households)
            #expect(try await AuditLog.entries(on: app.db, entity: .survey).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func importReplaceAndRefuse(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let surveys = Surveys(app.db)
            try await importFile(try file(2_100), year: 2024, by: coordinator, on: app.db)
            #expect(try await surveys.count(year: 2024) == 2_100)
            let results = try await surveys.results(year: 2024)
            let province = try #require(results.first { $0.level == .province && $0.population == .all })
            #expect(province.households == 2_100 && province.poor == 300 && province.nearPoor == 0 && province.members == 8_400)
            #expect(results.first { $0.level == .district }?.code == "202")
            #expect(results.filter { $0.level == .commune && $0.population == .all }.map(\.code) == ["06970", "06973", "06976"])
            let key = try #require(try await surveys.householdsKey(year: 2024))
            let ids = try await (app.db as! any SQLDatabase).select().column("household_id").from("households").where("survey_year", .equal, key)
                .orderBy("id").limit(1).all(decodingColumn: "household_id", as: String.self)
            #expect(ids == ["H\t0\\x"])
            // The figures the plan's indicators read: per commune, for the survey's year.
            let values = try await surveys.dataValues()
            #expect(values.first { $0.element == "ho_ngheo" && $0.unitCode == "06970" }?.value == 100)

            // Importing the year again replaces it whole: the earlier households are gone, not only hidden.
            try await importFile(try file(900), year: 2024, by: coordinator, on: app.db)
            #expect(try await surveys.count(year: 2024) == 900)
            let all = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("households").first(decodingColumn: "n", as: Int.self)
            #expect(all == 900)
            #expect(try await surveys.all().map(\.households) == [900])

            // A reader failing half-way changes nothing (who may import is the use case's question: TiendoAppTests).
            let before = try await snapshot(app.db)
            struct Broken: Error {}
            let failing = FailingBatches(first: [SurveyHousehold(id: "x", communeCode: "06970",
                                                                 record: HouseholdRecord(area: .rural, members: 1, ethnicMinority: false, weight: 1,
                                                                                         incomes: (0, 0, 0, 0, 0, 0, 0), deprivations: 0),
                                                                 kind: .nearPoor)])
            await #expect(throws: (any Error).self) {
                try await surveys.replace(Survey(year: 2024, standardId: standard.id, unitsDate: "2024-02-01", fileName: "x.csv", households: 2,
                                                 ignoredColumns: []),
                                          summary: HouseholdSummary(rows: []), households: failing, by: Actor(username: "bdt", address: nil))
            }
            #expect(try await snapshot(app.db) == before)
            let audited = try await AuditLog.entries(on: app.db, entity: .survey)
            #expect(audited.map(\.newValue) == ["2100", "900"])
        }
    }
}

/// One batch, then an error: a file that turns bad while it is being stored.
struct FailingBatches: AsyncSequence, Sendable {
    let first: [SurveyHousehold]
    struct AsyncIterator: AsyncIteratorProtocol {
        var sent = false
        let first: [SurveyHousehold]
        mutating func next() async throws -> [SurveyHousehold]? {
            if sent { throw CocoaError(.fileReadCorruptFile) }
            sent = true
            return first
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(first: first) }
}

enum SeedDataUnits {
    static let units = try! SeedData.units()
    static func parent(_ code: String, _ date: CivilDate) -> String? { units.unit(code: code, at: date)?.parentCode }
}
