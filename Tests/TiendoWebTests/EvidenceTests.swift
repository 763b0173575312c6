import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Evidence files: the right types, a size limit, and only the update's author (or Ban Dân tộc) may attach.
@Suite struct EvidenceTests {
    func bearer(_ token: String, type: String? = nil) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        if let type { headers.replaceOrAdd(name: .contentType, value: type) }
        return headers
    }

    @Test(arguments: TestDatabase.available)
    func attachAndDownload(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            let holders = try await Accountholders.create(on: app.db)
            let halong = holders.tokens[.districtOfficer]!
            var updateId = 0
            try await app.testing().test(.POST, "/api/v1/tasks/III.4.(2)/updates", headers: bearer(halong, type: "application/json"),
                                         body: ByteBuffer(string: "{\"status\":\"in_progress\",\"progress\":20,\"note\":\"Có biên bản\"}")) { res in
                #expect(res.status == .created)
                updateId = try res.content.get(Int.self, at: "id")
            }
            let pdf = "%PDF-1.4 biên bản nghiệm thu"
            let path = "/api/v1/tasks/III.4.(2)/updates/\(updateId)/evidence?name=\(query("Biên bản số 12.pdf"))"
            var fileId = 0
            try await app.testing().test(.POST, path, headers: bearer(halong, type: "application/pdf"), body: ByteBuffer(string: pdf)) { res in
                #expect(res.status == .created, "\(res.body.string)")
                fileId = try res.content.get(Int.self, at: "id")
            }
            try await app.testing().test(.GET, "/api/v1/tasks/III.4.(2)/evidence/\(fileId)", headers: bearer(halong)) { res in
                #expect(res.status == .ok)
                #expect(res.body.string == pdf)
                #expect(res.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''Bi%C3%AAn") == true)
            }
            // Wrong type, empty, and someone else's update: refused, nothing stored.
            let before = try await snapshot(app.db)
            try await app.testing().test(.POST, path, headers: bearer(halong, type: "text/html"), body: ByteBuffer(string: "<script>")) { res in
                #expect(res.status == .badRequest)
            }
            try await app.testing().test(.POST, path, headers: bearer(halong, type: "application/pdf"), body: nil) { res in
                #expect(res.status == .badRequest)
            }
            try await app.testing().test(.POST, path, headers: bearer(holders.tokens[.agencyOfficer]!, type: "application/pdf"),
                                         body: ByteBuffer(string: pdf)) { res in
                #expect(res.status == .forbidden)
            }
            try await app.testing().test(.POST, path, headers: bearer(halong, type: "application/pdf"),
                                         body: ByteBuffer(repeating: 0x41, count: EvidenceUpload.maxBytes + 1)) { res in
                #expect(res.status == .badRequest || res.status == .payloadTooLarge)
            }
            #expect(try await snapshot(app.db) == before)
        }
    }
}
