import Foundation
import TiendoCore

/// One problem in a household file: where, what was there, and which rule it breaks.
public struct HouseholdIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var value: String
    public var rule: String

    public var description: String {
        "Dòng \(line)" + (column.isEmpty ? "" : ", cột \(column)") + (value.isEmpty ? "" : " (\"\(value)\")") + ": \(rule)"
    }
}

/// A household file with errors: nothing from it is used. The first `shownLimit` problems, and how many in all.
public struct HouseholdFileRejected: Error, Sendable, CustomStringConvertible {
    public static let shownLimit = 100
    public var issues: [HouseholdIssue]
    public var total: Int

    public var description: String {
        "Tệp có \(total) lỗi; không dùng dòng nào. " + (total > issues.count ? "\(issues.count) lỗi đầu tiên:" : "Các lỗi:")
            + "\n" + issues.map(\.description).joined(separator: "\n")
    }
}

/// The communes a household file may name: those of one version of the admin-unit map, with their districts and areas.
public struct CommuneTable: Sendable {
    public var codes: [String]
    public var districts: [String]
    public var areas: [Area]
    /// Commune code bytes packed into an integer (codes are at most 8 ASCII bytes) → index.
    let index: [UInt64: Int]
    /// Five-digit codes (all of Vietnam's communes) → index, -1 where there is none.
    let fiveDigit: [Int32]

    public init(_ communes: [AdminUnit]) {
        codes = communes.map(\.code)
        districts = communes.map { $0.parentCode ?? "" }
        areas = communes.map { Area(communeType: $0.kind) }
        var index: [UInt64: Int] = [:]
        for (i, code) in codes.enumerated() {
            if let key = CommuneTable.pack(Array(code.utf8)[...]) { index[key] = i }
        }
        self.index = index
        var table = [Int32](repeating: -1, count: 100_000)
        for (i, code) in codes.enumerated() where code.count == 5 {
            if let n = Int(code) { table[n] = Int32(i) }
        }
        fiveDigit = table
    }

    /// The index of the commune whose code is in `range`: five-digit codes straight from a table, others by key.
    @inline(__always)
    func lookup(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        if range.count == 5 {
            var n = 0
            for j in range {
                let d = Int(bytes[j]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                n = n * 10 + d
            }
            let i = Int(fiveDigit[n])
            return i >= 0 ? i : nil
        }
        guard let key = CommuneTable.pack(bytes[range]) else { return nil }
        return index[key]
    }

    static func pack<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in bytes { key = key << 8 | UInt64(b) }
        return key
    }
}

/// What a valid file gives: tallies per commune for everyone and for ethnic-minority households.
public struct HouseholdScan: Sendable {
    public var households: Int
    public var all: [HouseholdTally]
    public var ethnicMinority: [HouseholdTally]
    /// Columns present in the file but not in household-csv-v1, ignored.
    public var ignoredColumns: [String]
}

/// Streams a household-csv-v1 file: every rule checked, households classified under a standard and tallied by
/// commune. The file is read in fixed-size blocks, by one worker per core over its own part of the file, so memory
/// stays flat however large the file (apart from 8 bytes per household to find duplicate ids).
public enum HouseholdFile {
    static let blockSize = 4 << 20

    public static func scan(path: String, communes: CommuneTable, standard: PovertyStandard,
                            workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                            progress: (@Sendable (Int) -> Void)? = nil) throws -> HouseholdScan {
        let file = try OpenFile(path: path)
        let header = try Header.read(file)
        progress?(Int(header.bodyOffset))     // the header's bytes, so a file read whole is 100 %
        let parts = max(1, min(workers, 8, Int(file.size / (1 << 20)) + 1))
        var outcome = try run(file, header, communes, standard, parts: parts, progress: progress)
        if outcome.needsSequential && parts > 1 {
            // A part ended inside quotes or a quote was misplaced: the cuts may be wrong, so read it in one pass.
            outcome = try run(file, header, communes, standard, parts: 1, progress: progress)
        }
        return try verdict(outcome, file, header, communes, standard)
    }

    /// The file's scan if it has no problem; otherwise every problem, duplicate ids counted with the others so the
    /// total is the file's whole count.
    static func verdict(_ outcome: Outcome, _ file: OpenFile, _ header: Header, _ communes: CommuneTable,
                        _ standard: PovertyStandard) throws -> HouseholdScan {
        var issues = outcome.issues, total = outcome.issueCount
        guard let duplicates = Duplicates.find(outcome.idHashes) else {
            throw HouseholdFileRejected(issues: [HouseholdIssue(line: 0, column: "household_id", value: "",
                rule: "không đọc lại được tệp tạm của mã hộ để tìm mã trùng (ổ đĩa lỗi?); không dùng dòng nào, nhập lại.")], total: 1)
        }
        if !duplicates.isEmpty {
            let found = Duplicates.lines(file, header, communes, standard, hashes: duplicates)
            issues += found
            total += found.count
        }
        guard total == 0 else {
            throw HouseholdFileRejected(issues: Array(issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
                .prefix(HouseholdFileRejected.shownLimit)), total: total)
        }
        return HouseholdScan(households: outcome.households, all: outcome.all, ethnicMinority: outcome.ethnicMinority,
                             ignoredColumns: header.ignored)
    }

    struct Outcome {
        var households = 0
        var all: [HouseholdTally]
        var ethnicMinority: [HouseholdTally]
        var issues: [HouseholdIssue] = []
        var issueCount = 0
        var idHashes: [IdHashes] = []
        var needsSequential = false
    }

    static func run(_ file: OpenFile, _ header: Header, _ communes: CommuneTable, _ standard: PovertyStandard, parts: Int,
                    progress: (@Sendable (Int) -> Void)?) throws -> Outcome {
        let cuts = try recordBounds(file, from: header.bodyOffset, parts: parts, columns: header.roles.count)
        let results = Slots<Worker.Result>(count: parts)
        let rowsPerByte = header.rowsPerByte
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            var worker = Worker(file: file, header: header, communes: communes, standard: standard,
                                isLast: k == parts - 1, progress: progress)
            results.set(k, worker.run(from: cuts[k], to: cuts[k + 1], expectedRows: Int(Double(cuts[k + 1] - cuts[k]) * rowsPerByte)))
            worker.free()
        }
        return try merge((0..<parts).map { results.get($0) }, communes)
    }

    /// The parts' results as one, in file order: lines numbered from the file's start.
    static func merge(_ results: [Worker.Result], _ communes: CommuneTable) throws -> Outcome {
        let parts = results.count
        var outcome = Outcome(all: Array(repeating: HouseholdTally(), count: communes.codes.count),
                              ethnicMinority: Array(repeating: HouseholdTally(), count: communes.codes.count))
        var linesBefore = 1   // the header
        for k in 0..<parts {
            let r = results[k]
            if let failure = r.failure { throw failure }
            outcome.households += r.households
            for i in outcome.all.indices {
                outcome.all[i].merge(r.all[i])
                outcome.ethnicMinority[i].merge(r.ethnicMinority[i])
            }
            outcome.issues += r.issues.map { var issue = $0; issue.line += linesBefore; return issue }
            outcome.issueCount += r.issueCount
            outcome.idHashes.append(r.idHashes)
            // A misplaced quote breaks the parity the parts were cut by: such a file is read in one pass so its
            // problems carry their exact lines.
            outcome.needsSequential = outcome.needsSequential || (r.endedInQuotes && k < parts - 1) || r.misplacedQuote
            linesBefore += r.lines
        }
        return outcome
    }

    /// Where `parts` workers start: after each even cut, the first line that reads as a whole record of `columns`
    /// fields when read from outside quotes. A line inside a quoted note (a line break in a note) almost never does;
    /// if one did, the part before it would end inside quotes, and `scan` reads the file again in one pass. So no
    /// pass over the whole file is spent counting quotes before the parts can start.
    static func recordBounds(_ file: OpenFile, from start: Int64, parts: Int, columns: Int) throws -> [Int64] {
        var offsets = [start]
        for k in 1..<max(parts, 1) {
            let cut = start + (file.size - start) * Int64(k) / Int64(parts)
            offsets.append(max(file.likelyRecordStart(after: cut, columns: columns), offsets.last!))
        }
        offsets.append(file.size)
        return offsets
    }
}

/// A file opened for reading by several workers at once, each with its own offsets.
final class OpenFile: @unchecked Sendable {
    let fd: Int32
    let size: Int64
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw HouseholdFileRejected(issues: [HouseholdIssue(line: 0, column: "", value: path, rule: "không mở được tệp (không có hoặc không có quyền đọc).")], total: 1)
        }
        var info = stat()
        fstat(fd, &info)
        size = Int64(info.st_size)
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n <= 0 { break }
            done += n
        }
        return done
    }

    /// The offset of the first line after `offset` that reads as a record of `columns` fields from outside quotes
    /// (commas outside quotes, quotes only around whole fields, ending at a line break outside quotes); the first line
    /// start when none does within 64 KB, the file's end when there is none.
    func likelyRecordStart(after offset: Int64, columns: Int) -> Int64 {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let n = buffer.withUnsafeMutableBytes { read(into: $0, at: offset) }
        guard var line = buffer[..<n].firstIndex(of: 10).map({ $0 + 1 }) else { return n == 0 ? size : min(size, offset + Int64(n)) }
        let first = line
        while line < n {
            var fields = 1, inQuotes = false, fieldStart = line, i = line, whole = false
            scan: while i < n {
                let b = buffer[i]
                if inQuotes {
                    if b == 34 { inQuotes = false }     // a doubled quote closes and opens again
                } else if b == 44 {
                    fields += 1; fieldStart = i + 1
                } else if b == 34 {
                    guard i == fieldStart || buffer[i - 1] == 34 else { break scan }
                    inQuotes = true
                } else if b == 10 {
                    whole = fields == columns
                    break scan
                }
                i += 1
            }
            if whole { return offset + Int64(line) }
            guard let next = buffer[line..<n].firstIndex(of: 10) else { break }
            line = next + 1
        }
        return offset + Int64(first)
    }
}

/// Results filled from several threads.
final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: T) { lock.lock(); items[k] = value; lock.unlock() }
    func get(_ k: Int) -> T { lock.lock(); defer { lock.unlock() }; return items[k]! }
}

extension HouseholdFile {
    /// The households of a file in batches, read on a thread of their own: at most a few batches wait in memory
    /// while the caller stores the earlier ones. The file is checked as `scan` checks it while it is read: the stream
    /// ends with the file's problems (after every batch, so the caller must not use what it stored until then), or
    /// without, and then `HouseholdBatches.scan` has its tallies. `progress` hears the bytes read.
    public static func households(path: String, communes: CommuneTable, standard: PovertyStandard, batchSize: Int = 5_000,
                                  progress: (@Sendable (Int) -> Void)? = nil) throws -> HouseholdBatches {
        let file = try OpenFile(path: path)
        let header = try Header.read(file)
        progress?(Int(header.bodyOffset))
        let room = DispatchSemaphore(value: 4)
        let (stream, continuation) = AsyncThrowingStream<[SurveyHousehold], any Error>.makeStream(bufferingPolicy: .unbounded)
        let cancelled = Flag()
        let checked = Checked()
        continuation.onTermination = { _ in
            cancelled.set()
            room.signal()
        }
        Thread.detachNewThread {
            var batch: [SurveyHousehold] = []
            batch.reserveCapacity(batchSize)
            var worker = Worker(file: file, header: header, communes: communes, standard: standard, isLast: true, progress: progress) { household, _, _ in
                guard !cancelled.isSet else { return }
                batch.append(household)
                if batch.count >= batchSize {
                    room.wait()
                    continuation.yield(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            let result = worker.run(from: header.bodyOffset, to: file.size, expectedRows: Int(Double(file.size - header.bodyOffset) * header.rowsPerByte))
            worker.free()
            do {
                if let failure = result.failure { throw failure }
                checked.set(try verdict(try merge([result], communes), file, header, communes, standard))
            } catch {
                continuation.finish(throwing: error)
                return
            }
            if !batch.isEmpty && !cancelled.isSet { continuation.yield(batch) }
            continuation.finish()
        }
        return HouseholdBatches(stream: stream, room: room, checked: checked)
    }
}

/// A file's scan, handed from the reading thread to the caller once the stream has ended.
final class Checked: @unchecked Sendable {
    private let lock = NSLock()
    private var scan: HouseholdScan?
    var value: HouseholdScan? { lock.lock(); defer { lock.unlock() }; return scan }
    func set(_ scan: HouseholdScan) { lock.lock(); self.scan = scan; lock.unlock() }
}

/// Batches of households as the reading thread produces them; taking one makes room for the next.
public struct HouseholdBatches: AsyncSequence, Sendable {
    let stream: AsyncThrowingStream<[SurveyHousehold], any Error>
    let room: DispatchSemaphore
    let checked: Checked

    /// The file's tallies, once every batch has been taken and the stream ended without a problem; nil before.
    public var scan: HouseholdScan? { checked.value }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var inner: AsyncThrowingStream<[SurveyHousehold], any Error>.AsyncIterator
        let room: DispatchSemaphore

        public mutating func next() async throws -> [SurveyHousehold]? {
            let batch = try await inner.next()
            if batch != nil { room.signal() }
            return batch
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: stream.makeAsyncIterator(), room: room) }
}

/// A flag set once from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

extension HouseholdFile {
    /// A household file as CSV: the file itself, or for an XLSX (recognised by its zip signature) its first sheet
    /// converted to a temporary CSV that `cleanup` removes.
    public static func asCSV(_ path: String) throws -> (path: String, cleanup: @Sendable () -> Void) {
        let handle = FileHandle(forReadingAtPath: path)
        let magic = (try? handle?.read(upToCount: 4)) ?? nil
        try? handle?.close()
        guard let magic, magic == Data([0x50, 0x4B, 0x03, 0x04]) else { return (path, {}) }
        let csv = ScratchFile.url("households", extension: "csv")
        do {
            try XLSXToCSV.convert(URL(fileURLWithPath: path), to: csv)
        } catch let error as XLSXError {
            try? FileManager.default.removeItem(at: csv)
            throw HouseholdFileRejected(issues: [HouseholdIssue(line: 0, column: "", value: "", rule: error.description)], total: 1)
        }
        return (csv.path, { try? FileManager.default.removeItem(at: csv) })
    }
}
