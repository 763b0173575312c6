import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// The Báo cáo pages: each reporter downloads only its own drafts, Ban Dân tộc also the consolidated one; every build is audited.
@Suite struct ReportPageTests {
    @Test func draftsWithinScopeAndAudited() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await DataAPITests().tokens(app)
            let district = try await WebSession.signIn(app, "bache"), coordinator = try await WebSession.signIn(app, "bdt")
            let base = "/bao-cao/bao-cao-nam-2024/tai-ve?ky=2024"
            try await app.testing().test(.GET, "/bao-cao/bao-cao-nam-2024", headers: ["Cookie": district.cookieHeader]) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("UBND huyện Ba Chẽ"))
                #expect(!res.body.string.contains("UBND thành phố Hạ Long"))
                #expect(!res.body.string.contains("Báo cáo tổng hợp"))
            }
            try await app.testing().test(.GET, base + "&don-vi=202&dinh-dang=docx", headers: ["Cookie": district.cookieHeader]) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
                #expect(res.headers.first(name: .contentDisposition)?.contains("bao-cao-bao-cao-nam-2024-202-2024.docx") == true)
                #expect(res.body.readableBytes > 5_000)
            }
            let before = try await AuditLog.entries(on: app.db, entity: .report).count
            try await app.testing().test(.GET, base + "&don-vi=193&dinh-dang=docx", headers: ["Cookie": district.cookieHeader]) { res in
                #expect(res.status == .forbidden)
            }
            try await app.testing().test(.GET, base + "&dinh-dang=xlsx", headers: ["Cookie": district.cookieHeader]) { res in
                #expect(res.status == .forbidden)
            }
            #expect(try await AuditLog.entries(on: app.db, entity: .report).count == before)
            try await app.testing().test(.GET, base + "&dinh-dang=xlsx", headers: ["Cookie": coordinator.cookieHeader]) { res in
                #expect(res.status == .ok)
            }
            let audited = try await AuditLog.entries(on: app.db, entity: .report).map { "\($0.actor) \($0.entityId) \($0.newValue ?? "")" }
            #expect(audited == ["bache bao-cao-nam-2024 · 202 · 2024 docx", "bdt bao-cao-nam-2024 · tổng hợp · 2024 xlsx"])
            try await app.testing().test(.GET, "/bao-cao/bao-cao-nam-2024", headers: ["Cookie": coordinator.cookieHeader]) { res in
                #expect(res.body.string.contains("Báo cáo tổng hợp của Ban Dân tộc"))
                #expect(res.body.string.contains("Lập gần nhất:"))
            }
        }
    }
}
