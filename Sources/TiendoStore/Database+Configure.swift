import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Sets up the database and migrations, and brings a fresh database to a usable state. Knows nothing of the web:
/// the server hands in its `Databases`, a command opens its own with `TiendoDatabase.open`.
public enum TiendoDatabase {
    /// Registers the database at `location` as the default of `databases`. Creates the SQLite file's folder if needed.
    public static func register(_ location: DatabaseLocation, on databases: Databases) throws {
        switch location {
        case let .sqlite(path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case let .postgres(url):
            // Requests wait for each other's locks inside transactions: one connection per event loop would leave
            // the rest of a burst of requests queueing for a connection until they time out.
            databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: postgresConnectionsPerEventLoop,
                                        connectionPoolTimeout: .seconds(30), sqlLogLevel: .debug), as: .psql)
        }
    }

    /// The connections each event loop's PostgreSQL pool may open.
    public static let postgresConnectionsPerEventLoop = 8

    /// Every schema change, in order. One set for SQLite and PostgreSQL alike.
    public static let migrations: [any Migration] = [
        CreateAdminUnitTables(),
        CreateAgencyTables(),
        CreatePlanTables(),
        CreateAccessTables(),
        CreateReportingTables(),
        CreateDataTables(),
        CreateSettingsTable(),
        CreateHouseholdTables(),
        AddSurveyHouseholdKeys(),
        CorrectSeedComparators(),
        AddFrontOrganisationsAsReporters(),
        KeepAppendixTitle(),
        CreatePlanDraftTables(),
        CreateMapChangeTables(),
        CreateCapitalTables(),
        CreateWorkPhotos(),
        AddWorkProgressApproval(),
        CreateNotifications(),
        AddNoticeDelivery(),
        IndexHouseholdsByKey(),
        UnindexHouseholdIds(),
    ]

    /// Migrates, then loads the seed plan, agencies and units unless they are already there.
    /// Running it again changes nothing.
    @discardableResult
    public static func prepare(_ databases: Databases, logger: Logger) async throws -> SeedLoader.Outcome {
        let eventLoop = databases.eventLoopGroup.any()
        guard let db = databases.database(logger: logger, on: eventLoop) else { throw StoreClosed() }
        try await migrate(databases, logger: logger)
        return try await SeedLoader.loadSeed(on: db)
    }

    /// Brings the schema up to date and loads nothing: a database a restore fills.
    public static func migrate(_ databases: Databases, logger: Logger) async throws {
        let eventLoop = databases.eventLoopGroup.any()
        guard let db = databases.database(logger: logger, on: eventLoop) else { throw StoreClosed() }
        try await enableWAL(db)
        let all = Migrations()
        all.add(migrations)
        let migrator = Migrator(databases: databases, migrations: all, logger: logger, on: eventLoop, migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Opens the database at `location` on the process's shared threads for a command that needs no server,
    /// migrated and seeded unless `prepared` is false; `close()` it when done.
    public static func open(_ location: DatabaseLocation, prepared: Bool = true, migratedOnly: Bool = false,
                            logger: Logger = Logger(label: "tiendo.store")) async throws -> OpenDatabase {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        do {
            try register(location, on: databases)
            if migratedOnly { try await migrate(databases, logger: logger) }
            let outcome = prepared && !migratedOnly ? try await prepare(databases, logger: logger) : SeedLoader.Outcome(loadedPlan: false, loadedUnits: false, loadedAgencies: false)
            guard let db = databases.database(logger: logger, on: databases.eventLoopGroup.any()) else { throw StoreClosed() }
            return OpenDatabase(databases: databases, db: db, outcome: outcome)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
    }

    /// SQLite's write-ahead log lets readers carry on while a write commits; it persists in the file.
    static func enableWAL(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}

/// A database a command opened for itself.
public struct OpenDatabase: Sendable {
    let databases: Databases
    public let db: any Database
    /// What the opening loaded into an empty database.
    public let outcome: SeedLoader.Outcome

    public func close() async { await databases.shutdownAsync() }

    /// Runs `body` on the database at `location` and closes it on every path.
    public static func with<T>(_ location: DatabaseLocation, prepared: Bool = true, migratedOnly: Bool = false,
                               _ body: (OpenDatabase) async throws -> T) async throws -> T {
        let open = try await TiendoDatabase.open(location, prepared: prepared, migratedOnly: migratedOnly)
        do {
            let result = try await body(open)
            await open.close()
            return result
        } catch {
            await open.close()
            throw error
        }
    }
}

struct StoreClosed: Error, CustomStringConvertible {
    var description: String { "Cơ sở dữ liệu đã đóng." }
}
