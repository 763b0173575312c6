import Foundation
import Vapor

/// The OpenAPI 3.1 description of every `/api/v1` route, served at `/api/v1/openapi.json`. One line per operation;
/// `OpenAPITests` fails when a route is registered that is not here, or described here and not registered.
enum OpenAPIDocument {
    /// How an operation is called and what it answers.
    struct Operation {
        var method: HTTPMethod
        /// "/units/{code}": under /api/v1, path parameters in braces.
        var path: String
        var summary: String
        var query: [String] = []
        /// Needs `Authorization: Bearer …` (or a session).
        var signedIn = false
        /// The request body's media type, if it takes one.
        var body: String? = nil
        /// The success status and its media type.
        var status = 200
        var produces = "application/json"
    }

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static let operations: [Operation] = [
        Operation(method: .GET, path: "/plans", summary: "Các kế hoạch: số, ngày ban hành, cơ quan, kế hoạch cha"),
        Operation(method: .GET, path: "/plans/{id}", summary: "Toàn bộ một kế hoạch (mục tiêu, nhiệm vụ, phụ lục, chế độ báo cáo)"),
        Operation(method: .GET, path: "/targets", summary: "Chỉ tiêu của kế hoạch", query: ["plan"]),
        Operation(method: .GET, path: "/tasks", summary: "Nhiệm vụ, lọc theo cơ quan, đơn vị, hạn", query: ["plan", "agency", "unit", "dueBefore"]),
        Operation(method: .GET, path: "/legal-documents", summary: "Văn bản pháp lý kế hoạch dẫn", query: ["plan"]),
        Operation(method: .GET, path: "/agencies", summary: "Cơ quan và tổ chức tại một ngày", query: ["at", "province"]),
        Operation(method: .GET, path: "/units", summary: "Đơn vị hành chính tại một ngày", query: ["at", "level"]),
        Operation(method: .GET, path: "/units/{code}", summary: "Mọi phiên bản của một đơn vị, đơn vị trước và sau"),
        Operation(method: .GET, path: "/session", summary: "Tài khoản đang đăng nhập và vai trò", signedIn: true),
        Operation(method: .POST, path: "/tokens", summary: "Tạo mã truy cập API (in một lần)", signedIn: true, body: "application/json", status: 201),
        Operation(method: .DELETE, path: "/tokens/{id}", summary: "Thu hồi mã truy cập", signedIn: true, status: 204, produces: ""),
        Operation(method: .GET, path: "/users", summary: "Tài khoản (quản trị viên)", signedIn: true),
        Operation(method: .POST, path: "/users", summary: "Tạo tài khoản (quản trị viên)", signedIn: true, body: "application/json", status: 201),
        Operation(method: .POST, path: "/users/{username}/roles", summary: "Thêm vai trò", signedIn: true, body: "application/json", status: 204, produces: ""),
        Operation(method: .POST, path: "/users/{username}/unlock", summary: "Mở khóa tài khoản", signedIn: true, status: 204, produces: ""),
        Operation(method: .GET, path: "/me/work", summary: "Việc của tôi: nhiệm vụ, báo cáo phải gửi, bị trả lại, chờ duyệt", signedIn: true),
        Operation(method: .GET, path: "/tasks/{code}/updates", summary: "Các lần cập nhật tiến độ của một nhiệm vụ"),
        Operation(method: .POST, path: "/tasks/{code}/updates", summary: "Cập nhật tiến độ", signedIn: true, body: "application/json", status: 201),
        Operation(method: .GET, path: "/tasks/{code}/status", summary: "Tình trạng nhiệm vụ theo từng đơn vị được giao"),
        Operation(method: .POST, path: "/tasks/{code}/updates/{id}/evidence", summary: "Đính kèm tệp minh chứng", query: ["name", "plan"], signedIn: true,
                  body: "application/octet-stream", status: 201),
        Operation(method: .GET, path: "/tasks/{code}/evidence/{file}", summary: "Tải tệp minh chứng", signedIn: true, produces: "application/octet-stream"),
        Operation(method: .GET, path: "/audit", summary: "Nhật ký thay đổi", query: ["entity", "user", "since"], signedIn: true),
        Operation(method: .GET, path: "/data/{obligation}/{reporter}", summary: "Số liệu của một đơn vị cho một báo cáo", query: ["period", "plan"], signedIn: true),
        Operation(method: .PUT, path: "/data/{obligation}/{reporter}", summary: "Ghi số liệu", query: ["period", "plan"], signedIn: true, body: "application/json"),
        Operation(method: .POST, path: "/data/{obligation}/{reporter}/{action}", summary: "Gửi, duyệt, trả lại, mở lại", query: ["period", "plan"], signedIn: true,
                  body: "application/json"),
        Operation(method: .GET, path: "/data/{obligation}/{reporter}/xlsx", summary: "Mẫu Excel để nhập số liệu", query: ["period", "plan"], signedIn: true, produces: xlsx),
        Operation(method: .PUT, path: "/data/{obligation}/{reporter}/xlsx", summary: "Nhập số liệu từ Excel", query: ["period", "plan"], signedIn: true, body: xlsx),
        Operation(method: .GET, path: "/plan-drafts", summary: "Bản nháp kế hoạch đang rà soát", signedIn: true),
        Operation(method: .POST, path: "/plan-drafts", summary: "Nhập văn bản kế hoạch (DOCX) thành bản nháp", query: ["name", "parent", "amends"], signedIn: true,
                  body: "application/octet-stream", status: 201),
        Operation(method: .GET, path: "/plan-drafts/{draft}", summary: "Một bản nháp với các điểm cần rà soát", signedIn: true),
        Operation(method: .PUT, path: "/plan-drafts/{draft}", summary: "Sửa bản nháp", signedIn: true, body: "application/json"),
        Operation(method: .POST, path: "/plan-drafts/{draft}/publish", summary: "Ban hành bản nháp thành kế hoạch", signedIn: true, status: 201),
        Operation(method: .GET, path: "/capital", summary: "Nguồn vốn: kế hoạch, giải ngân, tỷ lệ theo Dự án, nguồn, chủ đầu tư", query: ["as-of", "year"]),
        Operation(method: .POST, path: "/capital/lines", summary: "Mở dòng vốn", signedIn: true, body: "application/json", status: 201),
        Operation(method: .POST, path: "/capital/lines/{line}/events", summary: "Ghi quyết định về vốn", signedIn: true, body: "application/json", status: 201),
        Operation(method: .POST, path: "/capital/lines/{line}/disbursements", summary: "Ghi giải ngân một tháng", signedIn: true, body: "application/json", status: 201),
        Operation(method: .PUT, path: "/capital/disbursements/xlsx", summary: "Nhập giải ngân lũy kế từ Excel",
                  query: ["month", "name", "key-column", "amount-column", "first-row", "unit"], signedIn: true, body: xlsx),
        Operation(method: .GET, path: "/works", summary: "Công trình đầu tư"),
        Operation(method: .GET, path: "/works/{code}/progress", summary: "Tiến độ hằng tháng của một công trình"),
        Operation(method: .POST, path: "/works/{code}/progress", summary: "Báo cáo tháng của chủ đầu tư", signedIn: true, body: "application/json", status: 201),
        Operation(method: .POST, path: "/works/{code}/progress/{month}/photos", summary: "Ảnh, biên bản của một tháng", query: ["name"], signedIn: true,
                  body: "application/octet-stream", status: 201),
        Operation(method: .GET, path: "/works/{code}/photos/{id}", summary: "Tải ảnh, biên bản", signedIn: true, produces: "application/octet-stream"),
        Operation(method: .GET, path: "/openapi.json", summary: "Tài liệu này"),
    ]

    /// The document as JSON, built once.
    static let json: Data = {
        var paths: [String: [String: Any]] = [:]
        let error: [String: Any] = ["description": "Lỗi, bằng tiếng Việt", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        for operation in operations {
            var parameters: [[String: Any]] = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
                ["name": String(segment.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            parameters += operation.query.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            var responses: [String: Any] = ["400": error, "404": error, "503": error]
            responses["\(operation.status)"] = operation.produces.isEmpty ? ["description": "Xong"]
                : ["description": "Kết quả", "content": [operation.produces: ["schema": operation.produces == "application/json" ? [:] as [String: Any] : ["type": "string", "format": "binary"]]]]
            if operation.signedIn { (responses["401"], responses["403"]) = (error, error) }
            var entry: [String: Any] = ["summary": operation.summary, "operationId": operationId(operation), "parameters": parameters, "responses": responses]
            if operation.signedIn { entry["security"] = [["bearer": [String]()]] }
            if let body = operation.body {
                let binary: [String: Any] = ["schema": ["type": "string", "format": "binary"]]
                // A spreadsheet is read from its bytes whatever the declared type, so plain bytes are described too.
                let content: [String: Any] = body == "application/json" ? [body: ["schema": ["type": "object"]]]
                    : body == xlsx ? [body: binary, "application/octet-stream": binary] : [body: binary]
                entry["requestBody"] = ["required": true, "content": content]
            }
            paths["/api/v1" + operation.path, default: [:]][operation.method.rawValue.lowercased()] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Tiendo API", "version": "1", "description": "Theo dõi tiến độ thực hiện kế hoạch. Lỗi là {\"error\": \"…\"} bằng tiếng Việt."],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "Mã truy cập: tiendo token create"]],
                "schemas": ["Error": ["type": "object", "required": ["error"], "properties": ["error": ["type": "string"]]]],
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }()

    static func operationId(_ operation: Operation) -> String {
        operation.method.rawValue.lowercased() + operation.path.split(separator: "/").map { segment in
            segment.hasPrefix("{") ? "By" + segment.dropFirst().dropLast().capitalized : segment.split(separator: "-").map(\.capitalized).joined()
        }.joined().replacingOccurrences(of: ".", with: "")
    }

    static func register(_ api: any RoutesBuilder) {
        api.get("openapi.json") { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: json))
        }
    }
}
