import Testing
import TiendoTestSupport
@testable import TiendoWeb
import VaporTesting

/// `/chi-tieu/{code}?ban-do=`: an indicator in the map of the reader's chosen date.
@Suite struct IndicatorPageTests {
    @Test func theMapDateIsChosenAndAWrongOneIsRefused() async throws {
        try await withTiendo(.sqlite) { app in
            try await app.testing().test(.GET, "/chi-tieu/II.6.1?ban-do=2025-07-01") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("<option value=\"2025-07-01\" selected=\"selected\">01/07/2025</option>"))
            }
            try await app.testing().test(.GET, "/chi-tieu/II.6.1?ban-do=2025-13-01") { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("2025-13-01"))
            }
            try await app.testing().test(.GET, "/chi-tieu/II.99.1") { res in #expect(res.status == .notFound) }
            // A control character in the address is refused naming the parameter, never echoed into the page.
            for path in ["/chi-tieu/II.6.1?ban-do=%00x", "/nhiem-vu?ke-hoach=%00x"] {
                try await app.testing().test(.GET, path) { res in
                    #expect(res.status == .badRequest)
                    #expect(res.body.string.contains("ký tự điều khiển U+0") && !res.body.string.contains("\u{0}"))
                }
            }
            try await app.testing().test(.GET, "/chuong-trinh") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("<svg class=\"chart\"") && res.body.string.contains("/ke-hoach?ke-hoach=kh-54-ubnd-2024"))
            }
            // The list links each indicator to its page.
            try await app.testing().test(.GET, "/chi-tieu") { res in #expect(res.body.string.contains("href=\"/chi-tieu/II.6.1\"")) }
        }
    }
}
