import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TiendoStore
import TiendoTestSupport

/// A command writing to the SQLite file a serving instance writes to, for 20 seconds: no "database is locked",
/// every accepted write stored, the audit chain intact.
@Suite struct ConcurrentWritersTests {
    let cli = CLITests()
    static let seconds = 20.0

    @Test func aCommandAndTheServerWriteOneSQLiteFileTogether() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            let created = try cli.tiendo(["user", "create", "--username", "bdt", "--role", "coordinator", "--password-stdin"], location,
                                         stdin: "mat-khau-du-dai-123\n")
            #expect(created.status == 0, "\(created.stderr)")
            let token = try cli.tiendo(["token", "create", "--username", "bdt"], location).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let port = Int.random(in: 20_000..<40_000)
            let server = try serve(location, port: port)
            defer { server.terminate(); server.waitUntilExit() }
            try await waitUntilServing(port)

            let deadline = Date().addingTimeInterval(Self.seconds)
            async let web: (ok: Int, failed: [String]) = withTaskGroup(of: (Int, [String]).self) { group in
                for worker in 0..<4 {
                    group.addTask { await postUntil(deadline, port: port, token: token, worker: worker) }
                }
                var ok = 0, failed: [String] = []
                for await (n, errors) in group { ok += n; failed += errors }
                return (ok, failed)
            }
            var commandOK = 0
            var commandFailed: [String] = []
            var n = 0
            while Date() < deadline {
                n += 1
                let run = try cli.tiendo(["task", "update", "III.4.(2)", "--status", "in_progress", "--progress", String(n % 100),
                                          "--note", "dòng lệnh \(n)", "--unit", "193", "--as", "bdt"], location)
                if run.status == 0 { commandOK += 1 } else { commandFailed.append(run.stderr) }
            }
            let (webOK, webFailed) = await web
            print("20 s, one SQLite file: \(webOK) writes through the server (4 clients), \(commandOK) through `tiendo task update`; "
                  + "\(webFailed.count + commandFailed.count) failed")
            #expect(webFailed.isEmpty, "\(webFailed.prefix(3))")
            #expect(commandFailed.isEmpty, "\(commandFailed.prefix(3))")
            #expect(webOK > 0 && commandOK > 0)
            server.terminate()
            server.waitUntilExit()

            let stored = try await OpenDatabase.with(location, prepared: false) { open in
                try await TaskReporting(open.db).updates(task: "III.4.(2)", planId: "kh-54-ubnd-2024").count
            }
            #expect(stored == webOK + commandOK)
            let verify = try cli.tiendo(["audit", "verify"], location)
            #expect(verify.status == 0, "\(verify.stderr)")
        }
    }

    func serve(_ location: DatabaseLocation, port: Int) throws -> Process {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["serve", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        if case let .sqlite(path) = location { environment["DATABASE_URL"] = "sqlite:\(path)" }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitUntilServing(_ port: Int) async throws {
        let url = URL(string: "http://127.0.0.1:\(port)/api/v1/plans")!
        for _ in 0..<240 {
            if let (_, response) = try? await URLSession.shared.data(from: url), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        Issue.record("the server did not start")
    }
}

/// One client posting progress updates until `deadline`; returns how many were accepted and what failed.
func postUntil(_ deadline: Date, port: Int, token: String, worker: Int) async -> (Int, [String]) {
    var ok = 0, failed: [String] = []
    var n = 0
    let url = URL(string: "http://127.0.0.1:\(port)/api/v1/tasks/III.4.(2)/updates")!
    while Date() < deadline {
        n += 1
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"status": "in_progress", "progress": \#(n % 100), "note": "web \#(worker)-\#(n)", "unit": "193"}"#.utf8)
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            if (response as? HTTPURLResponse)?.statusCode == 201 { ok += 1 } else {
                failed.append("\((response as? HTTPURLResponse)?.statusCode ?? 0): \(String(decoding: data, as: UTF8.self))")
            }
        } catch {
            failed.append("\(error)")
        }
    }
    return (ok, failed)
}
