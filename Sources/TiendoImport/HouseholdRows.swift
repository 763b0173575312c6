import Foundation
import TiendoCore

/// The header of a household file: which column holds what, the columns ignored, where the data begins.
struct Header: Sendable {
    enum Role: Sendable, Equatable {
        case id, commune, area, members, ethnicMinority, weight, income(Int), deprivation(Int), ignored
    }

    static let required = ["household_id", "commune_code", "area", "members", "ethnic_minority", "weight"]
        + HouseholdRecord.incomeSources + HouseholdRecord.deprivationColumns

    var roles: [Role]
    var names: [String]
    var ignored: [String]
    var bodyOffset: Int64
    /// Records per byte in the first block of data: sizes the per-household memory up front.
    var rowsPerByte = 0.0

    static func read(_ file: OpenFile) throws -> Header {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let n = buffer.withUnsafeMutableBytes { file.read(into: $0, at: 0) }
        var start = 0
        if n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
        guard let end = buffer[start..<n].firstIndex(of: 10) ?? (n > start ? n : nil) else {
            throw HouseholdFileRejected(issues: [HouseholdIssue(line: 1, column: "", value: "", rule: "tệp rỗng; cần dòng tiêu đề theo household-csv-v1.")], total: 1)
        }
        var line = Array(buffer[start..<end])
        if line.last == 13 { line.removeLast() }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw HouseholdFileRejected(issues: [HouseholdIssue(line: 1, column: "", value: "", rule: "dòng tiêu đề không phải UTF-8 hợp lệ.")], total: 1)
        }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { field -> String in
            var name = String(field)
            if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            return name
        }
        var issues: [HouseholdIssue] = []
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            issues.append(HouseholdIssue(line: 1, column: name, value: "", rule: "cột xuất hiện hai lần."))
        }
        for name in required where !names.contains(name) {
            issues.append(HouseholdIssue(line: 1, column: name, value: "", rule: "thiếu cột bắt buộc (tên cột phân biệt chữ hoa, chữ thường)."))
        }
        guard issues.isEmpty else { throw HouseholdFileRejected(issues: issues.sorted { $0.column < $1.column }, total: issues.count) }
        let roles = names.map { name -> Role in
            switch name {
            case "household_id": .id
            case "commune_code": .commune
            case "area": .area
            case "members": .members
            case "ethnic_minority": .ethnicMinority
            case "weight": .weight
            default:
                if let i = HouseholdRecord.incomeSources.firstIndex(of: name) { .income(i) }
                else if let i = HouseholdRecord.deprivationColumns.firstIndex(of: name) { .deprivation(i) }
                else { .ignored }
            }
        }
        let sample = buffer[min(end + 1, n)..<n]
        let sampleLines = sample.lazy.filter { $0 == 10 }.count
        return Header(roles: roles, names: names, ignored: names.filter { !required.contains($0) },
                      bodyOffset: Int64(end + 1), rowsPerByte: sample.isEmpty ? 0 : Double(sampleLines) / Double(sample.count) * 1.02)
    }
}

/// Reads one part of the file, record by record, checking, classifying and tallying each household.
struct Worker {
    struct Result {
        var households = 0
        var all: [HouseholdTally]
        var ethnicMinority: [HouseholdTally]
        var issues: [HouseholdIssue] = []
        var issueCount = 0
        /// Id hashes bucketed by their top byte, so duplicates are found part by part without one big array.
        var idHashes: IdHashes
        /// Physical lines read, including line breaks inside quoted fields.
        var lines = 0
        var endedInQuotes = false
        /// A quote inside an unquoted field: quote parity no longer tells where records start.
        var misplacedQuote = false
        var failure: HouseholdFileRejected?
    }

    let file: OpenFile
    let header: Header
    let communes: CommuneTable
    let standard: PovertyStandard
    let isLast: Bool
    let progress: (@Sendable (Int) -> Void)?
    /// The header's roles, held directly so the per-field switch does not reach through `header`.
    let roles: UnsafeMutablePointer<Header.Role>
    /// Where each column is, for `quick`.
    let columns: Columns
    /// Called with each valid household, its line and its id's hash, when a caller wants the rows themselves.
    /// Such passes read a file `scan` has checked, so they keep no id hashes of their own.
    var visit: ((SurveyHousehold, _ line: Int, _ idHash: UInt64) -> Void)?

    init(file: OpenFile, header: Header, communes: CommuneTable, standard: PovertyStandard, isLast: Bool,
         progress: (@Sendable (Int) -> Void)?, visit: ((SurveyHousehold, _ line: Int, _ idHash: UInt64) -> Void)? = nil) {
        self.file = file
        self.header = header
        self.communes = communes
        self.standard = standard
        self.isLast = isLast
        self.progress = progress
        self.visit = visit
        roles = .allocate(capacity: header.roles.count)
        roles.initialize(from: header.roles, count: header.roles.count)
        columns = Columns(header.roles)
    }

    func free() {
        roles.deinitialize(count: header.roles.count)
        roles.deallocate()
        columns.free()
    }

    mutating func run(from start: Int64, to end: Int64, expectedRows: Int) -> Result {
        // Reserved from the expected row count, so the buckets do not double past what they need.
        var result = Result(all: Array(repeating: HouseholdTally(), count: communes.codes.count),
                            ethnicMinority: Array(repeating: HouseholdTally(), count: communes.codes.count),
                            idHashes: IdHashes(expected: expectedRows))
        let capacity = HouseholdFile.blockSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let bytes = buffer.bindMemory(to: UInt8.self)
        var fields = Fields(count: header.roles.count)
        defer { fields.free() }
        let ordinary = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        defer { ordinary.deallocate() }
        for b in 0..<256 { ordinary[b] = Worker.ordinary[b] }
        var carried = 0
        var position = start
        var line = 0
        while true {
            // One byte is kept spare for the line break a last line without one is given.
            let wanted = min(capacity - 1 - carried, Int(end - position))
            let n = wanted > 0 ? file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[carried..<(carried + wanted)]), at: position) : 0
            position += Int64(n)
            var available = carried + n
            let atEnd = position >= end || n == 0
            var virtualBreak = -1
            if atEnd && available > 0 && bytes[available - 1] != 10 {
                bytes[available] = 10
                virtualBreak = available
                available += 1
            }
            var recordStart = 0
            var i = 0
            fields.reset()
            var fieldStart = 0, inQuotes = false, quoted = false, escaped = false, badQuote = false
            var recordLines = 1
            var high: UInt64 = 0     // the record's bytes OR-ed: a top bit set in any byte says it has non-ASCII text
            let words = UnsafeRawPointer(buffer.baseAddress!)
            while i < available {
                // Step over ordinary bytes eight at a time, until a quote or line break (or, inside quotes, where a
                // comma is text: names, addresses, notes). Outside quotes the commas of a word end their fields
                // without leaving it: numbers are short, and a word often holds two or three of them.
                var stopped = false
                while i + 8 <= available {
                    let word = words.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let other = Worker.bytes(of: word, equalTo: Worker.everyByte(34)) | Worker.bytes(of: word, equalTo: Worker.everyByte(10))
                    var commas = inQuotes ? 0 : Worker.exactBytes(of: word, equalTo: Worker.everyByte(44))
                    if other == 0 && commas == 0 { high |= word; i += 8; continue }
                    // Little-endian: the first byte is the lowest. Only commas before the first quote or line break
                    // count here (that one is exact; `bytes(of:equalTo:)` may mark bytes above it).
                    let first = other == 0 ? 64 : other.trailingZeroBitCount
                    if first < 64 { commas &= (1 << UInt64(first)) &- 1 }
                    while commas != 0 {
                        let at = i + commas.trailingZeroBitCount >> 3
                        fields.append(fieldStart, at, quoted, escaped)
                        fieldStart = at + 1; quoted = false; escaped = false
                        commas &= commas &- 1
                    }
                    if other == 0 { high |= word; i += 8; continue }
                    let before = first >> 3
                    high |= word & ((1 << (UInt64(before) << 3)) &- 1)
                    i += before
                    stopped = true
                    break
                }
                if !stopped {               // the last few bytes of the block, one at a time
                    if !inQuotes {
                        while i < available && ordinary[Int(bytes[i])] { high |= UInt64(bytes[i]); i += 1 }
                    } else {
                        while i < available && bytes[i] != 34 && bytes[i] != 10 { high |= UInt64(bytes[i]); i += 1 }
                    }
                }
                if i >= available { break }
                let b = bytes[i]
                if inQuotes {
                    if b == 34 {
                        if i + 1 < available && bytes[i + 1] == 34 { escaped = true; i += 2; continue }
                        if i + 1 >= available && !atEnd { break }          // cannot tell yet: read more
                        inQuotes = false
                    } else {
                        recordLines += 1
                    }
                    i += 1
                    continue
                }
                switch b {
                case 44:
                    fields.append(fieldStart, i, quoted, escaped)
                    fieldStart = i + 1; quoted = false; escaped = false
                case 10:
                    var stop = i
                    if stop > fieldStart && bytes[stop - 1] == 13 { stop -= 1 }
                    fields.append(fieldStart, stop, quoted, escaped)
                    line += 1
                    if !(fields.count == 1 && stop == recordStart) {      // a blank line is skipped
                        record(bytes, &fields, line: line, nonASCII: high & 0x8080_8080_8080_8080 != 0, badQuote: badQuote,
                               truncated: i == virtualBreak && isLast, into: &result)
                    }
                    line += recordLines - 1
                    recordLines = 1
                    fields.reset()
                    recordStart = i + 1; fieldStart = i + 1; quoted = false; escaped = false; high = 0; badQuote = false
                case 34:
                    if i == fieldStart { inQuotes = true; quoted = true } else { badQuote = true }
                default:
                    break
                }
                i += 1
            }
            progress?(n)
            if atEnd {
                if inQuotes || recordStart < available { result.endedInQuotes = true }
                if inQuotes && isLast {
                    fail(&result, line + 1, "", "", "dấu ngoặc kép mở mà không đóng đến hết tệp (dòng cuối bị cắt cụt?).")
                }
                result.lines = line
                return result
            }
            // Keep the incomplete record for the next block.
            carried = available - recordStart
            if carried >= capacity - 1 {
                result.failure = HouseholdFileRejected(issues: [HouseholdIssue(line: line + 1, column: "", value: "",
                    rule: "dòng dài hơn \(capacity >> 20) MB: tệp không đúng định dạng CSV (dấu ngoặc kép không đóng?).")], total: 1)
                return result
            }
            if carried > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + recordStart, carried) }
        }
    }

    /// `byte` in each of a word's eight bytes.
    @inline(__always) static func everyByte(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The top bit of each byte of `word` equal to the byte repeated in `pattern`; exact up to the first such byte,
    /// which is all the reader uses (a borrow can mark a byte above it).
    @inline(__always) static func bytes(of word: UInt64, equalTo pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The top bit of each byte of `word` equal to the byte repeated in `pattern`, every one exact (no borrow between
    /// bytes: each byte's low seven bits are added to separately).
    @inline(__always) static func exactBytes(of word: UInt64, equalTo pattern: UInt64) -> UInt64 {
        let x = word ^ pattern, low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~(((x & low) &+ low) | x | low)
    }

    /// Bytes the reader steps over outside quotes: all but comma, quote and line break. Non-ASCII bytes are stepped
    /// over too and noted by OR-ing every byte passed (its top bit), so Vietnamese text is not read a byte per turn.
    static let ordinary: [Bool] = (0..<256).map { b in b != 44 && b != 10 && b != 34 }

    mutating func fail(_ result: inout Result, _ line: Int, _ column: String, _ value: String, _ rule: String) {
        result.issueCount += 1
        if result.issues.count < HouseholdFileRejected.shownLimit {
            result.issues.append(HouseholdIssue(line: line, column: column, value: Self.visible(value.prefix(60)), rule: rule))
        }
    }

    /// `value` as it may be shown back: each control character written as its code (`\x01`), so a refused cell
    /// cannot move a terminal's cursor or hide in a page.
    static func visible(_ value: Substring) -> String {
        guard value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return String(value) }
        var shown = ""
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { shown += "\\x" + hexByte(UInt8(scalar.value)) } else { shown.unicodeScalars.append(scalar) }
        }
        return shown
    }

    static func hexByte(_ byte: UInt8) -> String { [byte].hexDigits.uppercased() }

    mutating func record(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ fields: inout Fields, line: Int, nonASCII: Bool, badQuote: Bool,
                         truncated: Bool, into result: inout Result) {
        func text(_ k: Int) -> String { fields.text(bytes, k) }
        guard fields.count == header.roles.count else {
            fail(&result, line, "", "", truncated && fields.count < header.roles.count
                 ? "dòng cuối bị cắt cụt: có \(fields.count) trên \(header.roles.count) cột (tệp chưa chép hết?)."
                 : "cần \(header.roles.count) cột như dòng tiêu đề, có \(fields.count).")
            return
        }
        if badQuote { result.misplacedQuote = true; fail(&result, line, "", "", "dấu ngoặc kép đặt sai (RFC 4180: chỉ bao cả ô, bên trong viết \"\")."); return }
        // Checked in place over the whole record; only a record that fails is gone through field by field to name the
        // column (making a String of every field of every row with Vietnamese text cost more than the rest of the parse).
        if nonASCII, !UTF8Check.isValid(bytes, fields.range(0).lowerBound..<fields.range(fields.count - 1).upperBound) {
            for k in 0..<fields.count {
                let range = fields.range(k)
                if String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) == nil {
                    fail(&result, line, header.names[k], "", "không phải văn bản UTF-8 hợp lệ (lưu tệp dưới dạng CSV UTF-8).")
                    return
                }
            }
        }
        if let (household, commune, idHash) = quick(bytes, fields) {
            accept(household, commune: commune, idHash: idHash, bytes, fields, line: line, into: &result)
            return
        }
        let roles = self.roles
        var commune = -1, area: Area?, members = 0, minority = false, weight = 1.0
        var incomes = (0, 0, 0, 0, 0, 0, 0), deprivations = 0, flags = 0, idHash: UInt64 = 0, ok = true
        for k in 0..<fields.count {
            let range = fields.range(k)
            switch roles[k] {
            case .id:
                if range.isEmpty { fail(&result, line, "household_id", "", "bắt buộc, không được để trống."); ok = false }
                let control: Int
                (idHash, control) = Self.idHash(bytes, range)
                if control >= 0 {
                    let code = bytes[range.lowerBound + control]
                    fail(&result, line, "household_id", text(k),
                         "có ký tự điều khiển (mã 0x\(Self.hexByte(code))) ở byte thứ \(control + 1) của mã hộ (chỉ được dùng chữ, số, dấu và khoảng trắng).")
                    ok = false
                }
            case .commune:
                if let index = communes.lookup(bytes, range) { commune = index } else {
                    fail(&result, line, "commune_code", text(k), "không phải mã xã của danh mục đơn vị hành chính đang dùng."); ok = false
                }
            case .area:
                switch range.count {
                case 0: area = nil
                case 5 where Self.word(bytes, range.lowerBound) == Self.urban: area = .urban
                case 5 where Self.word(bytes, range.lowerBound) == Self.rural: area = .rural
                default: fail(&result, line, "area", text(k), "chỉ nhận urban, rural hoặc để trống."); ok = false
                }
            case .members:
                if let n = Self.integer(bytes, range), n >= 1 { members = n } else {
                    fail(&result, line, "members", text(k), "số nhân khẩu phải là số nguyên từ 1 trở lên."); ok = false
                }
            case .ethnicMinority:
                if let bit = Self.bit(bytes, range) { minority = bit == 1 } else {
                    fail(&result, line, "ethnic_minority", text(k), "chỉ nhận 0 hoặc 1."); ok = false
                }
            case .weight:
                if range.isEmpty { weight = 1 } else if let w = Self.decimal(bytes, range), w > 0 { weight = w } else {
                    fail(&result, line, "weight", text(k), "quyền số phải là số thập phân lớn hơn 0 (dấu chấm thập phân) hoặc để trống."); ok = false
                }
            case let .income(source):
                guard let value = Self.integer(bytes, range) else {
                    fail(&result, line, header.names[k], text(k), "thu nhập phải là số nguyên đồng/năm (được âm với thu nhập ròng)."); ok = false
                    continue
                }
                switch source {
                case 0: incomes.0 = value
                case 1: incomes.1 = value
                case 2: incomes.2 = value
                case 3: incomes.3 = value
                case 4: incomes.4 = value
                case 5: incomes.5 = value
                default: incomes.6 = value
                }
            case let .deprivation(index):
                if let bit = Self.bit(bytes, range) { deprivations += bit; flags |= bit << index } else {
                    fail(&result, line, header.names[k], text(k), "chỉ số thiếu hụt chỉ nhận 0 hoặc 1."); ok = false
                }
            case .ignored:
                break
            }
        }
        guard ok else { return }
        let household = HouseholdRecord(area: area ?? communes.areas[commune], members: members, ethnicMinority: minority,
                                        weight: weight, incomes: incomes, deprivations: deprivations, deprivationFlags: flags)
        accept(household, commune: commune, idHash: idHash, bytes, fields, line: line, into: &result)
    }

    /// A valid household: classified, tallied, its id's hash kept, and handed to `visit`.
    @inline(__always)
    mutating func accept(_ household: HouseholdRecord, commune: Int, idHash: UInt64, _ bytes: UnsafeMutableBufferPointer<UInt8>,
                         _ fields: Fields, line: Int, into result: inout Result) {
        result.idHashes.append(idHash)
        let kind = standard.classify(income: household.income, members: household.members, area: household.area,
                                     deprivations: household.deprivations)
        result.households += 1
        result.all[commune].add(household, kind)
        if household.ethnicMinority { result.ethnicMinority[commune].add(household, kind) }
        if let visit {
            visit(SurveyHousehold(id: fields.text(bytes, columns.id), communeCode: communes.codes[commune], record: household, kind: kind),
                  line, idHash)
        }
    }

    static let urban = word(Array("urban".utf8)), rural = word(Array("rural".utf8))

    /// A household id's hash (FNV-1a), and where its first control character is (-1 for none). The id is the one
    /// field stored as text: a control character (tab aside) would reach pages, CSV exports and terminals, so it is
    /// refused, found by the same pass that hashes the id.
    @inline(__always)
    static func idHash(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, control: Int) {
        var hash: UInt64 = 0xcbf29ce484222325, control = -1
        for j in range {
            let byte = bytes[j]
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F, control < 0 { control = j - range.lowerBound }
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
        }
        return (hash, control)
    }

    /// Five bytes as one number, to compare a field with a word in one step.
    @inline(__always)
    static func word(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ at: Int) -> UInt64 {
        var w: UInt64 = 0
        for j in at..<(at + 5) { w = w << 8 | UInt64(bytes[j]) }
        return w
    }

    static func word(_ bytes: [UInt8]) -> UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }

    /// A whole number of at most 15 digits, optionally negative; nil for anything else (empty included).
    static func integer(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var i = range.lowerBound, negative = false
        if i < range.upperBound && bytes[i] == 45 { negative = true; i += 1 }
        guard i < range.upperBound, range.upperBound - i <= 15 else { return nil }
        var n = 0
        while i < range.upperBound {
            let d = Int(bytes[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            n = n &* 10 &+ d        // at most 15 digits: cannot overflow
            i += 1
        }
        return negative ? -n : n
    }

    /// "0" or "1". Computed rather than chosen between: in a survey the two come at random, and a branch on which it
    /// is would be mispredicted half the time, a dozen times per household.
    @inline(__always)
    static func bit(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count == 1 else { return nil }
        let d = Int(bytes[range.lowerBound]) &- 48
        return d & ~1 == 0 ? d : nil
    }

    /// "1.25", "3", ".5": a plain decimal with a dot.
    static func decimal(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var whole = 0.0, fraction = 0.0, scale = 1.0, seenDot = false, digits = 0
        for i in range {
            let b = bytes[i]
            if b == 46 && !seenDot { seenDot = true; continue }
            guard b >= 48 && b <= 57, digits < 17 else { return nil }
            digits += 1
            if seenDot { scale /= 10; fraction += Double(b - 48) * scale } else { whole = whole * 10 + Double(b - 48) }
        }
        return digits > 0 ? whole + fraction : nil
    }
}

/// Field boundaries of the current record, reused from record to record: one flat allocation, no array
/// uniqueness checks in the hottest loop of the import.
struct Fields {
    private let slots: UnsafeMutablePointer<Int>      // per field: start, end, flags (1 quoted, 2 escaped)
    private let capacity: Int
    private(set) var count = 0

    init(count: Int) {
        capacity = count + 1
        slots = .allocate(capacity: capacity * 3)
        slots.initialize(repeating: 0, count: capacity * 3)
    }

    func free() { slots.deallocate() }

    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func append(_ start: Int, _ end: Int, _ isQuoted: Bool, _ isEscaped: Bool) {
        if count < capacity {
            // A quoted field's content lies inside its quotes.
            let base = slots + count * 3
            base[0] = isQuoted ? start + 1 : start
            base[1] = isQuoted ? max(start + 1, end - 1) : end
            base[2] = (isQuoted ? 1 : 0) | (isEscaped ? 2 : 0)
        }
        count += 1
    }

    @inline(__always)
    func range(_ k: Int) -> Range<Int> { slots[k * 3]..<slots[k * 3 + 1] }

    func text(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ k: Int) -> String {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[range(k)]), as: UTF8.self)
        return slots[k * 3 + 2] & 2 != 0 ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }
}

/// Finding household ids used twice, from 8-byte hashes rather than the ids themselves.
enum Duplicates {
    /// Hashes seen more than once among the workers' hashes; nil when some could not be read back.
    static func find(_ workers: [IdHashes]) -> Set<UInt64>? {
        let found = Slots<[UInt64]?>(count: 256)
        DispatchQueue.concurrentPerform(iterations: 256) { k in
            // An open-addressed table per bucket (twice its count, a power of two), each hash met once where sorting
            // them cost several passes. The slot comes from the top bits of the hash times a Fibonacci constant,
            // which every bit of the hash reaches (the bucket already fixed its top byte).
            let read = workers.map { $0.bucket(k) }
            guard !read.contains(where: { $0 == nil }) else { found.set(k, nil); return }
            let buckets = read.map { $0! }
            let count = buckets.reduce(0) { $0 + $1.count }
            var size = 16, shift: UInt64 = 60
            while size < 2 * count { size <<= 1; shift -= 1 }
            var table = [UInt64](repeating: 0, count: size)
            var dup: Set<UInt64> = [], zeros = 0      // 0 marks an empty slot: a hash of 0 is counted apart
            for bucket in buckets {
                for hash in bucket {
                    if hash == 0 { zeros += 1; if zeros == 2 { dup.insert(0) }; continue }
                    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    while table[slot] != 0 && table[slot] != hash { slot = (slot + 1) & (size - 1) }
                    if table[slot] == hash { dup.insert(hash) } else { table[slot] = hash }
                }
            }
            found.set(k, Array(dup))
        }
        let buckets = (0..<256).map { found.get($0) }
        guard !buckets.contains(where: { $0 == nil }) else { return nil }
        return Set(buckets.flatMap { $0! })
    }

    /// The lines of every id whose hash repeats, read again in one pass; an id truly repeated is an issue.
    static func lines(_ file: OpenFile, _ header: Header, _ communes: CommuneTable, _ standard: PovertyStandard,
                      hashes: Set<UInt64>) -> [HouseholdIssue] {
        var seen: [String: Int] = [:]
        var issues: [HouseholdIssue] = []
        var worker = Worker(file: file, header: header, communes: communes, standard: standard, isLast: true, progress: nil) { household, line, hash in
            guard hashes.contains(hash) else { return }
            // Lines counted from the first after the header.
            if let first = seen[household.id] {
                issues.append(HouseholdIssue(line: line + 1, column: "household_id", value: household.id, rule: "trùng mã hộ ở dòng \(first)."))
            } else {
                seen[household.id] = line + 1
            }
        }
        _ = worker.run(from: header.bodyOffset, to: file.size, expectedRows: 0)
        worker.free()
        return issues
    }
}
