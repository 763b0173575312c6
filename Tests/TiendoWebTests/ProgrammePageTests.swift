import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// `/chuong-trinh`: a unit is a code read in the chosen map; the review report is Ban Dân tộc's to download, and
/// building it is audited.
@Suite struct ProgrammePageTests {
    func get(_ app: Application, _ path: String, _ token: String?, _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        try await app.testing().test(.GET, path, headers: headers) { res in try await check(res) }
    }

    @Test func theReviewIsBanDanTocsAndTheMapReadsCodes() async throws {
        try await withTiendo(.sqlite) { app in
            let holders = try await Accountholders.create(on: app.db)
            let bdt = holders.tokens[.coordinator]!
            try await get(app, "/chuong-trinh", bdt) { res in
                #expect(res.status == .ok && res.body.string.contains("/chuong-trinh/bao-cao?loai=tong-ket&amp;dinh-dang=docx"))
            }
            try await get(app, "/chuong-trinh", holders.tokens[.districtOfficer]!) { res in
                #expect(res.status == .ok && !res.body.string.contains("/chuong-trinh/bao-cao"))
            }
            try await get(app, "/chuong-trinh?ban-do=2025-07-01&don-vi=06652", nil) { res in
                #expect(res.status == .ok && res.body.string.contains("Giá trị của Phường Hà Tu"))
            }
            try await get(app, "/chuong-trinh?ban-do=2024-12-01&don-vi=06652", nil) { res in
                #expect(res.body.string.contains("Giá trị của Phường Hà Phong"))
            }
            try await get(app, "/chuong-trinh?ban-do=2025-07-01&don-vi=193", nil) { res in #expect(res.status == .notFound) }
            try await get(app, "/chuong-trinh?ban-do=hom-qua", nil) { res in #expect(res.status == .badRequest) }

            try await get(app, "/chuong-trinh/bao-cao?loai=tong-ket&dinh-dang=docx", bdt) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.contains("wordprocessingml") == true)
                #expect(res.headers.first(name: .contentDisposition)?.contains("bao-cao-tong-ket-chuong-trinh-2024-2024.docx") == true)
                #expect(res.body.readableBytesView.starts(with: Array("PK".utf8)))
            }
            let before = try await snapshot(app.db)
            try await get(app, "/chuong-trinh/bao-cao?loai=tong-ket&dinh-dang=xlsx", holders.tokens[.districtOfficer]!) { res in
                #expect(res.status == .forbidden)
            }
            try await get(app, "/chuong-trinh/bao-cao?loai=nua-chung", bdt) { res in #expect(res.status == .badRequest) }
            try await get(app, "/chuong-trinh/bao-cao?loai=so-ket&tu=2026&den=2025", bdt) { res in #expect(res.status == .badRequest) }
            #expect(try await snapshot(app.db) == before)
            try await get(app, "/chuong-trinh/bao-cao", nil) { res in #expect(res.status == .seeOther) }
            #expect(try await AuditLog.entries(on: app.db).contains { $0.entity == "report" && $0.entityId.hasPrefix("chuong-trinh-tong-ket") })
        }
    }
}
