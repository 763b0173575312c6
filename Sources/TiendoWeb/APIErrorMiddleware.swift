import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Turns every error into `{"error": "…"}` in Vietnamese with the right status; internal details stay in the log.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as DataRejected {
            return try JSONResponse.make(RejectedBody(error: error.description, issues: error.issues), status: .badRequest)
        } catch let error as UploadRejected {
            return try JSONResponse.make(UploadRejectedBody(error: error.description, issues: error.issues), status: .badRequest)
        } catch let error as AppError {
            return try answer(request, error.description, error.status)
        } catch let error as AbortError {
            let message = error.status == .notFound && error.reason == HTTPResponseStatus.notFound.reasonPhrase
                ? "Không tìm thấy \(request.url.path)."
                : error.reason
            return try answer(request, message, error.status)
        } catch where DatabaseOutage.matches(error) {
            request.logger.warning("Database unreachable: \(String(reflecting: error))")
            let response = try answer(request, "Cơ sở dữ liệu tạm thời không trả lời; yêu cầu chưa được thực hiện. Thử lại sau ít phút.",
                                      .serviceUnavailable)
            response.headers.replaceOrAdd(name: .retryAfter, value: "30")
            return response
        } catch {
            request.logger.report(error: error)
            return try answer(request, "Lỗi máy chủ; chi tiết đã được ghi vào nhật ký.", .internalServerError)
        }
    }

    /// JSON for the API and its login; a page for everything a browser opens.
    private func answer(_ request: Request, _ message: String, _ status: HTTPResponseStatus) throws -> Response {
        let path = request.url.path
        guard path.hasPrefix("/api/") || path == "/login" || path == "/logout" else {
            return Layout.render(PageContext(request), title: status == .notFound ? "Không tìm thấy trang" : "Không thực hiện được",
                                 status: status, [el("p", [("class", "error"), ("role", "alert")], text: message), link("/", "Về trang Tổng quan")])
        }
        return try JSONResponse.error(message, status: status)
    }
}

extension AppError {
    var status: HTTPResponseStatus { HTTPResponseStatus(statusCode: httpStatus) }
}

/// The body of a refused upload: every problem by its cell.
struct UploadRejectedBody: Encodable {
    var error: String
    var issues: [UploadIssue]
}
