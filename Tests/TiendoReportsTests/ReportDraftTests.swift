import Foundation
import Testing
import TiendoCore
@testable import TiendoReports

/// The report's figures come from the roll-up (checked against sums made here), user text arrives clean, and the
/// same data gives the same file.
@Suite struct ReportDraftTests {
    let plan = try! SeedData.plan()
    let directory = try! SeedData.directory()
    var annual: ReportObligation { plan.reportObligations.first { $0.kind == .annual }! }

    func inputs(_ values: [DataValue], updates: [TaskUpdate] = []) -> ReportInputs {
        ReportInputs(plan: plan, directory: directory, updates: updates, values: values, states: [:], today: CivilDate(year: 2024, month: 12, day: 20)!)
    }

    @Test func figuresAreTheRollUpOfApprovedValues() throws {
        let year = ReportingPeriod.year(2024)
        // Clean water (QCVN) in two Ba Chẽ communes and one Hạ Long ward: 900/1.000, 10/100, 300/400.
        let values = [("06970", 1_000, 900), ("06973", 100, 10), ("06649", 400, 300)].flatMap { unit, whole, part in
            [DataValue(element: "tong_so_ho", unitCode: unit, period: year, value: whole),
             DataValue(element: "ho_nuoc_sach_qcvn", unitCode: unit, period: year, value: part)]
        }
        let definition = try #require(try SeedData.indicatorDefinitions().definitions.first {
            if case .ratio("ho_nuoc_sach_qcvn", "tong_so_ho", _) = $0.formula { return true }
            return false
        })
        let province = try ReportDraft.make(inputs(values), obligation: annual, reporter: nil, period: year)
        let line = try #require(province.indicators.first { $0.code == definition.indicator })
        #expect(line.number == Rational(Decimal(1_210 * 100), Decimal(1_500))!.rounded(definition.scale))   // 80,7 %, not the mean 63,3 %
        #expect(line.source.contains("toàn tỉnh"))
        let district = try ReportDraft.make(inputs(values), obligation: annual, reporter: "202", period: year)
        #expect(district.indicators.first { $0.code == definition.indicator }?.number == Rational(Decimal(910 * 100), Decimal(1_100))!.rounded(definition.scale))
        #expect(district.issuer.name == "UBND HUYỆN BA CHẼ")
        // The annex's province row is the same roll-up as the report's figure.
        let column = try #require(province.unitTable.indicators.firstIndex(of: definition.indicator))
        #expect(province.unitTable.values.last?[column] == line.number)
        #expect(province.missing.count > 0)         // nobody has reported in these inputs
    }

    @Test func userTextIsCleanedAndFilesAreDeterministic() throws {
        let note = "Đã khảo sát xa\u{0303} Lu\u{0323}c Ho\u{0300}n\u{1}\u{B} xong"
        let update = TaskUpdate(id: 1, planId: plan.id, taskCode: "III.4.(2)", reporter: "UBND huyện Ba Chẽ", reporterUnitCode: "202",
                                role: .lead, status: .blocked, progress: 40, note: note, evidenceNumber: "12/BC-UBND", evidenceDate: nil,
                                username: "bache", createdAt: "2024-06-01T01:00:00.000Z")
        let draft = try ReportDraft.make(inputs([], updates: [update]), obligation: annual, reporter: nil, period: .year(2024))
        #expect(draft.difficulties.first?.contains(note) == true)
        let xml = OfficialDocument.runXML(.init(draft.difficulties[0]))
        #expect(xml.contains("Đã khảo sát xã Lục Hòn xong"))
        #expect(!xml.contains("\u{1}"))
        #expect(try ReportFiles.docx(draft) == ReportFiles.docx(draft))
        #expect(try ReportFiles.xlsx(draft) == ReportFiles.xlsx(draft))
    }
}
