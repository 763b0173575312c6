import Foundation

/// The hashes of one worker's household ids, bucketed by their top byte so repeats are found bucket by bucket. Up to
/// `held` of them stay in memory; past that, each bucket's run is written to a scratch file (unlinked at once, so
/// nothing is left behind), and a bucket is read back whole only when its turn comes. Memory stays flat however many
/// households a file has: eight bytes each would otherwise be 80 MB for ten million.
final class IdHashes: @unchecked Sendable {
    /// Hashes held in memory before they are written out: 2 MB.
    let held: Int

    private var buckets: [[UInt64]] = Array(repeating: [], count: 256)
    private var count = 0
    private var spill: Int32 = -1
    /// Set when the scratch file could not be made or written (a full disk): the hashes then stay in memory.
    private var inMemoryOnly = false
    private var spilled: Int64 = 0
    /// Per bucket, the runs written to the scratch file: offset in hashes, and how many.
    private var runs: [[(offset: Int64, count: Int)]] = Array(repeating: [], count: 256)

    /// Room for `expected` hashes, no more than are ever held.
    init(expected: Int, held: Int = 1 << 18) {
        self.held = held
        let room = min(expected, held)
        for k in 0..<256 { buckets[k].reserveCapacity(room / 256 + room / 2048 + 16) }
    }

    deinit { if spill >= 0 { close(spill) } }

    @inline(__always)
    func append(_ hash: UInt64) {
        buckets[Int(hash >> 56)].append(hash)
        count += 1
        if count >= held && !inMemoryOnly { write() }
    }

    /// Every bucket's hashes to the scratch file, in one run each.
    private func write() {
        if spill < 0 {
            let path = ScratchFile.url("household-ids").path
            spill = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
            unlink(path)
            guard spill >= 0 else { inMemoryOnly = true; return }
        }
        for k in 0..<256 where !buckets[k].isEmpty {
            let written = buckets[k].withUnsafeBytes { raw -> Bool in
                var done = 0
                while done < raw.count {
                    let n = pwrite(spill, raw.baseAddress! + done, raw.count - done, off_t(spilled * 8) + off_t(done))
                    if n <= 0 { return false }
                    done += n
                }
                return true
            }
            guard written else { inMemoryOnly = true; return }     // the runs written so far stay where they are
            runs[k].append((spilled, buckets[k].count))
            spilled += Int64(buckets[k].count)
            buckets[k].removeAll(keepingCapacity: true)
        }
        count = 0
    }

    /// Closes the scratch file under the hashes written out, as a failed disk leaves them: unreadable (tests).
    func loseScratchFile() {
        if spill >= 0 { close(spill) }
        spill = -2
    }

    /// Every hash of bucket `k`: those written out, then those held; nil when the scratch file cannot be read back
    /// whole (repeats would go unseen). Safe from several threads at once.
    func bucket(_ k: Int) -> [UInt64]? {
        var all: [UInt64] = []
        all.reserveCapacity(runs[k].reduce(0) { $0 + $1.count } + buckets[k].count)
        for run in runs[k] {
            let start = all.count
            all.append(contentsOf: repeatElement(0, count: run.count))
            let read = all.withUnsafeMutableBytes { raw -> Bool in
                let target = UnsafeMutableRawBufferPointer(rebasing: raw[(start * 8)...])
                var done = 0
                while done < target.count {
                    let n = pread(spill, target.baseAddress! + done, target.count - done, off_t(run.offset * 8) + off_t(done))
                    if n <= 0 { return false }
                    done += n
                }
                return true
            }
            guard read else { return nil }
        }
        return all + buckets[k]
    }
}
