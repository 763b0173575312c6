import Fluent
import Testing
import Foundation
import SQLKit
import TiendoStore

/// The databases every storage and API test runs against: a fresh SQLite file, and a fresh database on the
/// PostgreSQL server named by TIENDO_TEST_POSTGRES_URL (scripts/test starts a throwaway one).
public enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TIENDO_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// SQLite always; PostgreSQL whenever a server is configured, and always when TIENDO_REQUIRE_POSTGRES=1,
    /// so a missing server fails the run instead of silently skipping half the tests.
    public static var available: [TestDatabase] {
        let required = ProcessInfo.processInfo.environment["TIENDO_REQUIRE_POSTGRES"] == "1"
        return postgresURL != nil || required ? [.sqlite, .postgres] : [.sqlite]
    }

    /// Creates an empty database of this kind, runs `body` with its location, then removes it.
    public func withFresh<T>(_ body: (DatabaseLocation) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await body(.sqlite(path: folder.appendingPathComponent("data/tiendo.sqlite").path))
        case .postgres:
            guard let base = TestDatabase.postgresURL, var components = URLComponents(string: base) else {
                throw TestDatabaseError.postgresNotConfigured
            }
            let name = "tiendo_test_\(UUID().uuidString.prefix(8).lowercased())"
            try await TestDatabase.admin(base, "CREATE DATABASE \(name)")
            components.path = "/\(name)"
            do {
                let result = try await body(.postgres(url: components.string!))
                try await TestDatabase.admin(base, "DROP DATABASE \(name) WITH (FORCE)")
                return result
            } catch {
                try? await TestDatabase.admin(base, "DROP DATABASE \(name) WITH (FORCE)")
                throw error
            }
        }
    }

    /// Runs one statement on the server's maintenance database.
    public static func admin(_ url: String, _ statement: String) async throws {
        try await OpenDatabase.with(.postgres(url: url), prepared: false) { open in
            try await (open.db as! any SQLDatabase).raw("\(unsafeRaw: statement)").run()
        }
    }
}

public enum TestDatabaseError: Error, CustomStringConvertible {
    case postgresNotConfigured
    public var description: String {
        "TIENDO_REQUIRE_POSTGRES=1 but TIENDO_TEST_POSTGRES_URL is not set: run the tests through scripts/test."
    }
}
