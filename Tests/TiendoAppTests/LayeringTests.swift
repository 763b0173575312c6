import Foundation
import Testing

/// The dependency rules of the module graph, read from the sources: the domain and storage never see the web
/// framework, and no command other than `serve` starts a web application.
@Suite struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized

    func swiftFiles(_ target: String) throws -> [(name: String, text: String)] {
        let folder = Self.sources.appendingPathComponent(target)
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// `import Vapor`, or a module that brings it (Fluent, the web adapters).
    static let webModules = ["Vapor", "Fluent", "VaporTesting", "XCTVapor", "TiendoWeb"]

    func imports(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                  words[..<index].allSatisfy({ ["@testable", "@_exported", "public", "internal", "struct", "enum", "class"].contains($0) }) else { return nil }
            return String(words[index + 1])
        }
    }

    @Test(arguments: ["TiendoCore", "TiendoStore", "TiendoImport", "TiendoReports"])
    func neverImportsTheWebFramework(_ target: String) throws {
        let files = try swiftFiles(target)
        #expect(!files.isEmpty)
        for file in files {
            let bad = imports(file.text).filter(Self.webModules.contains)
            #expect(bad.isEmpty, "\(target)/\(file.name) imports \(bad)")
        }
    }

    @Test func theCoreImportsNoDatabase() throws {
        for file in try swiftFiles("TiendoCore") {
            let bad = imports(file.text).filter { ["FluentKit", "SQLKit", "TiendoStore", "FluentSQLiteDriver", "FluentPostgresDriver"].contains($0) }
            #expect(bad.isEmpty, "TiendoCore/\(file.name) imports \(bad)")
        }
    }

    @Test func onlyServeStartsTheWebApplication() throws {
        let files = try swiftFiles("tiendo")
        #expect(files.contains { $0.name == "Serve.swift" })
        for file in files where file.name != "Serve.swift" {
            #expect(!file.text.contains("Application(") && !file.text.contains("Application.make"), "tiendo/\(file.name) constructs an Application")
            #expect(!imports(file.text).contains("Vapor"), "tiendo/\(file.name) imports Vapor")
        }
    }

    @Test func theApplicationLayerNeverStartsTheWebApplication() throws {
        for file in try swiftFiles("TiendoApp") {
            #expect(!file.text.contains("Application(") && !file.text.contains("Application.make"), "TiendoApp/\(file.name) constructs an Application")
        }
    }

    /// The adapters ask the policy; they never decide by roles themselves.
    @Test func adaptersNeverCheckRolesThemselves() throws {
        for target in ["TiendoWeb", "tiendo"] {
            for file in try swiftFiles(target) {
                for needle in [".holds(", "grants.contains", "ApprovalWorkflow.", "INSERT INTO", "DELETE FROM"] {
                    #expect(!file.text.contains(needle), "\(target)/\(file.name) contains \(needle)")
                }
            }
        }
    }
}
