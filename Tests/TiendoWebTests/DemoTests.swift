import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// `tiendo demo load`: a populated 2024 through the real, audited paths, and a banner on every page.
@Suite struct DemoTests {
    @Test func aSimulatedYearPopulatesThePagesAndSaysSo() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            try await withApp(configure: { app in
                app.logger.logLevel = .warning
                try await TiendoServer.configure(app, location: location)
            }) { app in
                let summary = try await LoadDemo.run(AppContext(db: app.db), districts: ["202"])
                #expect(summary.updates > 20)
                #expect(summary.submissions >= 10)
                #expect(try await Settings(app.db).isDemo())
                #expect(try await AuditLog.verify(on: app.db) == nil)
                let states = try await (app.db as! any SQLDatabase).select().column("state").from("submissions")
                    .all(decodingColumn: "state", as: String.self)
                #expect(Set(states).isSuperset(of: ["approved"]))
                // The banner appears once the server starts on a demo database.
                app.isDemo = try await Settings(app.db).isDemo()
                try await app.testing().test(.GET, "/") { res in
                    #expect(res.body.string.contains("Dữ liệu mô phỏng"))
                    #expect(res.body.string.contains("badge t-"))
                }
                try await app.testing().test(.GET, "/nhiem-vu") { res in #expect(res.body.string.contains("Dữ liệu mô phỏng")) }
            }
        }
    }

    @Test func aRealDatabaseHasNoBanner() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/") { res in #expect(!res.body.string.contains("Dữ liệu mô phỏng")) }
        }
    }
}
