import Foundation
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
        }, body)
    }
}

/// Percent-encodes a query value such as "Sở Xây dựng".
public func query(_ value: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?")
    return value.addingPercentEncoding(withAllowedCharacters: allowed)!
}
