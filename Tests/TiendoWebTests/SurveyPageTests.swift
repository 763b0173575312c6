import Foundation
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb
import Vapor
import VaporTesting

/// Ban Dân tộc imports a survey file through the web; everyone reads its results; a bad file or another role changes nothing.
// Serialized: two tests count the scratch files of this one process.
@Suite(.serialized) struct SurveyPageTests {
    static let header = "household_id,commune_code,area,members,ethnic_minority,weight,income_wages,income_agriculture,income_forestry,"
        + "income_fishery,income_business,income_transfers,income_other," + HouseholdRecord.deprivationColumns.joined(separator: ",")

    func multipart(_ session: WebSession, year: String, csv: String) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "----tiendo-survey"
        var body = ""
        for (name, value) in [("csrf_token", session.csrf), ("year", year), ("standard", "qn-nq13-2023")] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dieu-tra.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        return (["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": session.cookieHeader], ByteBuffer(string: body))
    }

    @Test func importThroughTheWebAndReadTheResults() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await DataAPITests().tokens(app)
            let coordinator = try await WebSession.signIn(app, "bdt")
            let zeros = Array(repeating: "0", count: 12).joined(separator: ",")
            let poorFlags = (Array(repeating: "1", count: 3) + Array(repeating: "0", count: 9)).joined(separator: ",")
            let good = [Self.header, "a,06970,,4,1,,10000000,0,0,0,0,0,0,\(poorFlags)", "b,06973,,2,0,2.5,900000000,0,0,0,0,0,0,\(zeros)"]
                .joined(separator: "\n") + "\n"
            let (headers, body) = multipart(coordinator, year: "2024", csv: good)
            try await app.testing().test(.POST, "/ho-gia-dinh", headers: headers, body: body) { res in
                #expect(res.status == .seeOther, "\(res.body.string)")
            }
            try await app.testing().test(.GET, "/ho-gia-dinh/2024") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Xã còn hộ nghèo (1 trên 2 xã có số liệu)"))
                #expect(res.body.string.contains("Thị trấn Ba Chẽ"))
                #expect(res.body.string.contains("<svg"))
            }
            try await app.testing().test(.GET, "/chi-tieu") { res in
                #expect(res.body.string.contains("II.1.2"))
            }
            let district = try await WebSession.signIn(app, "bache")
            let before = try await snapshot(app.db)
            let bad = [Self.header, "a,06970,,4,1,,10000000,0,0,0,0,0,0,\(poorFlags)", "a,99999,,0,1,,x,0,0,0,0,0,0,\(zeros)"].joined(separator: "\n")
            let (badHeaders, badBody) = multipart(coordinator, year: "2024", csv: bad)
            try await app.testing().test(.POST, "/ho-gia-dinh", headers: badHeaders, body: badBody) { res in
                #expect(res.status == .badRequest)
                let page = res.body.string
                #expect(page.contains("Dòng 3, cột commune_code"))
                #expect(page.contains("Dòng 3, cột members"))
                #expect(page.contains("Dòng 3, cột income_wages"))
            }
            let (otherHeaders, otherBody) = multipart(district, year: "2024", csv: good)
            try await app.testing().test(.POST, "/ho-gia-dinh", headers: otherHeaders, body: otherBody) { res in #expect(res.status == .forbidden) }
            #expect(try await snapshot(app.db) == before)
        }
    }

    /// The scratch files of this process whose name says `purpose`.
    static func scratchFiles() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? [])
            .filter { $0.hasPrefix("tiendo-\(getpid())-upload-") })
    }

    /// Who posts is settled before the body: an anonymous post goes to sign-in, a viewer is refused, a session
    /// without its form token is refused after the body, and none of them stores anything or leaves a file behind.
    @Test func uploadsAreRefusedOnWhoPostsAndLeaveNothing() async throws {
        try await withTiendo(.sqlite) { app in
            _ = try await DataAPITests().tokens(app)
            let coordinator = try await WebSession.signIn(app, "bdt")
            let district = try await WebSession.signIn(app, "bache")
            let before = try await snapshot(app.db)
            let files = Self.scratchFiles()
            let csv = Self.header + "\na,06970,,4,1,,10000000,0,0,0,0,0,0," + Array(repeating: "0", count: 12).joined(separator: ",") + "\n"
            var (headers, body) = multipart(coordinator, year: "2023", csv: csv)
            headers.remove(name: .cookie)
            try await app.testing().test(.POST, "/ho-gia-dinh", headers: headers, body: body) { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/dang-nhap?next=%2Fho-gia-dinh")
            }
            (headers, body) = multipart(district, year: "2023", csv: csv)
            try await app.testing().test(.POST, "/ho-gia-dinh", headers: headers, body: body) { res in #expect(res.status == .forbidden) }
            let forged = WebSession(cookie: coordinator.cookie, csrf: "gia-mao")
            (headers, body) = multipart(forged, year: "2023", csv: csv)
            try await app.testing().test(.POST, "/ho-gia-dinh", headers: headers, body: body) { res in
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("CSRF"))
            }
            #expect(try await snapshot(app.db) == before)
            #expect(Self.scratchFiles() == files)
        }
    }

    /// A body past the route's limit is refused with 413 once the limit is passed, whether its size was announced
    /// or not, and its scratch file is gone.
    @Test func anUploadPastItsLimitIsRefusedAndRemoved() async throws {
        try await withTiendo(.sqlite) { app in
            let files = Self.scratchFiles()
            let boundary = "b"
            let part = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\n"
                + String(repeating: "06970,Nguyễn Văn A\n", count: 1000) + "\r\n--\(boundary)--\r\n"
            for announced in [false, true] {
                var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
                if announced { headers.add(name: .contentLength, value: String(part.utf8.count)) }
                let req = Request(application: app, method: .POST, url: "/ho-gia-dinh", headers: headers,
                                  collectedBody: ByteBuffer(string: part), on: app.eventLoopGroup.next())
                let error = await #expect(throws: AppError.self) { _ = try await StreamedForm.receive(req, fileField: "file", maxBytes: 10_000) }
                #expect(error?.httpStatus == 413, "\(String(describing: error))")
                #expect(error?.description.contains("tối đa 9 KB") == true)
            }
            let fits = Request(application: app, method: .POST, url: "/ho-gia-dinh", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                               collectedBody: ByteBuffer(string: part), on: app.eventLoopGroup.next())
            let form = try await StreamedForm.receive(fits, fileField: "file", maxBytes: 100_000)
            #expect(form.fileName == "x.csv")
            #expect(try String(contentsOf: try #require(form.file), encoding: .utf8) == String(repeating: "06970,Nguyễn Văn A\n", count: 1000))
            form.remove()
            #expect(Self.scratchFiles() == files)
        }
    }
}

