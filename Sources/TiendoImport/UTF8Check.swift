/// Whether bytes are well-formed UTF-8 (no stray continuation byte, overlong form, surrogate or value past U+10FFFF),
/// checked in place: every household record with Vietnamese text goes through it.
enum UTF8Check {
    /// Whether `bytes[range]` is well-formed UTF-8.
    ///
    /// Eight bytes at a time (SWAR): in each word, the lead bytes of two- and three-byte characters (Vietnamese letters
    /// are C2–DF xx or E1 BA/BB xx) say where continuation bytes must be, and the word's continuation bytes must be
    /// exactly there, carried over into the next word. Lead bytes whose second byte Unicode restricts (E0, ED), four-byte
    /// leads (F0–FF, emoji among them) and bytes never valid (C0, C1) send the range to `isValidOneByOne`.
    static func isValid(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var i = range.lowerBound
        let end = range.upperBound
        var carry: UInt64 = 0       // continuation bytes the previous word's leads call for at the start of this one
        while i < end {
            var word: UInt64
            if i + 8 <= end {
                word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            } else {
                word = 0            // the tail, padded with NUL: a continuation called for past the end is missing
                for j in 0..<(end - i) { word |= UInt64(bytes[i + j]) << (UInt64(j) << 3) }
            }
            i += 8
            let high = word & top
            if high == 0 {
                if carry != 0 { return false }
                continue
            }
            let rare = equal(word & every(0xFE), every(0xC0)) | equal(word & every(0xF0), every(0xF0))
                | equal(word, every(0xE0)) | equal(word, every(0xED))
            if rare != 0 { return isValidOneByOne(bytes, range) }
            let six = (word << 1) & top, five = (word << 2) & top
            let lead = high & six, continuation = high & ~six
            let lead3 = lead & five
            // Little-endian: the byte after byte j is byte j + 1, eight bits up.
            guard continuation == (lead << 8) | (lead3 << 16) | carry else { return false }
            carry = (lead >> 56) | (lead3 >> 48)
        }
        return carry == 0
    }

    static let top: UInt64 = 0x8080_8080_8080_8080

    /// Non-zero when a byte of `word` equals the byte repeated in `pattern`.
    @inline(__always) static func equal(_ word: UInt64, _ pattern: UInt64) -> UInt64 { Worker.bytes(of: word, equalTo: pattern) }

    @inline(__always) static func every(_ byte: UInt8) -> UInt64 { Worker.everyByte(byte) }

    /// `isValid` a character at a time, for the few lead bytes the word check leaves to it.
    static func isValidOneByOne(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let end = range.upperBound
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while i < end {
            // ASCII (numbers, separators, the unaccented letters of Vietnamese) is passed eight bytes at a time, and
            // from a word with a non-ASCII byte straight to that byte: in Vietnamese text one comes every few letters.
            if i + 8 <= end {
                let high = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                if high == 0 { i += 8; continue }
                i += high.trailingZeroBitCount >> 3      // little-endian: the first byte is the lowest
            }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            // Vietnamese letters are two bytes (ă, đ, ơ, ư and their capitals) or three (E1 BA/BB xx: ạ, ế, ữ…):
            // each length is checked straight, with the few second bytes Unicode rules out (overlong forms,
            // surrogates, values past U+10FFFF).
            if lead < 0xC2 { return false }
            if lead < 0xE0 {
                guard i + 1 < end, bytes[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if lead < 0xF0 {
                guard i + 2 < end else { return false }
                let second = bytes[i + 1]
                guard second & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80,
                      lead != 0xE0 || second >= 0xA0, lead != 0xED || second <= 0x9F else { return false }
                i += 3
                continue
            }
            guard lead <= 0xF4, i + 3 < end else { return false }
            let second = bytes[i + 1]
            guard second & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80, bytes[i + 3] & 0xC0 == 0x80,
                  lead != 0xF0 || second >= 0x90, lead != 0xF4 || second <= 0x8F else { return false }
            i += 4
        }
        return true
    }
}
