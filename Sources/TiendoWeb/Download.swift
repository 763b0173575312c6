import Foundation
import TiendoCore
import Vapor

/// Files handed to the user to open in Excel or Word.
enum Download {
    static let xlsx = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    static let docx = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")

    /// An Office file as an attachment, with the Vietnamese file name kept for browsers that read it.
    static func attachment(_ data: Data, filename: String, type: HTTPMediaType = Download.xlsx) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .contentDisposition, value: disposition(filename))
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// A file a user uploaded (evidence, a site photo), handed back as an attachment of its checked type, never sniffed
    /// into something a browser would run.
    static func stored(_ data: Data, fileName: String, contentType: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: disposition(fileName))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// `attachment` with an ASCII fallback name and the real one per RFC 6266 (`filename*=UTF-8''…`): nothing of the
    /// name reaches the header unencoded, so no quote, CR or LF in a name can break it.
    static func disposition(_ name: String) -> String {
        let filename = FreeText.displayable(name)
        let ascii = String(filename.folding(options: .diacriticInsensitive, locale: nil)
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
