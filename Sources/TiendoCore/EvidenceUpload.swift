import Foundation

/// A file offered as evidence for an update, checked before anything is stored: a type officials use, a size,
/// a name that is safe to show and to offer back as a download.
public struct EvidenceUpload: Sendable {
    /// Office documents, PDF and photos: what officials scan or write reports in.
    public static let allowedTypes: [String: String] = [
        "application/pdf": "pdf",
        "image/jpeg": "jpg",
        "image/png": "png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    ]
    public static let maxBytes = 10 * 1024 * 1024

    /// The media type without parameters, lowercased.
    public var contentType: String
    /// NFC, trimmed, without path separators.
    public var fileName: String
    public var content: Data

    public init(content: Data, fileName: String, contentType: String) throws {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard Self.allowedTypes[type] != nil else {
            throw AppError.invalid("Loại tệp \"\(contentType)\" không được nhận; chỉ nhận PDF, JPEG, PNG, DOCX, XLSX.")
        }
        guard !content.isEmpty, content.count <= Self.maxBytes else {
            throw AppError.invalid("Tệp phải có nội dung và không quá 10 MB; tệp này \(content.count) byte.")
        }
        let name = try FreeText.check(fileName, field: "name", maxLength: 200)
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
        guard !name.contains(where: \.isNewline) else { throw AppError.invalid("Trường \"name\": tên tệp không được xuống dòng.") }
        guard !name.isEmpty, name.count <= 200 else { throw AppError.invalid("Cần tên tệp (tối đa 200 ký tự).") }
        guard Self.looksLike(type, content) else {
            throw AppError.invalid("Nội dung tệp không phải \(Self.allowedTypes[type]!.uppercased()) như khai báo; chỉ nhận tệp đúng loại.")
        }
        (self.contentType, self.fileName, self.content) = (type, name, content)
    }

    /// Whether the bytes are what the type claims: the format's signature, and for Office files a ZIP holding
    /// the parts of a Word document or an Excel workbook (their names are stored uncompressed in the archive).
    static func looksLike(_ type: String, _ content: Data) -> Bool {
        func starts(_ bytes: [UInt8]) -> Bool { content.count >= bytes.count && Array(content.prefix(bytes.count)) == bytes }
        func holds(_ name: String) -> Bool { content.range(of: Data(name.utf8)) != nil }
        switch Self.allowedTypes[type] {
        case "pdf": return starts(Array("%PDF-".utf8))
        case "jpg": return starts([0xFF, 0xD8, 0xFF])
        case "png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "docx": return starts([0x50, 0x4B, 0x03, 0x04]) && holds("[Content_Types].xml") && holds("word/document.xml")
        case "xlsx": return starts([0x50, 0x4B, 0x03, 0x04]) && holds("[Content_Types].xml") && holds("xl/workbook.xml")
        default: return false
        }
    }
}
