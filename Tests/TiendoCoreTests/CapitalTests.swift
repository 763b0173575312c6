import Foundation
import Testing
@testable import TiendoCore

/// Money: exact in đồng at every level, with the plan as decided (start-of-year and adjusted), extended capital and
/// transfers; rates as summed part over summed whole; the disbursement deadlines; what the rules refuse.
@Suite struct CapitalTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }
    static func decision(_ n: String, _ date: CivilDate) -> CapitalDecision { CapitalDecision(number: n, date: date, issuer: "UBND tỉnh") }

    let roads = CapitalLine(id: "2024-DA4-GT", year: 2024, project: 4, capitalType: .investment, source: "nstw", origin: .assigned,
                            holder: .agency("Sở Giao thông vận tải"))
    let schools = CapitalLine(id: "2024-DA5-GD", year: 2024, project: 5, capitalType: .recurrent, source: "ns-tinh", origin: .assigned,
                              holder: .agency("Sở Giáo dục và Đào tạo"))
    let carried = CapitalLine(id: "2024-DA4-GT-KD", year: 2024, project: 4, capitalType: .investment, source: "nstw", origin: .extended(from: 2023),
                              holder: .agency("Sở Giao thông vận tải"))

    var events: [CapitalEvent] {
        [CapitalEvent(lineId: roads.id, kind: .assign, amount: Dong(981_947_000_000), decision: Self.decision("1/QĐ-UBND", Self.day(2024, 1, 10))),
         CapitalEvent(lineId: roads.id, kind: .adjust, amount: Dong(900_000_000_001), decision: Self.decision("2/QĐ-UBND", Self.day(2024, 8, 1))),
         CapitalEvent(lineId: roads.id, kind: .transfer, amount: Dong(1), decision: Self.decision("3/QĐ-UBND", Self.day(2024, 9, 1)), target: schools.id),
         CapitalEvent(lineId: roads.id, kind: .allocate, amount: Dong(500_000_000_000), decision: Self.decision("4/QĐ-UBND", Self.day(2024, 2, 1)), target: "III.4.(1).1"),
         CapitalEvent(lineId: schools.id, kind: .assign, amount: Dong(81_947_000_000), decision: Self.decision("5/QĐ-UBND", Self.day(2024, 1, 10))),
         CapitalEvent(lineId: carried.id, kind: .extend, amount: Dong(100_000_000_000), decision: Self.decision("6/QĐ-UBND", Self.day(2024, 1, 20)))]
    }

    var paid: [Disbursement] {
        [Disbursement(lineId: roads.id, month: Self.day(2024, 5, 31), disbursed: Dong(300_000_000_000), reportedBy: "gt"),
         Disbursement(lineId: roads.id, month: Self.day(2024, 9, 30), disbursed: Dong(81_822_000_000), reportedBy: "gt"),
         Disbursement(lineId: carried.id, month: Self.day(2024, 6, 30), disbursed: Dong(40_000_000_000), reportedBy: "gt")]
    }

    @Test func theFunnelIsExactInDongAtEveryLevel() throws {
        let lines = [roads, schools, carried]
        // Before the adjustment: the start-of-year plan; one disbursed month.
        let june = try CapitalFunnel.compute(lines: lines, events: events, disbursements: paid, asOf: Self.day(2024, 6, 30))
        let roadsJune = try #require(june.lines.first { $0.line.id == roads.id })
        #expect(roadsJune.startPlan == Dong(981_947_000_000) && roadsJune.plan == Dong(981_947_000_000) && roadsJune.disbursed == Dong(300_000_000_000))
        // After: adjusted, 1 đồng moved to the schools' line, every đồng accounted for.
        let december = try CapitalFunnel.compute(lines: lines, events: events, disbursements: paid, asOf: Self.day(2024, 12, 31))
        let r = try #require(december.lines.first { $0.line.id == roads.id })
        #expect(r.startPlan == Dong(981_947_000_000) && r.plan == Dong(900_000_000_000) && r.allocated == Dong(500_000_000_000))
        #expect(r.disbursed == Dong(381_822_000_000))
        #expect(december.lines.first { $0.line.id == schools.id }?.plan == Dong(81_947_000_001))
        #expect(december.lines.first { $0.line.id == carried.id }?.plan == Dong(100_000_000_000))
        let total = try december.total()
        #expect(total.plan == Dong(1_081_947_000_001) && total.disbursed == Dong(421_822_000_000) && total.startPlan == Dong(1_063_894_000_000))
        // Dự án 4: two lines summed, the rate of the sums (not the mean of 42,42 % and 40 %).
        let project4 = try #require(try december.totals(by: \.projectName).first { $0.key == "Dự án 4" }?.total)
        #expect(project4.plan == Dong(1_000_000_000_000) && project4.disbursed == Dong(421_822_000_000))
        #expect(project4.rate.vietnamese == "421.822/1.000.000 triệu đồng (42,18 %)")
        #expect(MoneyRate(part: Dong(381_822_000_000), whole: Dong(981_947_000_000)).vietnamese == "381.822/981.947 triệu đồng (38,88 %)")
        #expect(MoneyRate(part: Dong(5), whole: .zero).vietnamese == "0/0 triệu đồng")
    }

    @Test func deadlinesFollowTheOriginOfTheCapital() throws {
        #expect(DisbursementDeadline.standard.due(roads) == Self.day(2025, 1, 31))
        #expect(DisbursementDeadline.standard.due(carried) == Self.day(2024, 12, 31))
        let february = try CapitalFunnel.compute(lines: [roads, carried], events: events, disbursements: paid, asOf: Self.day(2025, 2, 1))
        #expect(february.lines.first { $0.line.id == carried.id }?.lapsed == Dong(60_000_000_000))
        #expect(february.lines.first { $0.line.id == roads.id }?.lapsed == Dong(900_000_000_000 - 381_822_000_000))
        let january = try CapitalFunnel.compute(lines: [roads], events: events, disbursements: paid, asOf: Self.day(2025, 1, 31))
        #expect(january.lines[0].lapsed == .zero)   // the last day is still in time
    }

    @Test func amountsAreWholeDongAndSumsNeverOverflow() throws {
        #expect(Dong(text: "1.500.000")?.value == 1_500_000 && Dong(text: "-250.000")?.value == -250_000)
        #expect(Dong(text: "1,5") == nil && Dong(text: "12a") == nil && Dong(text: "9999999999999999") == nil && Dong(text: "") == nil)
        #expect(Dong(1_500_000).vietnamese == "1.500.000 đồng" && Dong(381_822_499_999).millions() == "381.822")
        #expect(throws: AppError.self) { try Dong(Int.max).adding(Dong(1), what: "giải ngân") }
    }

    @Test func theRulesRefuseWhatCannotBeAndAskWhyForAnOverrun() throws {
        let figures = try CapitalFunnel.compute(lines: [roads], events: events, disbursements: paid, asOf: .distantFuture).lines[0]
        let today = Self.day(2024, 11, 30)
        func month(_ m: Int, _ amount: Int, year: Int = 2024) -> Disbursement {
            Disbursement(lineId: roads.id, month: CivilDate.endOfMonth(m, year: year)!, disbursed: Dong(amount), reportedBy: "gt")
        }
        #expect(try CapitalRules.check(month(10, 1_000), figures: figures, reportedMonths: [], today: today, comment: nil) == nil)
        #expect(throws: AppError.self) { try CapitalRules.check(month(10, -1), figures: figures, reportedMonths: [], today: today, comment: nil) }
        #expect(throws: AppError.self) { try CapitalRules.check(month(12, 1), figures: figures, reportedMonths: [], today: today, comment: nil) }
        #expect(throws: AppError.self) {
            try CapitalRules.check(month(5, 1), figures: figures, reportedMonths: [Self.day(2024, 5, 31)], today: today, comment: nil)
        }
        let over = month(10, 600_000_000_000)
        #expect(throws: AppError.self) { try CapitalRules.check(over, figures: figures, reportedMonths: [], today: today, comment: nil) }
        #expect(try CapitalRules.check(over, figures: figures, reportedMonths: [], today: today, comment: "KH điều chỉnh tăng tháng 12")?.contains("vượt kế hoạch vốn") == true)
        let empty = try CapitalFunnel.compute(lines: [schools], events: [], disbursements: [], asOf: .distantFuture).lines[0]
        #expect(throws: AppError.self) {
            try CapitalRules.check(Disbursement(lineId: schools.id, month: Self.day(2024, 5, 31), disbursed: Dong(1), reportedBy: "x"),
                                   figures: empty, reportedMonths: [], today: today, comment: nil)
        }
        // Decisions: a second giao, an allocation above the plan, a transfer to no line, a negative amount.
        let ids: Set<String> = [roads.id, schools.id]
        func event(_ kind: CapitalEvent.Kind, _ amount: Int, target: String? = nil) -> CapitalEvent {
            CapitalEvent(lineId: roads.id, kind: kind, amount: Dong(amount), decision: Self.decision("9/QĐ-UBND", Self.day(2024, 10, 1)), target: target)
        }
        #expect(throws: AppError.self) { try CapitalRules.check(event(.assign, 1), line: roads, figures: figures, lines: ids) }
        #expect(throws: AppError.self) { try CapitalRules.check(event(.allocate, 400_000_000_001, target: "III.4.(1).2"), line: roads, figures: figures, lines: ids) }
        try CapitalRules.check(event(.allocate, 1, target: "III.4.(1).2"), line: roads, figures: figures, lines: ids)
        #expect(throws: AppError.self) { try CapitalRules.check(event(.transfer, 1, target: "khong-co"), line: roads, figures: figures, lines: ids) }
        #expect(throws: AppError.self) { try CapitalRules.check(event(.adjust, -5), line: roads, figures: figures, lines: ids) }
        #expect(throws: AppError.self) { try CapitalRules.check(event(.adjust, 1), line: roads, figures: figures, lines: ids) }   // below disbursed
        #expect(throws: AppError.self) { try CapitalRules.check(event(.extend, 1), line: roads, figures: figures, lines: ids) }   // not an extended line
    }

    @Test func theWorksThePlanNamesAreReadWithoutFigures() throws {
        let works = InvestmentWork.named(in: try SeedData.plan())
        let names = works.map(\.name)
        #expect(names.contains("Dự án cải tạo, nâng cấp, mở rộng Quốc lộ 279, đoạn từ Km0+00 đến Km8+600"))
        #expect(names.contains("Dự án cải tạo, nâng cấp Đường tỉnh 342, đoạn thuộc địa phận huyện Ba Chẽ"))
        #expect(names.contains("Dự án cải tạo nâng cấp đường tỉnh 333") && names.contains("Dự án cải tạo nâng cấp đường tỉnh 345"))
        #expect(names.contains { $0.hasPrefix("Dự án Cải tạo, xây mới trụ sở các Trạm Y tế") })
        #expect(names.contains("Đầu tư xây dựng mới trụ sở Trung tâm truyền thông tỉnh Quảng Ninh"))
        #expect(!names.contains { $0.hasPrefix("Dự án 4") || $0.hasPrefix("Đề án") })
        let road = try #require(works.first { $0.name.contains("Quốc lộ 279") })
        #expect(road.code == "III.4.(1).1" && road.taskCodes == ["III.4.(1)"] && road.project == 4)
        #expect(works.allSatisfy { $0.totalInvestment == nil && $0.status == nil && $0.investor == nil })
    }

    /// Both sides report a month: the finance figure counts; the months that differ or that one side lacks are listed
    /// with who reported what.
    @Test func holdersAndTheFinanceSideAreReconciled() throws {
        let may = Self.day(2024, 5, 31), june = Self.day(2024, 6, 30), july = Self.day(2024, 7, 31)
        let months = [Disbursement(lineId: roads.id, month: may, disbursed: Dong(300), reportedBy: "sogtvt"),
                      Disbursement(lineId: roads.id, month: may, disbursed: Dong(280), reportedBy: "khobac", source: .finance),
                      Disbursement(lineId: roads.id, month: june, disbursed: Dong(50), reportedBy: "sogtvt"),
                      Disbursement(lineId: roads.id, month: june, disbursed: Dong(50), reportedBy: "khobac", source: .finance),
                      Disbursement(lineId: roads.id, month: july, disbursed: Dong(70), reportedBy: "khobac", source: .finance)]
        let funnel = try CapitalFunnel.compute(lines: [roads], events: events, disbursements: months, asOf: Self.day(2024, 12, 31))
        #expect(funnel.lines[0].disbursed == Dong(280 + 50 + 70))
        // Cumulative to each month the finance side reported: May 300 vs 280, June 350 vs 330, July 350 vs 400.
        let gaps = CapitalReconciliation.differences(months, asOf: Self.day(2024, 12, 31))
        #expect(gaps.map(\.month) == [may, june, july])
        #expect(gaps[0].gap == Dong(-20) && gaps[0].holderBy == ["sogtvt"] && gaps[0].financeBy == ["khobac"])
        #expect(gaps[0].vietnamese == "chênh lệch -20 đồng" && gaps[2].gap == Dong(50))
        #expect(CapitalReconciliation.differences(months, asOf: june).map(\.month) == [may, june])
        // A line only one side reports is listed once, at its latest month.
        let holderOnly = [Disbursement(lineId: schools.id, month: may, disbursed: Dong(5), reportedBy: "sogd"),
                          Disbursement(lineId: schools.id, month: june, disbursed: Dong(5), reportedBy: "sogd")]
        let once = CapitalReconciliation.differences(holderOnly, asOf: july)
        #expect(once.count == 1 && once[0].month == june && once[0].holder == Dong(10) && once[0].vietnamese == "chưa có số liệu tài chính")
        let matching = [Disbursement(lineId: roads.id, month: may, disbursed: Dong(300), reportedBy: "a"),
                        Disbursement(lineId: roads.id, month: june, disbursed: Dong(300), reportedBy: "b", source: .finance)]
        #expect(CapitalReconciliation.differences(matching, asOf: july).isEmpty)   // cumulative 300 = 300
    }

    /// A work's month: refused when it cannot be; a work is followed up when its report is late, its progress is behind
    /// its planned time, or its planned finish has passed.
    @Test func aWorksMonthAndWhenItNeedsFollowingUp() throws {
        let may = Self.day(2024, 5, 31)
        func report(_ month: CivilDate, _ percent: Int, cleared: String? = nil, needed: String? = nil, value: Int = 1_000) -> WorkProgress {
            WorkProgress(workCode: "III.4.(1).1", month: month, valueDone: Dong(value), disbursed: Dong(0), physicalPercent: percent,
                         landCleared: cleared.flatMap(ExactNumber.init), landNeeded: needed.flatMap(ExactNumber.init), reportedBy: "gt")
        }
        let today = Self.day(2024, 6, 26)
        try report(may, 20, cleared: "12,5", needed: "40").check(previous: [], today: today)
        #expect(throws: AppError.self) { try report(may, 20).check(previous: [report(may, 10)], today: today) }          // twice
        #expect(throws: AppError.self) { try report(Self.day(2024, 7, 31), 30).check(previous: [], today: today) }       // future
        #expect(throws: AppError.self) { try report(may, 101).check(previous: [], today: today) }
        #expect(throws: AppError.self) { try report(Self.day(2024, 6, 30), 15).check(previous: [report(may, 20)], today: today) }  // went back
        #expect(throws: AppError.self) { try report(may, 20, cleared: "41", needed: "40").check(previous: [], today: today) }
        #expect(throws: AppError.self) { try report(may, 20, value: -1).check(previous: [], today: today) }

        var work = InvestmentWork(code: "III.4.(1).1", name: "Quốc lộ 279", planId: "kh", taskCodes: ["III.4.(1)"], project: 4)
        #expect(work.followUp([], today: today) == nil)                 // nothing known about it: nothing to ask
        work.status = .underway
        #expect(work.followUp([report(may, 20)], today: today)?.hasPrefix("chưa báo cáo tháng 6/2024") == true)
        #expect(work.followUp([report(may, 20), report(Self.day(2024, 6, 30), 25)], today: today) == nil)
        (work.plannedStart, work.plannedFinish) = (Self.day(2024, 1, 1), Self.day(2024, 12, 31))
        #expect(work.followUp([report(may, 20), report(Self.day(2024, 6, 30), 25)], today: today)?.contains("theo kế hoạch khoảng 48 %") == true)
        #expect(work.followUp([report(may, 60)], today: Self.day(2025, 1, 5)) == "quá hạn hoàn thành 31/12/2024")
        work.status = .finished
        #expect(work.followUp([], today: Self.day(2025, 1, 5)) == nil)
    }

    /// A report's money: by Dự án and capital type, start-of-year and adjusted plans, kéo dài apart, exact sums; a
    /// district's report holds its own and its communes' lines, not another district's; an agency holds its own.
    @Test func aReportsMoneyIsByProjectAndCapitalTypeOverWhatTheReporterHolds() throws {
        let directory = try SeedData.directory()
        let map = Self.day(2024, 1, 1)
        let commune = try #require(directory.units.children(of: "202", at: map).first)   // a commune of Ba Chẽ
        let baChe = CapitalLine(id: "2024-DA1-BC", year: 2024, project: 1, capitalType: .investment, source: "ns-huyen", origin: .assigned,
                                holder: .unit(code: "202", mapDate: map))
        let village = CapitalLine(id: "2024-DA1-XA", year: 2024, project: 1, capitalType: .investment, source: "ns-xa", origin: .assigned,
                                  holder: .unit(code: commune.code, mapDate: map))
        let other = CapitalLine(id: "2024-DA1-HL", year: 2024, project: 1, capitalType: .investment, source: "ns-huyen", origin: .assigned,
                                holder: .unit(code: "193", mapDate: map))
        let lines = [roads, schools, carried, baChe, village, other]
        let more = events + [baChe, village, other].map {
            CapitalEvent(lineId: $0.id, kind: .assign, amount: Dong(1_000_000_001), decision: Self.decision("9/QĐ-UBND", Self.day(2024, 1, 15)))
        }
        let months = paid + [Disbursement(lineId: village.id, month: Self.day(2024, 3, 31), disbursed: Dong(333_333_333), reportedBy: "xa")]
        let funnel = try CapitalFunnel.compute(lines: lines, events: more, disbursements: months, asOf: Self.day(2024, 12, 31))
        var road = InvestmentWork(code: "III.4.(1).1", name: "Quốc lộ 279", planId: "kh", taskCodes: ["III.4.(1)"], project: 4)
        road.investor = .agency("Sở Giao thông vận tải")
        let progress = [WorkProgress(workCode: road.code, month: Self.day(2024, 5, 31), valueDone: Dong(7), disbursed: Dong(5), physicalPercent: 30, reportedBy: "gt"),
                        WorkProgress(workCode: road.code, month: Self.day(2023, 12, 31), valueDone: Dong(1), disbursed: Dong(1), physicalPercent: 10, reportedBy: "gt")]
        func report(_ who: String?) throws -> CapitalReport {
            let speaker = who.flatMap { Reporter.resolve($0, directory: directory, on: Self.day(2024, 12, 31)) }
            return try CapitalReport.make(funnel: funnel, year: 2024, works: [road], progress: progress, directory: directory,
                                          unassignedWorks: who == nil) { $0.belongs(to: speaker, directory: directory, on: Self.day(2024, 12, 31)) }
        }
        let all = try report(nil)
        #expect(all.rows.map { "\($0.project) \($0.capitalType)" } == ["Dự án 1 đầu tư phát triển", "Dự án 4 đầu tư phát triển", "Dự án 5 sự nghiệp"])
        let project4 = all.rows[1]
        #expect(project4.startPlan == Dong(981_947_000_000) && project4.adjustedPlan == Dong(900_000_000_000))
        #expect(project4.extended == Dong(100_000_000_000) && project4.disbursed == Dong(421_822_000_000))
        #expect(try project4.rate().vietnamese == "421.822/1.000.000 triệu đồng (42,18 %)")
        #expect(all.total.adjustedPlan == Dong(900_000_000_000 + 81_947_000_001 + 3_000_000_003) && all.lineCount == 6)
        #expect(all.works.count == 1 && all.works[0].yearPlan == Dong(500_000_000_000))
        #expect(all.works[0].valueDone == Dong(7) && all.works[0].disbursed == Dong(5) && all.works[0].physicalPercent == 30)   // 2023's month is not this year's
        let district = try report("202")
        #expect(district.lineCount == 2 && district.total.adjustedPlan == Dong(2_000_000_002) && district.total.disbursed == Dong(333_333_333))
        #expect(district.works.isEmpty)
        let agency = try report("Sở Giao thông vận tải")
        #expect(agency.lineCount == 2 && agency.rows.count == 1 && agency.works.count == 1)
        #expect(try agency.sentences()[0].contains("giải ngân 421.822/1.000.000 triệu đồng (42,18 %)"))
        #expect(try report("Sở Y tế").sentences() == ["Chưa có kế hoạch vốn năm 2024 được ghi nhận (chưa có quyết định giao vốn nào được nhập vào hệ thống)."])
    }

    /// Millions and percentages are printed by integer arithmetic; they equal the exact rationals' rounding (half away
    /// from zero) for every amount, at the halves too.
    @Test func integerFormattingEqualsTheExactRounding() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(truncatingIfNeeded: seed >> 11) }
        let halves = [500_000, 1_500_000, -500_000, -2_500_000, 499_999, -499_999, 0, 999_999_999_999_500_000]
        for value in halves + (0..<3_000).map({ _ in next() % 2_000_000_000_000_000 }) {
            #expect(Dong(value).millions() == ExactNumber(Rational(Decimal(value), 1_000_000)!.rounded(0)).vietnamese, "\(value)")
        }
        for _ in 0..<3_000 {
            let part = next() % 1_000_000_000_000_000, whole = 1 + abs(next() % 1_000_000_000_000_000)
            let rate = MoneyRate(part: Dong(part), whole: Dong(whole))
            let exact = NSDecimalNumber(decimal: rate.percent! * 100).intValue
            let expected = (exact < 0 ? "-" : "") + ExactNumber(Decimal(abs(exact) / 100)).vietnamese + "," + String(format: "%02d", abs(exact) % 100)
            #expect(rate.percentText == expected, "\(part)/\(whole)")
        }
        #expect(MoneyRate(part: Dong(1), whole: Dong(8)).percentText == "12,50" && MoneyRate(part: Dong(1), whole: Dong(200_000)).percentText == "0,00")
        #expect(MoneyRate(part: Dong(1), whole: Dong(20_000)).percentText == "0,01")   // 0,005 % rounds away from zero
    }
}
