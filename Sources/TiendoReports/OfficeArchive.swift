import Foundation
import TiendoCore
import ZIPFoundation

/// The zip container of an Office file, written in memory with a fixed timestamp on every entry,
/// so the same content always gives the same bytes.
enum OfficeArchive {
    /// 01/01/2024 00:00 local: any fixed date inside the zip format's range (1980–2107) would do.
    static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)

    /// Entries in the order given; `[Content_Types].xml` should come first for the strictest readers.
    static func make(_ entries: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}

/// Text made safe for Office XML: NFC (Vietnamese often arrives decomposed), no characters XML 1.0 forbids, escaped.
public enum XMLText {
    public static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.precomposedStringWithCanonicalMapping.unicodeScalars.filter(isAllowed)))
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Cleaned and escaped for element content and attribute values alike.
    public static func escape(_ text: String) -> String { MarkupEscape.escape(clean(text)) }
}
