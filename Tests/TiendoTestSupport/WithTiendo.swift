import Foundation
import TiendoCore
import TiendoStore
import TiendoWeb
import Vapor
import VaporTesting

/// Runs `body` against a fully configured Tiendo (migrated, seeded, routes) on a fresh database.
public func withTiendo<T>(_ kind: TestDatabase, _ body: (Application) async throws -> T) async throws -> T {
    try await kind.withFresh { location in
        try await withApp(configure: { app in
            app.logger.logLevel = .warning
            try await TiendoServer.configure(app, location: location)
            // The seed plan's year, when its district and commune officers still write; a test of a later day sets it.
            app.today = CivilDate(year: 2024, month: 12, day: 31)!
        }, body)
    }
}

/// Percent-encodes a query value such as "Sở Xây dựng".
public func query(_ value: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?")
    return value.addingPercentEncoding(withAllowedCharacters: allowed)!
}
