import Foundation
import Testing
@testable import TiendoImport

/// Scratch files a crashed run left behind are removed at the next start; those of a process still running are not.
@Suite struct ScratchFileTests {
    @Test func onlyTheFilesOfStoppedProcessesAreRemoved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pid no process has: the highest one the system can hand out plus one.
        let maxPid = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4_194_304
        let names = ["tiendo-\(maxPid + 1)-upload-a.tmp", "tiendo-\(getpid())-upload-b.tmp", "tiendo-1-sheet-c.xml", "khac-\(maxPid + 1).tmp"]
        for name in names { FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8)) }
        #expect(ScratchFile.removeStale(in: folder) == 1)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == Set(names.dropFirst()))
        #expect(ScratchFile.url("upload").lastPathComponent.hasPrefix("tiendo-\(getpid())-upload-"))
    }
}
