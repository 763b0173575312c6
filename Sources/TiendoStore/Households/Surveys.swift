import FluentKit
import Foundation
import PostgresNIO
import SQLKit
import TiendoCore

struct SurveyRecord: TableRow {
    static let table = "surveys"
    var year: Int, standardId: String, unitsDate: String, fileName: String, households: Int
    var ignoredColumns: String, importedBy: String, importedAt: String
    /// The key its households are stored under; nil for surveys imported before keys: then the year.
    var householdsKey: Int?
}

/// The households table, written in bulk, never row by row: `SQLiteBulkInsert` on SQLite, `Surveys.copy` on PostgreSQL.
enum HouseholdRow {
    static let table = "households"
    static let columns = ["survey_year", "household_id", "commune_code", "area", "members", "ethnic_minority", "weight",
                          "income_wages", "income_agriculture", "income_forestry", "income_fishery", "income_business",
                          "income_transfers", "income_other", "deprivations", "deprivation_flags", "poverty_class"]
}

struct SurveyResultRecord: TableRow {
    static let table = "survey_results"
    var surveyYear: Int, level: String, code: String, population: String, households: Int, members: Int
    var poor: Int, nearPoor: Int, incomeTotal: Int, incomeBySource: String, estimates: String
}

/// A survey as pages and reports show it.
public struct Survey: Sendable, Hashable, Codable {
    public var year: Int
    public var standardId: String
    public var unitsDate: String
    public var fileName: String
    public var households: Int
    public var ignoredColumns: [String]
    public var importedBy: String
    public var importedAt: String

    public init(year: Int, standardId: String, unitsDate: String, fileName: String, households: Int, ignoredColumns: [String],
                importedBy: String = "", importedAt: String = "") {
        self.year = year
        self.standardId = standardId
        self.unitsDate = unitsDate
        self.fileName = fileName
        self.households = households
        self.ignoredColumns = ignoredColumns
        self.importedBy = importedBy
        self.importedAt = importedAt
    }
}

/// One aggregate row of a stored survey, with the weighted estimates.
public struct SurveyResult: Sendable, Hashable, Codable {
    public struct Estimates: Sendable, Hashable, Codable {
        public var weightedHouseholds: Double
        public var poorRate: Double?, poorRateSE: Double?
        public var nearPoorRate: Double?, nearPoorRateSE: Double?
        public var incomePerCapita: Double?, incomePerCapitaSE: Double?
    }

    public var level: AdminLevel
    public var code: String
    public var population: SurveyPopulation
    public var households: Int, members: Int, poor: Int, nearPoor: Int, incomeTotal: Int
    public var incomeBySource: [Int]
    public var estimates: Estimates
}

/// Storing a survey (replacing an earlier import of the same year in the same transaction) and reading it back.
public struct Surveys: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Households deleted per transaction when an earlier import's are cleared away.
    static let deleteBatch = 20_000

    /// Replaces the survey of `survey.year` with these households and aggregates, all or nothing, audited.
    public func replace<S: AsyncSequence & Sendable>(_ survey: Survey, summary: HouseholdSummary, households: S, by actor: Actor,
                                                     replacing: Bool = true) async throws
        where S.Element == [SurveyHousehold] {
        try await replace(households: households, checked: { (survey, summary) }, by: actor, replacing: replacing)
    }

    /// Replaces a year's survey with `households`, all or nothing, audited; `checked` gives the survey and its
    /// aggregates once every household is staged (a reader that checks the file as it goes has its verdict then).
    ///
    /// The households are staged under a fresh key: on SQLite in short transactions, one per batch, so other writers
    /// (task updates, figures, a command next to the server) take their turns during a long import; on PostgreSQL in
    /// one COPY, which holds up no one. The survey row, its aggregates and the audit entry then switch to the new key
    /// in one short transaction, and the earlier import's households are cleared in batches afterwards. A failure
    /// before the switch (the file's problems included) removes what was staged and leaves the earlier survey as it
    /// was. Without `replacing`, a year that has a survey when the switch comes (another import that finished first
    /// included) is refused with 409 and the staged rows removed.
    public func replace<S: AsyncSequence & Sendable>(households: S, checked: @Sendable () async throws -> (Survey, HouseholdSummary),
                                                     by actor: Actor, replacing: Bool = true) async throws
        where S.Element == [SurveyHousehold] {
        let key = try await freshKey()
        do {
            let stored: Int
            if let postgres = sql as? any PostgresDatabase {
                stored = try await Surveys.copy(households, key: key, into: postgres, reserve: { try await self.reserveIDs($0) })
            } else {
                let bulk = try await SQLiteBulkInsert.households(of: sql)
                var written = 0
                for try await batch in households {
                    try await bulk.write(batch, key: key)
                    written += batch.count
                }
                stored = written
            }
            let (survey, summary) = try await checked()
            guard stored == survey.households else { throw Surveys.fileChanged(stored: stored, counted: survey.households) }
            let previousKey = try await WriteTransaction.run(on: db) { sql in
                try await Surveys.switchTo(key, survey: survey, summary: summary, by: actor, replacing: replacing, on: sql)
            }
            if let previousKey { try await clear(previousKey) }
        } catch {
            try? await clear(key)
            throw error
        }
    }

    /// Why an import that does not replace cannot store `year`: what is there, and how to replace it.
    public static func yearTaken(_ year: Int, households: Int, fileName: String, importedBy: String, incoming: Int) -> AppError {
        func count(_ n: Int) -> String { ExactNumber(Decimal(n)).vietnamese }
        return AppError.conflict("Năm \(year) đã có điều tra: \(count(households)) hộ, tệp \(fileName), \(importedBy) nhập. "
            + "Muốn thay bằng tệp này (\(count(incoming)) hộ) thì chọn thay thế (dòng lệnh: --replace).")
    }

    /// A key no survey and no staged import uses: negative, so it never meets a year.
    func freshKey() async throws -> Int {
        while true {
            let key = -Int.random(in: 1...2_000_000_000)
            let used = try await sql.select().column("household_id").from(HouseholdRow.table).where("survey_year", .equal, key).limit(1).first()
            if used == nil { return key }
        }
    }

    /// The survey row, its aggregates and the audit entry, pointed at the households staged under `key`.
    /// Returns the key of the households it replaced.
    static func switchTo(_ key: Int, survey: Survey, summary: HouseholdSummary, by actor: Actor, replacing: Bool,
                         on sql: any SQLDatabase) async throws -> Int? {
        try await WriteTransaction.lock(["survey|\(survey.year)"], on: sql)
        let previous = try await sql.select().column("*").from(SurveyRecord.table).where("year", .equal, survey.year)
            .first(decoding: SurveyRecord.self, keyDecodingStrategy: .snakeCase)
        // Checked here, under the year's lock: two imports of a new year started together cannot both pass.
        if let previous, !replacing {
            throw Surveys.yearTaken(survey.year, households: previous.households, fileName: previous.fileName,
                                    importedBy: previous.importedBy, incoming: survey.households)
        }
        try await sql.delete(from: SurveyResultRecord.table).where("survey_year", .equal, survey.year).run()
        try await sql.delete(from: SurveyRecord.table).where("year", .equal, survey.year).run()
        try await sql.insert(summary.rows.flatMap { row in
            SurveyPopulation.allCases.map { population in
                let t = row.tally(population)
                return SurveyResultRecord(surveyYear: survey.year, level: row.level.rawValue, code: row.code, population: population.rawValue,
                                   households: t.households, members: t.members, poor: t.poor, nearPoor: t.nearPoor,
                                   incomeTotal: t.incomeTotal, incomeBySource: JSONText.encode(t.incomeBySource),
                                   estimates: JSONText.encode(SurveyResult.Estimates(t)))
            }
        })
        try await sql.insert([SurveyRecord(year: survey.year, standardId: survey.standardId, unitsDate: survey.unitsDate,
                                           fileName: survey.fileName, households: survey.households,
                                           ignoredColumns: JSONText.encode(survey.ignoredColumns), importedBy: actor.username,
                                           importedAt: Timestamp.now(), householdsKey: key)])
        try await AuditLog.append([AuditChange(.survey, AuditKey(String(survey.year)), field: "households",
                                               oldValue: previous.map { String($0.households) }, newValue: String(survey.households))],
                                  by: actor, reason: "\(survey.fileName), chuẩn \(survey.standardId)", on: sql)
        return previous.map { $0.householdsKey ?? $0.year }
    }

    /// Removes the households stored under `key`: on SQLite a batch per transaction, so other writers take turns; on
    /// PostgreSQL in one statement, which holds up no one (no one else writes rows under the key).
    func clear(_ key: Int) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.delete(from: HouseholdRow.table).where("survey_year", .equal, key).run()
            return
        }
        while true {
            let removed = try await WriteTransaction.run(on: db) { sql -> Int in
                let ids = try await sql.select().column("id").from(HouseholdRow.table).where("survey_year", .equal, key)
                    .limit(Surveys.deleteBatch).all(decodingColumn: "id", as: Int.self)
                guard !ids.isEmpty else { return 0 }
                try await sql.delete(from: HouseholdRow.table).where("id", .in, ids).run()
                return ids.count
            }
            if removed < Surveys.deleteBatch { return }
        }
    }

    /// PostgreSQL: every batch into one COPY, written as the reading thread hands batches over, so the file is read,
    /// the rows encoded and the server storing them all at once. One COPY is one transaction, all or nothing; other
    /// writers are not held up by it, since no one else writes rows under a staging key.
    ///
    /// The rows are numbered from blocks of ids taken with `reserve` (`reserveIDs`): a default filled per row made
    /// the server draw a million sequence values one by one.
    static func copy<S: AsyncSequence & Sendable>(_ households: S, key: Int, into postgres: any PostgresDatabase,
                                                  reserve: @escaping @Sendable (Int) async throws -> Int) async throws -> Int
        where S.Element == [SurveyHousehold] {
        try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var written = 0, ids = 0..<0
                try await connection.copyFrom(table: HouseholdRow.table, columns: ["id"] + HouseholdRow.columns, logger: connection.logger) { writer in
                    for try await batch in households {
                        var buffer = ByteBufferAllocator().buffer(capacity: batch.count * 170)
                        for h in batch {
                            if ids.isEmpty {
                                let first = try await reserve(Surveys.idBlock)
                                ids = first..<(first + Surveys.idBlock)
                            }
                            CopyRow.write(h, id: ids.lowerBound, year: key, to: &buffer)
                            ids = ids.dropFirst()
                        }
                        try await writer.write(buffer)
                        written += batch.count
                    }
                }
                return written
            }
        }.get()
    }

    /// Household ids taken from the sequence at a time: a few reservations per million rows, however many households
    /// a file turns out to have.
    static let idBlock = 100_000

    static func fileChanged(stored: Int, counted: Int) -> AppError {
        AppError.invalid("Tệp đã thay đổi trong khi nhập (\(stored) hộ thay vì \(counted)); không nhập gì. Nhập lại.")
    }

    /// PostgreSQL: the first of `count` consecutive household ids no other row has or will be given. The sequence is
    /// moved past them under a lock imports share, so two blocks never overlap.
    func reserveIDs(_ count: Int) async throws -> Int {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["households|id"], on: sql)
            let first = try await sql.raw("SELECT nextval(pg_get_serial_sequence('households', 'id')) AS first")
                .first(decodingColumn: "first", as: Int.self) ?? 1
            try await sql.raw("SELECT setval(pg_get_serial_sequence('households', 'id'), \(bind: first + max(count, 1) - 1))").run()
            return first
        }
    }

    public func all() async throws -> [Survey] {
        try await sql.rows(SurveyRecord.self, orderBy: ["year"]).map { r in
            Survey(year: r.year, standardId: r.standardId, unitsDate: r.unitsDate, fileName: r.fileName, households: r.households,
                   ignoredColumns: (try? JSONText.decode([String].self, r.ignoredColumns, column: "ignored_columns")) ?? [],
                   importedBy: r.importedBy, importedAt: r.importedAt)
        }
    }

    public func results(year: Int) async throws -> [SurveyResult] {
        try await sql.select().column("*").from(SurveyResultRecord.table).where("survey_year", .equal, year).orderBy("id")
            .all(decoding: SurveyResultRecord.self, keyDecodingStrategy: .snakeCase)
            .map { r in
                SurveyResult(level: AdminLevel(rawValue: r.level) ?? .commune, code: r.code, population: SurveyPopulation(rawValue: r.population) ?? .all,
                             households: r.households, members: r.members, poor: r.poor, nearPoor: r.nearPoor, incomeTotal: r.incomeTotal,
                             incomeBySource: try JSONText.decode([Int].self, r.incomeBySource, column: "income_by_source"),
                             estimates: try JSONText.decode(SurveyResult.Estimates.self, r.estimates, column: "estimates"))
            }
    }

    /// The households stored for survey `year`.
    public func count(year: Int) async throws -> Int {
        guard let key = try await householdsKey(year: year) else { return 0 }
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(HouseholdRow.table)
            .where("survey_year", .equal, key).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The key survey `year`'s households are stored under; nil when there is no such survey.
    public func householdsKey(year: Int) async throws -> Int? {
        try await sql.select().column("*").from(SurveyRecord.table).where("year", .equal, year)
            .first(decoding: SurveyRecord.self, keyDecodingStrategy: .snakeCase).map { $0.householdsKey ?? $0.year }
    }

    /// The plan's figures a survey gives, per commune for its year: households, people, poor, near-poor and income.
    public func dataValues() async throws -> [DataValue] {
        let rows = try await sql.select().column("*").from(SurveyResultRecord.table)
            .where("level", .equal, AdminLevel.commune.rawValue).where("population", .equal, SurveyPopulation.all.rawValue)
            .all(decoding: SurveyResultRecord.self, keyDecodingStrategy: .snakeCase)
        return rows.flatMap { r -> [DataValue] in
            let period = ReportingPeriod.year(r.surveyYear)
            return [("tong_so_ho", r.households), ("nhan_khau", r.members), ("ho_ngheo", r.poor), ("ho_can_ngheo", r.nearPoor),
                    ("thu_nhap_ho", r.incomeTotal)].map { DataValue(element: $0.0, unitCode: r.code, period: period, value: $0.1) }
        }
    }

    /// Changes with every import: pages recompute the indicators when it does.
    public func fingerprint() async throws -> String {
        try await all().map { "\($0.year)@\($0.importedAt)" }.joined(separator: ",")
    }
}

extension SurveyResult.Estimates {
    init(_ t: HouseholdTally) {
        weightedHouseholds = t.w
        (poorRate, poorRateSE) = (t.poorRate?.0, t.poorRate?.1)
        (nearPoorRate, nearPoorRateSE) = (t.nearPoorRate?.0, t.nearPoorRate?.1)
        (incomePerCapita, incomePerCapitaSE) = (t.incomePerCapita?.0, t.incomePerCapita?.1)
    }
}
