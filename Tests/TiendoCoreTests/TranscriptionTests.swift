import Foundation
import Testing
@testable import TiendoCore

/// The seed file must say what Kế hoạch 54/KH-UBND says: counts, words, assignees and dates.
@Suite struct TranscriptionTests {
    let plan = try! SeedData.plan()

    @Test func planIdentity() {
        #expect(plan.plan.number == "54/KH-UBND")
        #expect(plan.plan.issuedOn == CivilDate(year: 2024, month: 2, day: 23))
        #expect(plan.plan.issuer == "UBND tỉnh Quảng Ninh")
        #expect(plan.plan.signer == "Vũ Văn Diện")
        #expect(plan.plan.year == 2024)
        #expect(plan.plan.basis == ["1719/QĐ-TTg", "06-NQ/TU", "16/2021/NQ-HĐND"])
        #expect(plan.plan.title.hasPrefix("THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA"))
    }

    @Test func structureCounts() {
        #expect(plan.targets.count == 10)
        #expect(plan.targets.map(\.code) == (1...10).map { "II.\($0)" })
        #expect(plan.taskGroups.map { $0.tasks.count } == [8, 5, 9, 6, 6, 4, 5, 5, 2, 6, 4])
        #expect(plan.sectionTasks.count == 60)
        #expect(plan.appendix.count == 31)
        #expect(plan.appendix.map(\.number) == Array(1...31))
        #expect(plan.appendixGroups.map(\.code) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"])
        #expect(plan.reportObligations.filter { $0.dueOn != nil }.count == 3)
        #expect(plan.reportObligations.count == 4)
        #expect(plan.footnotes.count == 2)
    }

    @Test func everyTaskOfGroupsTwoToTenHasALead() {
        for group in plan.taskGroups where (2...11).contains(group.number) {
            for task in group.tasks { #expect(!task.leads.isEmpty, "\(task.code) has no lead") }
        }
        for row in plan.appendix { #expect(!row.leads.isEmpty, "PL.\(row.number) has no lead") }
    }

    @Test func projectsOfTaskGroups() {
        let projects = plan.taskGroups.map(\.projects)
        #expect(projects == [[], [1, 2], [3], [4], [5], [6], [7], [8], [9], [10], []])
        #expect(plan.taskGroups[8].subproject == 2)
    }

    @Test func spotChecksOfSectionThree() throws {
        let task = { (code: String) in try #require(plan.sectionTasks.first { $0.code == code }) }
        let t24 = try task("III.2.(4)")
        #expect(t24.text.hasPrefix("Phê duyệt và triển khai thực hiện Đề án cấp nước sạch nông thôn"))
        #expect(t24.leads.map(\.assignee) == ["Sở Xây dựng", "UBND các huyện, thị xã, thành phố"])
        let t37 = try task("III.3.(7)")
        #expect(t37.leads.map(\.assignee) == ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Công Thương",
                                              "Văn phòng Điều phối nông thôn mới tỉnh", "Liên minh Hợp tác xã tỉnh",
                                              "UBND các huyện, thị xã, thành phố"])
        #expect(t37.leads[1].asWritten == "Sở Công thương")
        let t72 = try task("III.7.(2)")
        #expect(t72.text.contains("dưới 10,8%"))
        #expect(t72.leads.map(\.assignee) == ["Sở Y tế"])
        #expect(t72.coordinators.map(\.assignee) == ["Sở Lao động - Thương binh và Xã hội", "Bảo hiểm xã hội tỉnh",
                                                     "UBND các huyện, thị xã, thành phố"])
        #expect(try task("III.7.(5)").leads.map(\.assignee) == ["Hội Liên hiệp Phụ nữ tỉnh"])
        #expect(try task("III.7.(5)").leads[0].asWritten == "Đề nghị Hội Liên hiệp Phụ nữ tỉnh")
        #expect(try task("III.11.(4)").leads.map(\.assignee) == ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"])
        #expect(try task("III.10.(6)").leads.count == 3)
        #expect(try task("III.1.(6)").text.hasSuffix("Chương hình."))
        #expect(try task("III.3.(9)").leads.map(\.assignee) == ["Chi nhánh Ngân hàng Chính sách xã hội tỉnh"])
    }

    @Test func spotChecksOfTheAppendix() throws {
        let row = { (n: Int) in plan.appendix[n - 1] }
        #expect(row(1).leads.count == 3 && row(1).coordinators.isEmpty)
        #expect(row(1).deadline.date == CivilDate(year: 2024, month: 3, day: 31))
        #expect(row(3).deadline.kind == .recurring)
        #expect(row(6).leads.map(\.assignee) == ["Cục Thống kê tỉnh"])
        #expect(row(6).deadline.date == CivilDate(year: 2024, month: 12, day: 31))
        #expect(row(10).leads.map(\.assignee) == ["Sở Xây dựng"])
        #expect(row(10).leads[0].asWritten == "Xây dựng")
        #expect(row(10).relatedTasks == ["III.2.(4)"])
        #expect(row(13).leads.map(\.note) == ["nội dung (1)", "nội dung (2)"])
        #expect(row(15).leads.map(\.assignee) == ["Sở Công Thương"])
        #expect(row(15).deadline.date == CivilDate(year: 2024, month: 6, day: 30))
        #expect(row(20).leads.compactMap(\.unitCode) == ["193", "196", "195", "205", "201", "200"])
        #expect(row(25).leads.map(\.assignee) == ["UBND huyện Bình Liêu"])
        #expect(row(27).leads.map(\.assignee) == ["Hội Liên hiệp Phụ nữ tỉnh"])
        #expect(row(29).deadline.date == CivilDate(year: 2024, month: 2, day: 29))
        #expect(row(31).text.hasPrefix("Thực hiện công tác tuyên truyền, phổ biến, giáo dục pháp luật"))
        #expect(row(2).deadline.date == CivilDate(year: 2024, month: 9, day: 30))
    }

    @Test func appendixLinksPointAtRealTasks() {
        let codes = Set(plan.sectionTasks.map(\.code))
        for row in plan.appendix {
            for code in row.relatedTasks { #expect(codes.contains(code), "PL.\(row.number) → \(code)") }
        }
    }

    @Test func reportObligations() {
        let dated = plan.reportObligations.compactMap(\.dueOn)
        #expect(dated == [CivilDate(year: 2024, month: 3, day: 31)!, CivilDate(year: 2024, month: 5, day: 15)!,
                          CivilDate(year: 2024, month: 11, day: 15)!])
        #expect(plan.reportObligations.last?.deadline.kind == .onRequest)
        #expect(plan.reportObligations.allSatisfy { $0.via == "Ban Dân tộc" && $0.receiver == "UBND tỉnh" })
    }

    @Test func indicatorsCarryTargetsAndBaselines() throws {
        let income = try #require(plan.indicator(code: "II.1.1"))
        #expect(income.targetValue == ExactNumber("100.0"))
        #expect(income.baseline?.value == ExactNumber("73.348"))
        #expect(income.baseline?.year == 2023)
        #expect(income.comparator == .about)           // "đạt khoảng 100,0", kept as said, not a silent "≥"
        #expect(income.unit == "triệu đồng/người/năm")
        // 73,348 + 26,652 = 100,0: the baseline is what the plan's own arithmetic implies.
        #expect(income.baseline!.value.decimal + Decimal(string: "26.652")! == income.targetValue.decimal)
        #expect(try #require(plan.indicator(code: "II.6.1")).targetValue == ExactNumber("99.9"))
        #expect(try #require(plan.indicator(code: "II.3.5")).comparator == .gte)
        #expect(plan.targets.allSatisfy { !$0.indicators.isEmpty })
    }

    /// Each comparator as the sentence means it: a number or a 100 % to reach is met at or above it ("tại 15 xã",
    /// "04 làng", "100% cơ sở"), "trên" is strictly above, "dưới" strictly below, "không còn" an upper limit of 0.
    @Test func comparatorsReadAsThePlanMeansThem() throws {
        let expected: [String: TiendoCore.Comparator] = ["II.1.1": .about, "II.1.2": .lte, "II.1.3": .gte, "II.1.4": .gte, "II.3.5": .gte,
                                              "II.4.3": .gt, "II.4.4": .lt, "II.6.1": .gt, "II.7.1": .gte, "II.8.1": .gte, "II.8.2": .gte]
        for (code, comparator) in expected { #expect(try #require(plan.indicator(code: code)).comparator == comparator, "\(code)") }
        #expect(plan.targets.flatMap(\.indicators).allSatisfy { $0.comparator != .eq })
        let income = try #require(plan.indicator(code: "II.1.1"))
        #expect(income.readings.map(\.comparator) == [.about, .gt])
        #expect(income.readings.map(\.sourceClause) == ["II.1", "III.1.(1)"])
        #expect(income.comparator.isMet(actual: ExactNumber(Decimal(string: "98.5")!), target: income.targetValue))
        #expect(!income.comparator.isMet(actual: ExactNumber(Decimal(string: "97.9")!), target: income.targetValue))
        let fifteen = try #require(plan.indicator(code: "II.8.1"))
        #expect(fifteen.comparator.isMet(actual: ExactNumber(45), target: fifteen.targetValue))
        #expect(!fifteen.comparator.isMet(actual: ExactNumber(14), target: fifteen.targetValue))
    }

    @Test func malnutritionKeepsBothReadings() throws {
        let indicator = try #require(plan.indicator(code: "II.4.4"))
        #expect(indicator.readings.map(\.targetValue) == [ExactNumber("11")!, ExactNumber("10.8")!])
        #expect(indicator.readings.map(\.sourceClause) == ["II.4", "III.7.(2)"])
        let flagged = try #require(plan.inconsistencies.first { $0.id == indicator.inconsistency })
        #expect(flagged.clauses == ["II.4", "III.7.(2)"])
    }

    @Test func legalDocumentsAndTheirCitations() throws {
        let doc = { (n: String) in try #require(plan.legalDocuments.first { $0.number == n }) }
        let d1719 = try doc("1719/QĐ-TTg")
        #expect(d1719.issuedOn == CivilDate(year: 2021, month: 10, day: 14))
        #expect(d1719.type == "Quyết định")
        #expect(d1719.issuerCode == "TTg")
        #expect(try doc("55/2023/TT-BTC").citedIn == ["IV.2"])
        #expect(try doc("161/KH-UBND").citedIn.contains("PL.26"))
        #expect(try doc("06-NQ/TU").citedIn.count >= 5)
        #expect(plan.legalDocuments.count >= 55)
        #expect(!plan.legalDocuments.contains { $0.number == "54/KH-UBND" })
    }

    @Test func placesAreLinkedToUnitsInForceOnThePlanDate() throws {
        let units = try SeedData.units()
        #expect(plan.places.filter { $0.sourceClause == "footnote 1" }.count == 15)
        #expect(plan.places.filter { $0.sourceClause == "footnote 2" }.count == 4)
        for place in plan.places {
            let unit = try #require(units.unit(code: place.unitCode, at: plan.plan.issuedOn), "\(place.name)")
            if place.level != .village { #expect(unit.shortName == place.name, "\(place.name) ≠ \(unit.name)") }
        }
        let luongMong = try #require(plan.places.first { $0.name == "Lương Mông" })
        #expect(luongMong.unitCode == "06985")
    }

    @Test func everyAssigneeResolves() throws {
        let directory = try SeedData.directory()
        let all = plan.sectionTasks.flatMap(\.assignments) + plan.appendix.flatMap(\.assignments)
        for assignment in all {
            #expect(directory.resolve(assignment.assignee) != nil, "\(assignment.assignee)")
            guard assignment.unitCode == nil else {
                #expect(directory.units.unit(code: assignment.unitCode!, at: plan.plan.issuedOn)?.committeeName == assignment.assignee)
                continue
            }
            #expect(directory.resolve(assignment.asWritten) != nil || assignment.note != nil
                    || assignment.asWritten.contains("chủ trì") || assignment.asWritten.contains("phối hợp"),
                    "\(assignment.asWritten)")
        }
    }

    @Test func textsAreVerbatimFromTheSeed() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/seed/KH-54-UBND-2024-QuangNinh.txt").standardized
        let source = try String(contentsOf: url, encoding: .utf8)
        let text = source.precomposedStringWithCanonicalMapping
        for task in plan.sectionTasks { #expect(text.contains(task.text), "\(task.code)") }
        for row in plan.appendix { #expect(text.contains(row.text), "PL.\(row.number)") }
        for target in plan.targets { #expect(text.contains(target.text), "\(target.code)") }
    }
}
