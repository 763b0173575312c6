import Foundation
import SQLKit
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Pages answered again from what was rendered while nothing changed: the same ETag and 304 for a client that has
/// it; a change (any audited write) shows on the next request; a signed-in page never reaches anyone else; the inbox,
/// which marks its messages read, is rendered every time.
@Suite struct ResponseCacheTests {
    /// After a write every connection misses the same page at once: one renders it, the others wait for its answer.
    @Test func concurrentMissesRenderOnce() async throws {
        let inFlight = ResponseCache.InFlight()
        let entry = ResponseCache.Store.Entry(headers: [:], body: ByteBuffer(string: "trang"), gzipped: nil, etag: "\"e\"")
        guard case .lead = await inFlight.turn("/") else { Issue.record("the first miss must render"); return }
        let waiters = (0..<9).map { _ in Task { await inFlight.turn("/") } }
        try await Task.sleep(for: .milliseconds(200))       // all nine are waiting now
        inFlight.finish("/", entry)
        var served = 0
        for waiter in waiters {
            if case let .waited(kept?) = await waiter.value, kept.etag == entry.etag { served += 1 }
        }
        #expect(served == 9)
        // Once finished, the next miss renders again; a page that could not be kept sends its waiters to render.
        guard case .lead = await inFlight.turn("/") else { Issue.record("a later miss must render"); return }
        let late = Task { await inFlight.turn("/") }
        try await Task.sleep(for: .milliseconds(100))
        inFlight.finish("/", nil)
        guard case .waited(nil) = await late.value else { Issue.record("a waiter for an answer not kept renders itself"); return }
    }

    @Test func aKeptPageIsServedUntilTheDataMoves() async throws {
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            let path = "/nhiem-vu/III.4.(2)"
            var etag = ""
            try await app.testing().test(.GET, path) { res in
                etag = res.headers.first(name: .eTag) ?? ""
                #expect(res.status == .ok && etag.count > 10)
            }
            try await app.testing().test(.GET, path) { res in #expect(res.headers.first(name: .eTag) == etag) }
            // Compressed once and kept: the gzip bytes read back to the same page.
            var plain = "", zipped = Data()
            try await app.testing().test(.GET, path) { res in plain = res.body.string }
            try await app.testing().test(.GET, path, headers: [HTTPHeaders.Name.acceptEncoding.description: "br;q=1, gzip;q=0.8"]) { res in
                #expect(res.headers.first(name: .contentEncoding) == "gzip" && res.headers.first(name: .eTag) == etag)
                zipped = Data(res.body.readableBytesView)
            }
            #expect(zipped.count < plain.utf8.count / 3 && zipped.starts(with: [0x1f, 0x8b]))
            let unzipped = try Self.gunzip(zipped)
            #expect(unzipped == plain)
            try await app.testing().test(.GET, path, headers: [HTTPHeaders.Name.acceptEncoding.description: "gzip;q=0"]) { res in
                #expect(res.headers.first(name: .contentEncoding) == nil && res.body.string == plain)
            }
            try await app.testing().test(.GET, path, headers: [HTTPHeaders.Name.ifNoneMatch.description: etag]) { res in
                #expect(res.status == .notModified && res.body.readableBytes == 0)
            }
            let bearer = HTTPHeaders.bearerJSON(holders.tokens[.districtOfficer]!)
            try await postSurveyedVillages(through: app, token: holders.tokens[.districtOfficer]!)
            try await app.testing().test(.GET, path, headers: [HTTPHeaders.Name.ifNoneMatch.description: etag]) { res in
                #expect(res.status == .ok && res.body.string.contains("Khảo sát xong 7 thôn") && res.headers.first(name: .eTag) != etag)
            }
            // A signed-in page is kept for that session only.
            try await app.testing().test(.GET, "/", headers: bearer) { res in #expect(res.body.string.contains("halong")) }
            try await app.testing().test(.GET, "/") { res in #expect(!res.body.string.contains("halong")) }
            try await app.testing().test(.GET, "/", headers: bearer) { res in #expect(res.body.string.contains("halong")) }
        }
    }

    /// A session's kept page goes only to that session while it lives: once it has expired (time passes, nothing is
    /// audited) the same cookie gets the signed-out page. Kept pages carry the same security headers as rendered ones;
    /// the way to the sign-in page, kept for signed-out visitors, never reaches a session.
    @Test(arguments: TestDatabase.available)
    func anExpiredSessionIsNotAnsweredWithItsKeptPage(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await withApp(configure: { try await TiendoServer.configure($0, location: location); $0.today = CivilDate(year: 2024, month: 12, day: 31)! }) { app in
                _ = try await Accountholders.create(on: app.db)
                var cookie = ""
                try await app.testing().test(.POST, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "username=halong&password=\(Accountholders.password)")) { res in
                    cookie = res.headers.setCookie?[Authentication.cookieName]?.string ?? ""
                }
                let session: HTTPHeaders = [HTTPHeaders.Name.cookie.description: "\(Authentication.cookieName)=\(cookie)"]
                var etag = ""
                for _ in 0..<2 {
                    try await app.testing().test(.GET, "/", headers: session) { res in
                        #expect(res.status == .ok && res.body.string.contains("halong"))
                        #expect(res.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
                        #expect(res.headers.first(name: "X-Frame-Options") == "DENY" && res.headers.first(name: "X-Request-Id") != nil)
                        if etag.isEmpty { etag = res.headers.first(name: .eTag) ?? "" } else { #expect(res.headers.first(name: .eTag) == etag) }
                    }
                }
                // The way to sign in is kept for a signed-out visitor of a page that needs it, never given to the session.
                for _ in 0..<2 {
                    try await app.testing().test(.GET, "/bao-cao") { res in
                        #expect(res.status == .seeOther && res.headers.first(name: .location) == "/dang-nhap?next=%2Fbao-cao")
                    }
                }
                try await app.testing().test(.GET, "/bao-cao", headers: session) { res in #expect(res.status == .ok) }
                try await (app.db as! any SQLDatabase).raw("UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z'").run()
                try await app.testing().test(.GET, "/", headers: session) { res in
                    #expect(res.status == .ok && !res.body.string.contains("halong") && res.body.string.contains("Đăng nhập"))
                }
                try await app.testing().test(.GET, "/bao-cao", headers: session) { res in #expect(res.status == .seeOther) }
            }
        }
    }

    /// Reads gzip back the way a browser would: through the system's gzip.
    static func gunzip(_ data: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: text, as: UTF8.self)
    }
}
