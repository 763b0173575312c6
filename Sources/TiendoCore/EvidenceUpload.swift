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
        (self.contentType, self.fileName, self.content) = (type, name, content)
    }
}
