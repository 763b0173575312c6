import NIOCore
import TiendoCore

/// A household as one row of PostgreSQL's COPY text format (the columns of `HouseholdRow`, after `id`): written byte
/// by byte into room reserved once per row. A million rows write fifteen million numbers; going through
/// `ByteBuffer.write…` for each field (or a String per number) cost more than reading the file.
enum CopyRow {
    /// Ids are the only free text: a backslash, tab, line break or carriage return in one is escaped.
    static func write(_ h: SurveyHousehold, id: Int, year: Int, to buffer: inout ByteBuffer) {
        let r = h.record
        let weight = String(r.weight)
        let room = 2 * h.id.utf8.count + h.communeCode.utf8.count + weight.utf8.count + 17 * 21 + 16
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
            let out = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var at = 0
            func tab() { out[at] = 9; at += 1 }
            func number(_ n: Int) {
                var magnitude = n.magnitude, digits = 1
                while magnitude >= 10 { magnitude /= 10; digits += 1 }
                if n < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
                magnitude = n.magnitude
                var end = at + digits
                at = end
                repeat {
                    end -= 1
                    out[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                tab()
            }
            func text(_ value: String, escaped: Bool) {
                for byte in value.utf8 {
                    if escaped, let letter = escape(byte) {
                        out[at] = UInt8(ascii: "\\"); out[at + 1] = letter; at += 2
                    } else {
                        out[at] = byte; at += 1
                    }
                }
                tab()
            }
            number(id); number(year); text(h.id, escaped: true); text(h.communeCode, escaped: false); text(r.area.rawValue, escaped: false)
            number(r.members); number(r.ethnicMinority ? 1 : 0); text(weight, escaped: false)
            number(r.incomes.0); number(r.incomes.1); number(r.incomes.2); number(r.incomes.3); number(r.incomes.4)
            number(r.incomes.5); number(r.incomes.6); number(r.deprivations); number(r.deprivationFlags)
            text(h.kind.rawValue, escaped: false)
            out[at - 1] = 10    // the row ends where a field separator would follow
            return at
        }
    }

    /// The letter COPY's text format writes after a backslash for `byte`, if it must be escaped.
    static func escape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 92: 92
        case 9: UInt8(ascii: "t")
        case 10: UInt8(ascii: "n")
        case 13: UInt8(ascii: "r")
        default: nil
        }
    }
}
