import Foundation

/// A temporary file of this process: uploads being received, sheets being unpacked. Its name carries the process id,
/// so that a process starting after a crash removes what a dead process left (`removeStale`) and never touches
/// the files of another instance still running on the same machine.
public enum ScratchFile {
    static let prefix = "tiendo-"

    /// A fresh path in the temporary folder, named for `purpose` ("survey", "sheet"…) and this process.
    public static func url(_ purpose: String, extension ext: String = "tmp") -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)\(getpid())-\(purpose)-\(UUID().uuidString).\(ext)")
    }

    /// Removes the scratch files of processes that no longer run; returns how many it removed.
    @discardableResult
    public static func removeStale(in folder: URL = FileManager.default.temporaryDirectory) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-", maxSplits: 1).first.flatMap({ Int32($0) }), pid > 0 else { continue }
            // kill(pid, 0) asks whether the process exists without signalling it; EPERM means it exists as another user.
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }
}
