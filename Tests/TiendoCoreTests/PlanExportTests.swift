import Foundation
import Testing
@testable import TiendoCore

/// The export is read by other tools: its field names and value types are a contract.
@Suite struct PlanExportTests {
    let plan = try! SeedData.plan()

    func exported() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: PlanExport(plan).json()) as? [String: Any])
    }

    @Test func headerFields() throws {
        let header = try #require(try exported()["plan"] as? [String: Any])
        #expect(header["number"] as? String == "54/KH-UBND")
        #expect(header["issuedOn"] as? String == "2024-02-23")
        #expect(header["issuer"] as? String == "UBND tỉnh Quảng Ninh")
        #expect(header["signer"] as? String == "Vũ Văn Diện")
    }

    /// The plan's signature block, "Nơi nhận" and its appendix's title travel with it.
    @Test func theDocumentsOwnFramingIsExported() throws {
        let plan = try #require(try exported()["plan"] as? [String: Any])
        #expect(plan["signatureBlock"] as? [String] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        #expect((plan["recipients"] as? [String])?.first == "Ủy ban Dân tộc;")
        #expect((plan["appendixTitle"] as? [String])?.dropFirst().first == "PHÂN CÔNG THỰC HIỆN MỘT SỐ NHIỆM VỤ CỤ THỂ")
    }

    @Test func indicatorsAreNumbers() throws {
        let targets = try #require(try exported()["targets"] as? [[String: Any]])
        let income = try #require((targets[0]["indicators"] as? [[String: Any]])?.first)
        #expect(income["targetValue"] as? Double == 100)
        #expect(income["baseline"] as? Double == 73.348)
        #expect(income["comparator"] as? String == "≈")     // "đạt khoảng 100,0"
        #expect(income["dueOn"] as? String == "2024-12-31")
        let water = try #require((targets[5]["indicators"] as? [[String: Any]])?.first)
        #expect(water["baseline"] is NSNull)
    }

    @Test func exportBytesAreExact() throws {
        let text = String(decoding: try PlanExport(plan).json(), as: UTF8.self)
        #expect(text.contains("\"targetValue\" : 99.9"))
        #expect(text.contains("\"targetValue\" : 10.8"))
        #expect(text.contains("\"code\" : \"III.2.(4)\""))
    }

    @Test func tasksAndAppendixShape() throws {
        let root = try exported()
        let groups = try #require(root["taskGroups"] as? [[String: Any]])
        #expect(groups[1]["projects"] as? [Int] == [1, 2])
        let tasks = try #require(groups[1]["tasks"] as? [[String: Any]])
        #expect(tasks[3]["leads"] as? [String] == ["Sở Xây dựng", "UBND các huyện, thị xã, thành phố"])
        let appendix = try #require(root["appendix"] as? [[String: Any]])
        #expect(appendix.count == 31)
        let row10 = appendix[9]
        #expect(row10["leads"] as? [String] == ["Sở Xây dựng"])
        let deadline = try #require(row10["deadline"] as? [String: Any])
        #expect(deadline["text"] as? String == "Quý I/2024")
        #expect(deadline["date"] as? String == "2024-03-31")
        #expect(deadline["kind"] as? String == "quarter")
        let obligations = try #require(root["reportObligations"] as? [[String: Any]])
        #expect(obligations.map { $0["dueOn"] as? String } == ["2024-03-31", "2024-05-15", "2024-11-15", nil])
        let documents = try #require(root["legalDocuments"] as? [[String: Any]])
        #expect(documents.contains { $0["number"] as? String == "1719/QĐ-TTg" && $0["issuedOn"] as? String == "2021-10-14" })
    }

    @Test func csvOpensInExcel() throws {
        let listings = try TaskQuery.run(plan, directory: SeedData.directory(), filter: TaskFilter())
        let csv = PlanCSV.tasks(listings)
        #expect(csv.hasPrefix("\u{FEFF}Nguồn,Mã,Nhóm,Nội dung"))
        #expect(csv.components(separatedBy: "\r\n").count == 91 + 2)
        #expect(csv.contains("Phụ lục,PL.10,II,Trình phê duyệt"))
        #expect(csv.contains(",Quý I/2024,31/03/2024,quarter,"))
        #expect(PlanCSV.quote("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(PlanCSV.quote("=1+1") == "'=1+1")
        #expect(PlanCSV.quote("- Ủy ban") == "'- Ủy ban")
    }
}
