import Foundation
import Vapor

/// JSON bodies with sorted keys, so the same data always gives the same bytes.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "application", subType: "json", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }

    static func error(_ message: String, status: HTTPResponseStatus) throws -> Response {
        try make(["error": message], status: status)
    }
}
