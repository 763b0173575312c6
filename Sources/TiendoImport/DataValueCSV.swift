import Foundation
import TiendoCore

/// A file of figures that cannot be read, naming the line and column.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var message: String
    public var description: String { "Dòng \(line), cột \(column): \(message)" }
}

/// Reads figures from CSV: `element,unit_code,period,value` with a header line, UTF-8, a BOM allowed.
/// Built for millions of lines: periods are parsed once per distinct code, and lines for periods
/// the caller does not want are skipped before their other fields are read.
public enum DataValueCSV {
    public static let header = ["element", "unit_code", "period", "value"]

    public static func read(contentsOf url: URL, keep: @Sendable (ReportingPeriod) -> Bool = { _ in true }) throws -> [DataValue] {
        // Mapped, not read: the file may be large and only part of it is wanted.
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path]) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        let size = Int(info.st_size)
        guard size > 0 else { return try read(UnsafeBufferPointer(start: nil, count: 0), keep: keep) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        defer { munmap(mapped, size) }
        return try read(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size), keep: keep)
    }

    /// Splits the file at line ends into one part per core and reads the parts side by side; the figures come back
    /// in file order and an error names its line in the whole file.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, keep: @Sendable (ReportingPeriod) -> Bool = { _ in true }) throws -> [DataValue] {
        guard let base = bytes.baseAddress, bytes.count > 1 << 20 else { return try read(part: bytes, firstLine: 1, keep: keep) }
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        var bounds = [0]
        for k in 1..<parts {
            var cut = bytes.count * k / parts
            while cut < bytes.count && base[cut - 1] != 10 { cut += 1 }
            bounds.append(max(cut, bounds.last!))
        }
        bounds.append(bytes.count)
        let results = Slots<Result<[DataValue], any Error>>(count: parts)
        let cuts = bounds
        nonisolated(unsafe) let whole = bytes       // read-only for the duration of the call
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let part = UnsafeBufferPointer(rebasing: whole[cuts[k]..<cuts[k + 1]])
            results.set(k, Result { try read(part: part, firstLine: k == 0 ? 1 : 2, keep: keep) })
        }
        var values: [DataValue] = []
        for k in 0..<parts {
            switch results.get(k) {
            case let .success(list):
                values += list
            case let .failure(error as CSVError):
                // Lines of the parts before this one, for a line number in the whole file.
                var before = 0
                for i in 0..<bounds[k] where base[i] == 10 { before += 1 }
                throw CSVError(line: error.line + before - (k == 0 ? 0 : 1), column: error.column, message: error.message)
            case let .failure(error):
                throw error
            }
        }
        return values
    }

    /// One part of the file; `firstLine` 1 when the part starts with the header line, 2 otherwise.
    static func read(part bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, keep: (ReportingPeriod) -> Bool) throws -> [DataValue] {
        guard let base = bytes.baseAddress else { return [] }
        var values: [DataValue] = []
        // The period of a line, by its text: parsed and judged by `keep` once per distinct code.
        var periods: [String: ReportingPeriod?] = [:]
        // "YYYY-MM", the common case, looked up by number: nil not yet seen, .some(nil) not wanted.
        var monthly = [ReportingPeriod??](repeating: nil, count: 10_000 * 13)
        var names: [String: String] = [:]
        func intern(_ from: Int, _ to: Int) -> String {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
            if let known = names[text] { return known }
            names[text] = text
            return text
        }
        func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
        func digit(_ i: Int) -> Int? { (48...57).contains(bytes[i]) ? Int(bytes[i] - 48) : nil }
        var start = firstLine == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = firstLine - 1
        while start < bytes.count {
            let newline: Int
            if let hit = memchr(base + start, 10, bytes.count - start) {
                newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            } else {
                newline = bytes.count
            }
            defer { start = newline + 1 }
            var stop = newline
            if stop > start && bytes[stop - 1] == 13 { stop -= 1 }
            line += 1
            if stop == start { continue }
            if line == 1 {
                guard text(start, stop).split(separator: ",").map(String.init) == header else {
                    throw CSVError(line: 1, column: "", message: "dòng tiêu đề phải là \"\(header.joined(separator: ","))\".")
                }
                continue
            }
            var commas = (0, 0, 0), found = 0
            var i = start
            while i < stop && found < 4 {
                if bytes[i] == 44 {
                    switch found {
                    case 0: commas.0 = i
                    case 1: commas.1 = i
                    case 2: commas.2 = i
                    default: break
                    }
                    found += 1
                }
                i += 1
            }
            guard found == 3 else {
                throw CSVError(line: line, column: "", message: "cần đúng 4 cột (element,unit_code,period,value), có \(found + 1).")
            }
            let p = commas.1 + 1
            let period: ReportingPeriod?
            if commas.2 - p == 7, bytes[p + 4] == 45, let y0 = digit(p), let y1 = digit(p + 1), let y2 = digit(p + 2), let y3 = digit(p + 3),
               let m0 = digit(p + 5), let m1 = digit(p + 6) {
                let key = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 13 + min(m0 * 10 + m1, 12)
                if let known = monthly[key], m0 * 10 + m1 <= 12 { period = known } else {
                    let parsed = ReportingPeriod.parse(text(p, commas.2))
                    period = parsed.flatMap { keep($0) ? $0 : nil }
                    monthly[key] = .some(period)
                    if parsed == nil { throw badPeriod(line, text(p, commas.2)) }
                }
            } else {
                let code = text(p, commas.2)
                if let known = periods[code] { period = known } else {
                    guard let parsed = ReportingPeriod.parse(code) else { throw badPeriod(line, code) }
                    period = keep(parsed) ? parsed : nil
                    periods[code] = .some(period)
                }
            }
            guard let period else { continue }            // a period the caller does not want
            var number = 0, negative = false, digits = 0
            for i in (commas.2 + 1)..<stop {
                let b = bytes[i]
                if b == 45 && i == commas.2 + 1 { negative = true; continue }
                guard (48...57).contains(b), digits < 18 else {
                    throw CSVError(line: line, column: "value", message: "\"\(text(commas.2 + 1, stop))\" không phải số nguyên.")
                }
                number = number * 10 + Int(b - 48)
                digits += 1
            }
            guard digits > 0 else { throw CSVError(line: line, column: "value", message: "thiếu số liệu.") }
            values.append(DataValue(element: intern(start, commas.0), unitCode: intern(commas.0 + 1, commas.1),
                                    period: period, value: negative ? -number : number))
        }
        return values
    }

    static func badPeriod(_ line: Int, _ text: String) -> CSVError {
        CSVError(line: line, column: "period", message: "\"\(text)\" không phải kỳ báo cáo (2024, 2024-H1, 2024-Q2, 2024-05).")
    }
}
