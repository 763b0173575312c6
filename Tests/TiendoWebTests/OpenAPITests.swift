import Foundation
import Testing
@testable import TiendoWeb
import TiendoTestSupport
import Vapor
import VaporTesting

/// `/api/v1/openapi.json` describes every API route there is and no route there is not: a route added without its
/// description, or described with the wrong method or path, fails here.
@Suite struct OpenAPITests {
    @Test func theDocumentDescribesEveryRouteExactly() async throws {
        try await withTiendo(.sqlite) { app in
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let path = route.path.map { component -> String in
                    switch component {
                    case let .constant(text): text
                    case let .parameter(name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }
                guard path.starts(with: ["api", "v1"]) else { return nil }
                return "\(route.method.rawValue) /" + path.joined(separator: "/")
            })
            var described: Set<String> = []
            try await app.testing().test(.GET, "/api/v1/openapi.json") { res in
                #expect(res.status == .ok && res.headers.contentType == .json)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])
                #expect(document["openapi"] as? String == "3.1.0")
                let paths = try #require(document["paths"] as? [String: [String: Any]])
                for (path, methods) in paths {
                    for (method, operation) in methods {
                        described.insert("\(method.uppercased()) \(path)")
                        let parameters = (operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                        let inPath = parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
                        #expect(inPath == path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }, "\(path)")
                    }
                }
            }
            #expect(registered.subtracting(described).sorted() == [], "registered but not described")
            #expect(described.subtracting(registered).sorted() == [], "described but not registered")
            #expect(registered.count >= 40)
            let ids = OpenAPIDocument.operations.map(OpenAPIDocument.operationId)
            #expect(Set(ids).count == ids.count)
        }
    }
}
