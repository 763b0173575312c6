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
        #expect(line.source.contains("trên 3/\(directory.units.units(at: year.end, level: .commune).count) xã"), "\(line.source)")
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

    /// A half-year report of 2024 judges each target at 30/06/2024 whatever the machine's date: on the path or at
    /// risk, never "đã quá hạn" for a target due 31/12/2024; six months' income is put on a yearly footing.
    @Test func aHalfYearReportReadsTheSameOnAnyMachineDate() throws {
        let half = ReportingPeriod.firstHalf(2024)
        let sixMonths = plan.reportObligations.first { $0.kind != .annual } ?? annual
        // Ba Chẽ's two communes: 1.000 people earning 45 billion đồng in six months (about 90,7 million a year).
        let values = [("06970", 600, 27_000_000_000), ("06973", 400, 18_000_000_000)].flatMap { unit, people, income in
            [DataValue(element: "nhan_khau", unitCode: unit, period: half, value: people),
             DataValue(element: "thu_nhap_ho", unitCode: unit, period: half, value: income)]
        }
        func draft(on today: CivilDate) throws -> ReportDraft {
            try ReportDraft.make(ReportInputs(plan: plan, directory: directory, updates: [], values: values, states: [:], today: today),
                                 obligation: sixMonths, reporter: nil, period: half)
        }
        let then = try draft(on: CivilDate(year: 2024, month: 7, day: 10)!), now = try draft(on: CivilDate(year: 2026, month: 11, day: 30)!)
        #expect(then.indicators.map(\.status) == now.indicators.map(\.status))
        #expect(then.indicators.map(\.reason) == now.indicators.map(\.reason))
        #expect(!now.indicators.contains { $0.reason.contains("quá hạn") })
        let income = try #require(now.indicators.first { $0.code == "II.1.1" })
        // 45.000.000.000 ÷ 1.000 people = 45 million in 182 days, × 366/182 = 90,495 million a year.
        #expect(income.number == Decimal(string: "90.495"))
        #expect(income.reason.contains("quy ra cả năm"))
        #expect(income.assessment == .atRisk || income.assessment == .onTrack)
    }

    /// Long texts are cut between words, never inside one.
    @Test func textsAreShortenedAtAWordBoundary() {
        let text = "Triển khai chính sách hỗ trợ nhà ở theo các Chương trình hỗ trợ nhà ở của Trung ương"
        let short = text.clipped(to: 30)
        #expect(short == "Triển khai chính sách hỗ trợ…")
        #expect(short.count <= 30)
        #expect(text.hasPrefix(String(short.dropLast())))
        #expect("ngắn".clipped(to: 30) == "ngắn")
    }

    /// A unit is named as it stood on the date being shown: Đông Triều became a city on 01/11/2024.
    @Test func namesAreThoseInForceOnTheDate() throws {
        let units = directory.units
        #expect(units.name(of: "205", on: CivilDate(year: 2024, month: 6, day: 30)!) == "Thị xã Đông Triều")
        #expect(units.name(of: "205", on: CivilDate(year: 2024, month: 12, day: 31)!) == "Thành phố Đông Triều")
        let half = try ReportDraft.make(inputs([]), obligation: plan.reportObligations.first { $0.kind != .annual }!, reporter: "205", period: .firstHalf(2024))
        let year = try ReportDraft.make(inputs([]), obligation: annual, reporter: "205", period: .year(2024))
        #expect(half.issuer.name == "UBND THỊ XÃ ĐÔNG TRIỀU", "due \(String(describing: plan.reportObligations.first { $0.kind != .annual }?.dueOn))")
        #expect(year.issuer.name.contains("ĐÔNG TRIỀU"))
        // Its own place and its committee's signature block (NĐ 30/2020), not the province's.
        #expect(half.place == "Đông Triều")
        #expect(half.issuer.authority.split(separator: "\n") == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        // An agency signs as its head is called; every agency of the directory gets a title of its own.
        let signing = Dictionary(uniqueKeysWithValues: directory.agencies.map { ($0.name, ReportDraft.signingAuthority(of: $0.name)) })
        #expect(signing["Sở Y tế"] == "GIÁM ĐỐC" && signing["Ban Dân tộc"] == "TRƯỞNG BAN" && signing["Thanh tra tỉnh"] == "CHÁNH THANH TRA")
        #expect(signing["Hội Liên hiệp Phụ nữ tỉnh"] == "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH" && signing["Tỉnh Đoàn"] == "TM. BAN THƯỜNG VỤ\nBÍ THƯ")
        #expect(!signing.values.contains("THỦ TRƯỞNG CƠ QUAN"), "\(signing.filter { $0.value == "THỦ TRƯỞNG CƠ QUAN" }.keys)")
        let health = try ReportDraft.make(inputs([]), obligation: annual, reporter: "Sở Y tế", period: .year(2024))
        #expect(health.issuer.authority == "GIÁM ĐỐC" && health.place == "Quảng Ninh")
    }
}

