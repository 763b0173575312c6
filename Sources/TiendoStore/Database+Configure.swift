import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Sets up the database and migrations, and brings a fresh database to a usable state.
public enum TiendoDatabase {
    /// Registers the database at `location` and every migration. Creates the SQLite file's folder if needed.
    public static func configure(_ app: Application, location: DatabaseLocation) throws {
        switch location {
        case let .sqlite(path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case let .postgres(url):
            app.databases.use(try .postgres(url: url, sqlLogLevel: .debug), as: .psql)
        }
        app.migrations.add(migrations)
    }

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
    ]

    /// Migrates, then loads the seed plan, agencies and units unless they are already there.
    /// Running it again changes nothing.
    @discardableResult
    public static func prepare(_ app: Application) async throws -> SeedLoader.Outcome {
        try await enableWAL(app.db)
        try await app.autoMigrate()
        return try await SeedLoader.loadSeed(on: app.db)
    }

    /// SQLite's write-ahead log lets readers carry on while a write commits; it persists in the file.
    static func enableWAL(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
