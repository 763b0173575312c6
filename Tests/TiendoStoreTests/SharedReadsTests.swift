import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Testing
import TiendoCore
@testable import TiendoStore
import TiendoTestSupport

/// Requests that ask at once share one read, and never one that began before they asked.
@Suite struct SharedReadsTests {
    struct ReadFailed: Error {}

    /// Reads that the test answers by hand, one promise per statement, with the keys each asked for.
    final class Reads: Sendable {
        let loop: any EventLoop
        private let box = NIOLockedValueBox<[(keys: Set<String>, promise: EventLoopPromise<[String: Int]>)]>([])
        init(_ loop: any EventLoop) { self.loop = loop }

        func read(_ keys: Set<String>) -> EventLoopFuture<[String: Int]> {
            let promise = loop.makePromise(of: [String: Int].self)
            box.withLockedValue { $0.append((keys, promise)) }
            return promise.futureResult
        }
        var started: Int { box.withLockedValue { $0.count } }
        func keys(_ index: Int) -> Set<String> { box.withLockedValue { $0[index].keys } }
        func answer(_ index: Int, _ values: [String: Int]) { box.withLockedValue { $0[index].promise }.succeed(values) }
        func fail(_ index: Int) { box.withLockedValue { $0[index].promise }.fail(ReadFailed()) }
        /// The next round starts once the previous one's answers are handed out, on the event loop.
        func waitFor(_ count: Int) async throws {
            for _ in 0..<500 where started < count { try await Task.sleep(for: .milliseconds(2)) }
        }
    }

    @Test func aRequestNeverJoinsAReadThatBeganBeforeItAsked() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let reads = Reads(loop)
        let shared = SharedReads<String, Int> { reads.read($0) }

        let first = shared.value(of: "head", on: loop)
        #expect(reads.started == 1)
        // Asked while the first read is under way (a change may have landed after it began): they wait for the next,
        // and share it, each key asked once.
        let second = shared.value(of: "head", on: loop), third = shared.value(of: "head", on: loop)
        let other = shared.value(of: "phiên B", on: loop), missing = shared.value(of: "không có", on: loop)
        #expect(reads.started == 1)
        reads.answer(0, ["head": 5])
        #expect(try await first.get() == 5)
        try await reads.waitFor(2)
        #expect(reads.started == 2)
        #expect(reads.keys(1) == ["head", "phiên B", "không có"])
        reads.answer(1, ["head": 6, "phiên B": 9])
        #expect(try await second.get() == 6)
        #expect(try await third.get() == 6)
        #expect(try await other.get() == 9)
        #expect(try await missing.get() == nil)

        // Nobody waiting: no read until someone asks. A failed read fails its round, and the next ask reads again.
        try await Task.sleep(for: .milliseconds(20))
        #expect(reads.started == 2)
        let fourth = shared.value(of: "head", on: loop)
        #expect(reads.started == 3)
        reads.fail(2)
        await #expect(throws: ReadFailed.self) { try await fourth.get() }
        let fifth = shared.value(of: "head", on: loop)
        #expect(reads.started == 4)
        reads.answer(3, ["head": 7])
        #expect(try await fifth.get() == 7)
        try await group.shutdownGracefully()
    }

    /// Many sessions read in one statement are what one statement each gives: an expired or unknown one is absent.
    @Test(arguments: TestDatabase.available)
    func sessionsReadTogetherAsEachAlone(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let sql = app.db as! any SQLDatabase
            let later = Timestamp.string(Date().addingTimeInterval(3600)), earlier = Timestamp.string(Date().addingTimeInterval(-60))
            let cookies = ["cookie-a", "cookie-b", "cookie-'c\"", "cookie-expired"]
            try await sql.insert(cookies.map {
                SessionRecord(tokenHash: AuditLog.hash($0), username: $0 == "cookie-b" ? "tai-halong" : "bdt-admin", csrfToken: "csrf-\($0)",
                              createdAt: Timestamp.now(), expiresAt: $0 == "cookie-expired" ? earlier : later)
            })
            let shared = SharedReads<String, SessionState>.sessions(app.databases, logger: app.logger)
            let asked = cookies + ["cookie-unknown"]
            let together = try await asked.map { shared.value(of: AuditLog.hash($0), on: app.eventLoopGroup.any()) }
                .asyncMap { try await $0.get() }
            let alone = try await asked.asyncMap { try await Credentials(app.db).sessionState(cookie: $0) }
            #expect(together == alone)
            #expect(together.map { $0?.username } == ["bdt-admin", "tai-halong", "bdt-admin", nil, nil])
            #expect(together[2]?.csrfToken == "csrf-cookie-'c\"")
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
