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
                // Nothing reality cannot produce: no share of a whole above 100 %, at any unit, for either period.
                let seed = try SeedData.indicatorDefinitions()
                let values = try await DataEntry(app.db).approvedValues(planId: SeedData.planID)
                let shares = seed.definitions.filter { if case .ratio(_, _, let f) = $0.formula { return f.numerator == 100 && f.denominator == 1 }; return false }
                for period in [ReportingPeriod.firstHalf(2024), .year(2024)] {
                    let rollUp = RollUp(elements: seed.elements, values: values, units: try SeedData.units(), structure: period.end)
                    let above = IndicatorTable.compute(shares, rollUp: rollUp, period: period, baseline: nil).filter { $0.value > Rational(100) }
                    #expect(above.isEmpty, "\(period.label): \(above.prefix(5).map { "\($0.indicator) \($0.unitCode)" })")
                }
                let states = try await (app.db as! any SQLDatabase).select().column("state").from("submissions")
                    .all(decodingColumn: "state", as: String.self)
                #expect(Set(states).isSuperset(of: ["approved"]))
                // 2025: the plan published, then amended after 01/07/2025; the year reported by the new units, each by
                // its own officer, approved by Ban Dân tộc with no district between them.
                let plans = try await PlanRepository(app.db).plans()
                #expect(plans.first { $0.id == LoadDemo.plan2025 }?.version == 2)
                #expect(try await PlanRepository(app.db).defaultDocument()?.id == LoadDemo.plan2025)
                let values2025 = try await DataEntry(app.db).approvedValues(planId: LoadDemo.plan2025)
                let units = try SeedData.units(), newMap = CivilDate(year: 2025, month: 7, day: 1)!
                let reporters2025 = Set(values2025.filter { $0.period == .year(2025) }.map(\.unitCode))
                #expect(!reporters2025.isEmpty && reporters2025.allSatisfy { units.unit(code: $0, at: newMap)?.level == .commune })
                #expect(summary.accounts.contains("demo-xa-06970"))
                let rollUp = RollUp(elements: seed.elements, values: values2025, units: units, structure: ReportingPeriod.year(2025).end)
                #expect(IndicatorTable.compute(shares, rollUp: rollUp, period: .year(2025), baseline: nil).allSatisfy { $0.value <= Rational(100) })
                // The banner appears once the server starts on a demo database.
                app.isDemo = try await Settings(app.db).isDemo()
                try await app.testing().test(.GET, "/") { res in
                    #expect(res.body.string.contains("Dữ liệu mô phỏng"))
                    #expect(res.body.string.contains("badge t-"))
                    // The 2025 plan was issued under districts; by its year's end the communes are what is compared.
                    #expect(res.body.string.contains("So sánh cấp xã") && res.body.string.contains("UBND phường Hà Tu"))
                }
                try await app.testing().test(.GET, "/nhiem-vu") { res in #expect(res.body.string.contains("Dữ liệu mô phỏng")) }
                try await app.testing().test(.GET, "/chuong-trinh") { res in
                    #expect(res.body.string.contains("36/KH-UBND") && res.body.string.contains("54/KH-UBND"))
                }
            }
        }
    }

    @Test func aRealDatabaseHasNoBanner() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/") { res in #expect(!res.body.string.contains("Dữ liệu mô phỏng")) }
        }
    }
}
