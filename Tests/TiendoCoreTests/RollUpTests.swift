import Foundation
import Testing
@testable import TiendoCore

/// Numbers from communes to the province: rates from totals, stocks by their latest value, counts of units,
/// and data of merged communes read in the later map.
@Suite struct RollUpTests {
    let units = try! SeedData.units()
    let year = ReportingPeriod.year(2024)
    let june = CivilDate(year: 2024, month: 6, day: 1)!
    let households = DataElement(code: "tong_so_ho", name: "Tổng số hộ", unit: "hộ", temporal: .stock, level: .commune, source: .units)
    let clean = DataElement(code: "ho_nuoc_sach", name: "Hộ dùng nước sạch", unit: "hộ", temporal: .stock, level: .commune, source: .units)
    let rate = IndicatorDefinition(indicator: "x", formula: .ratio(numerator: "ho_nuoc_sach", denominator: "tong_so_ho", factor: .init(100)), scale: 1)

    func value(_ element: String, _ unit: String, _ v: Int, _ period: ReportingPeriod? = nil) -> DataValue {
        DataValue(element: element, unitCode: unit, period: period ?? year, value: v)
    }

    @Test func aDistrictRateIsItsTotalsNotTheMeanOfCommuneRates() throws {
        // Ba Chẽ (202): one big commune at 90% and one small at 10%.
        let rollUp = RollUp(elements: [households, clean], values: [
            value("tong_so_ho", "06970", 1_000), value("ho_nuoc_sach", "06970", 900),
            value("tong_so_ho", "06973", 100), value("ho_nuoc_sach", "06973", 10),
        ], units: units, structure: june)
        let district = try #require(rollUp.indicator(rate, unit: "202", period: year))
        #expect(district.rounded(1) == Decimal(string: "82.7"))          // 910 / 1.100, not (90 + 10) / 2 = 50
        #expect(district != Rational(50))
        #expect(try #require(rollUp.indicator(rate, unit: "06973", period: year)).rounded(1) == 10)
        #expect(rollUp.value("tong_so_ho", unit: "22", period: year) == 1_100)
    }

    /// A rate sums its two terms over the same units only: a commune that reported villages covered but not its
    /// villages counts in neither and is named; at district and province level alike, never above 100 %.
    @Test func aRateRollsUpOnlyOverUnitsThatReportedBothTerms() throws {
        // Ba Chẽ (202): 06970 reported both; 06973 only the numerator (an agency's count), 06976 only the denominator.
        let rollUp = RollUp(elements: [households, clean], values: [
            value("tong_so_ho", "06970", 10), value("ho_nuoc_sach", "06970", 9),
            value("ho_nuoc_sach", "06973", 12),
            value("tong_so_ho", "06976", 8),
        ], units: units, structure: june)
        for unit in ["202", "22"] {
            let pair = try #require(rollUp.ratio(numerator: "ho_nuoc_sach", denominator: "tong_so_ho", unit: unit, period: year))
            #expect(pair.numerator == 9 && pair.denominator == 10, "\(unit)")
            #expect(try #require(rollUp.indicator(rate, unit: unit, period: year)) == Rational(90))     // not 21/18 = 116,7 %
            #expect(pair.coverage.reported == 1)
            #expect(pair.coverage.incomplete == ["06973", "06976"])
        }
        let district = try #require(rollUp.coverage(rate, unit: "202", period: year))
        #expect(district.vietnamese == "1/\(units.children(of: "202", at: june).count) xã")
        #expect(rollUp.coverage(rate, unit: "06970", period: year) == nil)
    }

    /// Every unit of the map gets every indicator it has data for, each computed from its own totals; checked
    /// against sums written out here, for random figures.
    @Test func theTableOfEveryUnitAgreesWithTotalsComputedByHand() throws {
        var generator = SystemRandomNumberGenerator()
        let communes = units.units(at: june, level: .commune)
        var values: [DataValue] = []
        var byCommune: [String: (Int, Int)] = [:]
        for commune in communes {
            let whole = Int.random(in: 100...3_000, using: &generator), part = Int.random(in: 0...whole, using: &generator)
            values += [value("tong_so_ho", commune.code, whole), value("ho_nuoc_sach", commune.code, part)]
            byCommune[commune.code] = (part, whole)
        }
        let rollUp = RollUp(elements: [households, clean], values: values, units: units, structure: june)
        let table = IndicatorTable.compute([rate], rollUp: rollUp, period: year, baseline: nil)
        #expect(table.count == 1 + 13 + communes.count)
        #expect(table.first?.unitCode == "22")
        for result in table {
            let members = result.level == .commune ? [result.unitCode]
                : communes.filter { result.level == .province || $0.parentCode == result.unitCode }.map(\.code)
            let part = members.reduce(0) { $0 + byCommune[$1]!.0 }, whole = members.reduce(0) { $0 + byCommune[$1]!.1 }
            #expect(result.value == Rational(Decimal(part * 100), Decimal(whole))!, "\(result.unitCode)")
        }
    }

    @Test func stocksTakeTheLatestValueAndFlowsAddUp() {
        let income = DataElement(code: "thu_nhap", name: "Thu nhập", unit: "đồng", temporal: .flow, level: .commune, source: .units)
        let rollUp = RollUp(elements: [households, income], values: [
            value("tong_so_ho", "06649", 500, .quarter(1, 2024)), value("tong_so_ho", "06649", 520, .quarter(3, 2024)),
            value("thu_nhap", "06649", 1_500_000, .quarter(1, 2024)), value("thu_nhap", "06649", 2_000_000, .quarter(2, 2024)),
        ], units: units, structure: june)
        #expect(rollUp.value("tong_so_ho", unit: "06649", period: year) == 520)
        #expect(rollUp.value("tong_so_ho", unit: "06649", period: .firstHalf(2024)) == 500)
        #expect(rollUp.value("thu_nhap", unit: "06649", period: year) == 3_500_000)
        #expect(rollUp.value("thu_nhap", unit: "193", period: year) == 3_500_000)
        #expect(rollUp.value("thu_nhap", unit: "194", period: year) == nil)
    }

    @Test func aLongerReportSupersedesItsPartsInsteadOfAddingTwice() {
        let income = DataElement(code: "thu_nhap", name: "Thu nhập", unit: "đồng", temporal: .flow, level: .commune, source: .units)
        let rollUp = RollUp(elements: [income], values: [
            value("thu_nhap", "06649", 1_000_000, .firstHalf(2024)), value("thu_nhap", "06649", 2_100_000, .year(2024)),
        ], units: units, structure: june)
        #expect(rollUp.value("thu_nhap", unit: "06649", period: year) == 2_100_000)
        #expect(rollUp.value("thu_nhap", unit: "06649", period: .firstHalf(2024)) == 1_000_000)
    }

    @Test func countsAndSharesOfCommunes() throws {
        let poor = DataElement(code: "ho_ngheo", name: "Hộ nghèo", unit: "hộ", temporal: .stock, level: .commune, source: .units)
        let communes = units.children(of: "202", at: june).map(\.code)          // the 8 communes of Ba Chẽ in June 2024
        let values = communes.enumerated().map { i, code in value("ho_ngheo", code, i < 3 ? 2 : 0) }
        let rollUp = RollUp(elements: [poor], values: values, units: units, structure: june)
        let stillPoor = IndicatorDefinition(indicator: "II.1.2", formula: .countUnits(element: "ho_ngheo", level: .commune, comparator: .gt, threshold: 0), scale: 0)
        #expect(rollUp.indicator(stillPoor, unit: "202", period: year) == Rational(3))
        let share = IndicatorDefinition(indicator: "s", formula: .shareOfUnits(element: "ho_ngheo", level: .commune, comparator: .eq, threshold: 0), scale: 1)
        #expect(rollUp.indicator(share, unit: "202", period: year)?.rounded(1) == Decimal(100 * (communes.count - 3)) / Decimal(communes.count))
    }

    @Test func aMergedCommunesDataCountsForItsSuccessorInTheLaterMap() throws {
        // Lương Mông (06985) and Minh Cầm (06991) report in June; read in the December map they are Lương Minh.
        let rollUp = RollUp(elements: [households], values: [
            value("tong_so_ho", "06985", 300, .firstHalf(2024)), value("tong_so_ho", "06991", 200, .firstHalf(2024)),
        ], units: units, structure: CivilDate(year: 2024, month: 12, day: 1)!)
        #expect(rollUp.value("tong_so_ho", unit: "06985", period: year) == 500)
        #expect(rollUp.value("tong_so_ho", unit: "06991", period: year) == nil)
        #expect(rollUp.value("tong_so_ho", unit: "202", period: year) == 500)
    }

    @Test func reductionAgainstTheBaselineYear() throws {
        let nearPoor = DataElement(code: "ho_can_ngheo", name: "Hộ cận nghèo", unit: "hộ", temporal: .stock, level: .commune, source: .units)
        let rollUp = RollUp(elements: [nearPoor], values: [
            value("ho_can_ngheo", "06649", 80, .year(2023)), value("ho_can_ngheo", "06649", 36, .year(2024)),
        ], units: units, structure: june)
        let reduction = IndicatorDefinition(indicator: "II.1.3", formula: .reduction(element: "ho_can_ngheo"), scale: 1)
        #expect(rollUp.indicator(reduction, unit: "22", period: year, baseline: .year(2023)) == Rational(55))
    }

    @Test func everySeedIndicatorHasADefinitionOverKnownElements() throws {
        let plan = try SeedData.plan()
        let (elements, definitions) = try SeedData.indicatorDefinitions()
        let codes = Set(elements.map(\.code))
        #expect(Set(definitions.map(\.indicator)) == Set(plan.targets.flatMap(\.indicators).map(\.code)))
        for definition in definitions {
            for element in definition.formula.elements { #expect(codes.contains(element), "\(definition.indicator): \(element)") }
        }
        let directory = try SeedData.directory()
        for element in elements {
            if case let .agency(name) = element.source { #expect(directory.resolve(name) != nil, "\(element.code): \(name)") }
        }
    }

    @Test func periodsAndCutOffs() {
        #expect(ReportingPeriod.quarter(1, 2024).label == "Quý I/2024")
        #expect(ReportingPeriod.quarter(4, 2024).end.iso == "2024-12-31")
        #expect(ReportingPeriod.month(2, 2024).end.iso == "2024-02-29")
        let sixMonths = ReportingPeriod.sixMonthCutOff(2024)
        #expect(sixMonths.start.iso == "2023-12-15" && sixMonths.end.iso == "2024-06-14")
        #expect(ReportingPeriod.annualCutOff(2024).end.iso == "2024-12-14")
        #expect(ReportingPeriod.year(2024).covers(.quarter(2, 2024)))
        #expect(!ReportingPeriod.firstHalf(2024).covers(.quarter(3, 2024)))
    }
}

/// The status line users read next to each indicator.
@Suite struct TargetStatusTests {
    let plan = try! SeedData.plan()

    @Test func incomeAgainstAStraightLineFromTheBaseline() throws {
        let income = try #require(plan.indicator(code: "II.1.1"))
        let midYear = CivilDate(year: 2024, month: 7, day: 1)!
        // Half a year in, the line from 73,348 (end of 2023) to 100,0 (end of 2024) stands near 86,7.
        let behind = TargetStatus.assess(income, actual: Decimal(string: "84.147"), measuredOn: midYear, today: midYear)
        #expect(behind.status == .atRisk)
        #expect(behind.reason.contains("84,147"))
        let ahead = TargetStatus.assess(income, actual: Decimal(90), measuredOn: midYear, today: midYear)
        #expect(ahead.status == .onTrack)
        let done = TargetStatus.assess(income, actual: Decimal(101), measuredOn: midYear, today: midYear)
        #expect(done.status == .met)
        let late = TargetStatus.assess(income, actual: Decimal(string: "84.147"), measuredOn: CivilDate(year: 2024, month: 12, day: 31)!,
                                       today: CivilDate(year: 2025, month: 3, day: 1)!)
        #expect(late.status == .missed)
        #expect(TargetStatus.assess(income, actual: nil, measuredOn: midYear, today: midYear).status == .noData)
    }

    @Test func aFallingTargetIsMetFromBelow() throws {
        let malnutrition = try #require(plan.indicator(code: "II.4.4"))
        let day = CivilDate(year: 2024, month: 12, day: 31)!
        #expect(TargetStatus.assess(malnutrition, actual: Decimal(string: "10.9"), measuredOn: day, today: day).status == .met)
        #expect(TargetStatus.assess(malnutrition, actual: Decimal(11), measuredOn: day, today: day).status == .atRisk)
    }

    /// 2024 figures read in the map of 01/07/2025: a commune merged whole counts for its successor exactly, a split one
    /// for none of its successors (kept apart, "không phân bổ được"), and the province's total and rate stay the same.
    @Test func figuresOf2024InThe2025Map() throws {
        let units = try SeedData.units(), year = ReportingPeriod.year(2024), june = CivilDate(year: 2024, month: 6, day: 1)!
        let households = DataElement(code: "tong_so_ho", name: "Tổng số hộ", unit: "hộ", temporal: .stock, level: .commune, source: .units)
        let clean = DataElement(code: "ho_nuoc_sach", name: "Hộ dùng nước sạch", unit: "hộ", temporal: .stock, level: .commune, source: .units)
        func value(_ element: String, _ unit: String, _ v: Int) -> DataValue { DataValue(element: element, unitCode: unit, period: year, value: v) }
        let values = [value("tong_so_ho", "06652", 500), value("ho_nuoc_sach", "06652", 450),     // Hà Phong → Hà Tu, whole
                      value("tong_so_ho", "06655", 300), value("ho_nuoc_sach", "06655", 150),     // Hà Khẩu → split in two
                      value("tong_so_ho", "06985", 200), value("ho_nuoc_sach", "06985", 200)]     // Lương Mông → Lương Minh
        let then = RollUp(elements: [households, clean], values: values, units: units, structure: june)
        let now = RollUp(elements: [households, clean], values: values, units: units, structure: CivilDate(year: 2025, month: 7, day: 1)!)
        #expect(now.value("tong_so_ho", unit: "06652", period: year) == 500)
        #expect(now.value("tong_so_ho", unit: "06985", period: year) == 200)
        #expect(now.value("tong_so_ho", unit: "06661", period: year) == nil && now.value("tong_so_ho", unit: "06706", period: year) == nil)
        #expect(now.unallocated("tong_so_ho", period: year).map { "\($0.unit.name) \($0.value)" } == ["Phường Hà Khẩu 300"])
        #expect(now.value("tong_so_ho", unit: "22", period: year) == 1_000 && then.value("tong_so_ho", unit: "22", period: year) == 1_000)
        let before = try #require(then.ratio(numerator: "ho_nuoc_sach", denominator: "tong_so_ho", unit: "22", period: year))
        let after = try #require(now.ratio(numerator: "ho_nuoc_sach", denominator: "tong_so_ho", unit: "22", period: year))
        #expect(before.numerator == 800 && before.denominator == 1_000)
        #expect(after.numerator == before.numerator && after.denominator == before.denominator)
        #expect(after.coverage.reported == 2 && after.coverage.universe == 54)
    }
}
