import Foundation
import Testing
import TiendoCore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Every read-only endpoint, on SQLite and on PostgreSQL, with its 400 and 404 cases.
@Suite struct APITests {
    func get(_ app: Application, _ path: String, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await app.testing().test(.GET, path) { res in try await check(res) }
    }

    func json(_ res: TestingHTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))
    }

    func error(_ res: TestingHTTPResponse) throws -> String {
        try #require((try json(res) as? [String: Any])?["error"] as? String)
    }

    @Test(arguments: TestDatabase.available)
    func plans(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            try await get(app, "/api/v1/plans") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("application/json") == true)
                let list = try #require(try json(res) as? [[String: Any]])
                #expect(list.map { $0["id"] as? String } == ["kh-54-ubnd-2024"])
                #expect(list.first?["issuedOn"] as? String == "2024-02-23")
            }
            try await get(app, "/api/v1/plans/kh-54-ubnd-2024") { res in
                #expect(res.status == .ok)
                let body = Data(res.body.readableBytesView)
                let decoded = try JSONDecoder().decode(PlanExport.self, from: body)
                #expect(decoded == PlanExport(try SeedData.plan()))
            }
            try await get(app, "/api/v1/plans/kh-khong-co") { res in
                #expect(res.status == .notFound)
                let message = try error(res)
                #expect(message.contains("kh-khong-co"))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func targetsAndLegalDocuments(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            try await get(app, "/api/v1/targets") { res in
                let targets = try #require(try json(res) as? [[String: Any]])
                #expect(targets.count == 10)
                let malnutrition = try #require((targets[3]["indicators"] as? [[String: Any]])?.last)
                #expect((malnutrition["readings"] as? [[String: Any]])?.compactMap { $0["targetValue"] as? Double } == [11, 10.8])
            }
            try await get(app, "/api/v1/targets?plan=nope") { res in
                #expect(res.status == .badRequest)
                let message = try error(res)
                #expect(message.contains("plan"))
            }
            try await get(app, "/api/v1/legal-documents") { res in
                let docs = try #require(try json(res) as? [[String: Any]])
                let qd = try #require(docs.first { $0["number"] as? String == "1719/QĐ-TTg" })
                #expect(qd["issuedOn"] as? String == "2021-10-14")
                #expect((qd["citedIn"] as? [String])?.contains("căn cứ") == true)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func tasksWithFilters(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            try await get(app, "/api/v1/tasks") { res in
                let tasks = try json(res) as? [[String: Any]]
                #expect(tasks?.count == 91)
            }
            try await get(app, "/api/v1/tasks?agency=\(query("Sở Xây dựng"))&dueBefore=2024-03-31") { res in
                #expect(res.status == .ok)
                let tasks = try #require(try json(res) as? [[String: Any]])
                let row10 = try #require(tasks.first { $0["code"] as? String == "PL.10" })
                #expect(row10["leads"] as? [String] == ["Sở Xây dựng"])
                #expect(tasks.allSatisfy { (($0["deadline"] as? [String: Any])?["date"] as? String ?? "9") <= "2024-03-31" })
            }
            try await get(app, "/api/v1/tasks?unit=198") { res in
                let codes = try #require(try json(res) as? [[String: Any]]).compactMap { $0["code"] as? String }
                #expect(codes.contains("PL.25"))
                #expect(!codes.contains("PL.20"))
            }
            for (path, parameter) in [("agency=\(query("Sở Không Có"))", "agency"), ("unit=99999", "unit"),
                                      ("dueBefore=31/03/2024", "dueBefore"), ("agencyy=x", "agencyy"), ("unit=", "unit")] {
                try await get(app, "/api/v1/tasks?\(path)") { res in
                    #expect(res.status == .badRequest, "\(path)")
                    let message = try error(res)
                #expect(message.contains("\"\(parameter)\""), "\(path)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func unitsAndAgencies(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            try await get(app, "/api/v1/units?at=2024-06-01&level=commune") { res in
                let units = try json(res) as? [[String: Any]]
                #expect(units?.count == 177)
            }
            try await get(app, "/api/v1/units?at=2024-12-01") { res in
                let units = try #require(try json(res) as? [[String: Any]])
                #expect(units.filter { $0["level"] as? String == "commune" }.count == 171)
                #expect(units.first { $0["code"] as? String == "06985" }?["name"] as? String == "Xã Lương Minh")
            }
            try await get(app, "/api/v1/units?at=2024-02-30") { res in
                #expect(res.status == .badRequest)
                let message = try error(res)
                #expect(message.contains("\"at\""))
            }
            try await get(app, "/api/v1/units?level=thon") { res in
                #expect(res.status == .badRequest)
            }
            try await get(app, "/api/v1/units/06985") { res in
                let versions = try #require(try json(res) as? [[String: Any]])
                #expect(versions.compactMap { ($0["unit"] as? [String: Any])?["name"] as? String } == ["Xã Lương Mông", "Xã Lương Minh", "Xã Lương Minh"])
                // The last is the 2025 unit: the code's third version, begun on 01/07/2025.
                #expect((versions.last?["unit"] as? [String: Any])?["validFrom"] as? String == "2025-07-01")
            }
            try await get(app, "/api/v1/units/99999") { res in #expect(res.status == .notFound) }
            try await get(app, "/api/v1/agencies?at=2024-06-01") { res in
                let body = try #require(try json(res) as? [String: Any])
                #expect((body["peoplesCommittees"] as? [Any])?.count == 13)
                let agencies = try #require(body["agencies"] as? [[String: Any]])
                #expect(agencies.contains { $0["name"] as? String == "Sở Công Thương" && ($0["aliases"] as? [String]) == ["Sở Công thương"] })
                let collectives = try #require(body["collectives"] as? [[String: Any]])
                let districts = try #require(collectives.first { $0["name"] as? String == "UBND các huyện, thị xã, thành phố" })
                #expect((districts["members"] as? [String])?.count == 13)
            }
        }
    }

    @Test func unknownPathsAnswerJSON404() async throws {
        try await withTiendo(.sqlite) { app in
            try await get(app, "/api/v1/khong-co") { res in
                #expect(res.status == .notFound)
                let message = try error(res)
                #expect(message.hasPrefix("Không tìm thấy"))
            }
        }
    }
}
