import Testing
import Vapor
import VaporTesting

extension HTTPHeaders {
    /// A JSON request made with an API token.
    static func bearerJSON(_ token: String) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }
}

/// Hạ Long's update of task III.4.(2), posted through `app` with `token`: the audited change the kept-page tests
/// look for ("Khảo sát xong 7 thôn") on the next page.
func postSurveyedVillages(through app: Application, token: String) async throws {
    try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: .bearerJSON(token),
                                 body: ByteBuffer(string: #"{"status": "in_progress", "progress": 40, "note": "Khảo sát xong 7 thôn"}"#)) { res in
        #expect(res.status == .created)
    }
}
