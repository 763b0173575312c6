import Foundation
import Testing
@testable import TiendoCore

/// Each validation rule, both ways.
@Suite struct DataValidationTests {
    let year = ReportingPeriod.year(2024)
    let seed = try! SeedData.indicatorDefinitions()
    var definitions: [IndicatorDefinition] { seed.definitions }
    var elements: [String: DataElement] { Dictionary(uniqueKeysWithValues: seed.elements.map { ($0.code, $0) }) }

    func v(_ element: String, _ value: Int, _ period: ReportingPeriod? = nil, unit: String = "06649") -> DataValue {
        DataValue(element: element, unitCode: unit, period: period ?? year, value: value)
    }

    func rules(_ batch: [DataValue], history: [DataValue] = [], totals: [String: Int] = [:], yearValues: [DataValue] = []) -> [String] {
        DataValidation.check(batch, elements: elements, definitions: definitions, history: history,
                             communeTotals: totals, yearValues: yearValues).map(\.rule)
    }

    @Test func rangesAndTypes() {
        #expect(rules([v("tong_so_ho", 500)]).isEmpty)
        #expect(rules([v("tong_so_ho", -1)]) == ["range"])
        #expect(rules([v("xa_dat_yte_2020", 1)]).isEmpty)
        #expect(rules([v("xa_dat_yte_2020", 2)]) == ["range"])
        #expect(rules([v("khong_co", 1)]) == ["element"])
    }

    @Test func numeratorNotAboveDenominator() {
        #expect(rules([v("tong_so_ho", 500), v("ho_nuoc_sach_qcvn", 400)]).isEmpty)
        #expect(rules([v("tong_so_ho", 500), v("ho_nuoc_sach_qcvn", 501)]) == ["ratio"])
    }

    /// A rate's numerator without its denominator, when one reporter enters both, cannot be submitted; when an
    /// agency enters the numerator and the commune the denominator, each submits alone.
    @Test func aRatesNumeratorNeedsItsDenominator() {
        #expect(rules([v("ho_nuoc_sach_qcvn", 400)]) == ["pair"])
        #expect(rules([v("ho_nuoc_sach_qcvn", 400), v("tong_so_ho", 500)]).isEmpty)
        #expect(rules([v("tong_so_ho", 500)]).isEmpty)
        #expect(rules([v("thon_phu_song", 7)]).isEmpty)
    }

    @Test func districtTotalAgainstItsCommunes() {
        let issues = DataValidation.check([v("tong_so_ho", 1_000, unit: "202")], elements: elements, definitions: definitions,
                                          communeTotals: ["tong_so_ho": 990])
        #expect(issues.map(\.severity) == [.warning])
        #expect(rules([v("tong_so_ho", 990, unit: "202")], totals: ["tong_so_ho": 990]).isEmpty)
    }

    @Test func sixMonthsNotAboveTheYear() {
        let whole = [v("thu_nhap_ho", 1_000_000)]
        let people = v("nhan_khau", 10, .firstHalf(2024))
        #expect(rules([v("thu_nhap_ho", 400_000, .firstHalf(2024)), people], yearValues: whole).isEmpty)
        #expect(rules([v("thu_nhap_ho", 1_200_000, .firstHalf(2024)), people], yearValues: whole) == ["cumulative"])
    }

    @Test func outliersAgainstTheUnitsOwnHistory() {
        let history = [2021, 2022, 2023].map { v("tong_so_ho", 500 + $0 % 3, .year($0)) }
        #expect(rules([v("tong_so_ho", 520)], history: history).isEmpty)
        #expect(rules([v("tong_so_ho", 5_200)], history: history) == ["outlier"])
        #expect(rules([v("tong_so_ho", 5_200)], history: Array(history.prefix(1))).isEmpty)   // too little history to judge
    }
}

/// The approval state machine: every allowed and forbidden step, with scopes.
@Suite struct ApprovalWorkflowTests {
    let commune = Principal(username: "xa", grants: [RoleGrant(role: .communeOfficer, scope: "06970")])
    let district = Principal(username: "huyen", grants: [RoleGrant(role: .districtOfficer, scope: "202")])
    let otherDistrict = Principal(username: "khac", grants: [RoleGrant(role: .districtOfficer, scope: "193")])
    let coordinator = Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)])
    let viewer = Principal(username: "xem", grants: [RoleGrant(role: .viewer)])

    func step(_ action: SubmissionAction, _ state: SubmissionState, _ who: Principal, comment: String? = nil,
              reporter: String = "06970", level: AdminLevel = .commune) -> SubmissionState? {
        guard (try? action.requireReason(comment)) != nil else { return nil }
        return try? ApprovalWorkflow.next(action, from: state, by: who,
                                          reporter: .unit(code: reporter, level: level, district: level == .commune ? "202" : nil,
                                                          era: Self.firstMap)).get()
    }

    static let firstMap = MapEra(from: nil, to: CivilDate(year: 2025, month: 7, day: 1))

    /// From 01/07/2025 a commune sits directly under the province: Ban Dân tộc approves what it sends. A code is read in
    /// its map: 06652 is Phường Hà Phong in 2024 and Phường Hà Tu in 2025, and one's officer is not the other's.
    @Test func aCommuneOfTheNewMapHasNoDistrictAndItsCodeIsReadInItsMap() throws {
        let directory = try SeedData.directory(), units = directory.units
        let july2025 = try #require(CivilDate(year: 2025, month: 7, day: 1))
        let haTu = try #require(units.unit(code: "06652", at: july2025))
        let haPhong = try #require(units.unit(code: "06652", at: CivilDate(year: 2024, month: 12, day: 1)!))
        #expect(haTu.name == "Phường Hà Tu" && haPhong.name == "Phường Hà Phong")
        let new = Reporter(haTu, in: units), old = Reporter(haPhong, in: units)
        #expect(new.district == nil && old.district == "193")

        let officer2025 = Principal(username: "hatu", grants: [try RoleGrant.make(role: .communeOfficer, scope: "06652", directory: directory, asOf: july2025)])
        let officer2024 = Principal(username: "haphong", grants: [try RoleGrant.make(role: .communeOfficer, scope: "06652", directory: directory,
                                                                                   asOf: CivilDate(year: 2024, month: 6, day: 1)!)])
        let legacy = Principal(username: "cu", grants: [RoleGrant(role: .communeOfficer, scope: "06652")])   // granted before map days were kept
        func next(_ action: SubmissionAction, _ state: SubmissionState, _ who: Principal, _ reporter: Reporter) -> SubmissionState? {
            try? ApprovalWorkflow.next(action, from: state, by: who, reporter: reporter).get()
        }
        #expect(next(.submit, .draft, officer2025, new) == .submitted)
        #expect(next(.submit, .draft, officer2025, old) == nil)
        #expect(next(.submit, .draft, officer2024, old) == .submitted)
        #expect(next(.submit, .draft, officer2024, new) == nil)
        #expect(next(.submit, .draft, legacy, old) == .submitted)
        #expect(next(.submit, .draft, legacy, new) == nil)
        #expect(!Policy.can(officer2025, .speakFor(old)) && Policy.can(officer2025, .speakFor(new)))
        #expect(next(.approve, .submitted, coordinator, new) == .approved)
        #expect(next(.approve, .submitted, coordinator, old) == nil)   // a 2024 commune: its district first
        #expect(next(.return, .submitted, coordinator, new) == .returned)
        // A 2024 code granted today names the 2024 unit it last was, kept with a day of that map.
        let today = try RoleGrant.make(role: .communeOfficer, scope: "06700", directory: directory, asOf: CivilDate(year: 2026, month: 11, day: 30)!)
        #expect(today.mapDate == CivilDate(year: 2025, month: 6, day: 30))
    }

    @Test func theWholeWayUpForACommune() {
        #expect(step(.edit, .draft, commune) == .draft)
        #expect(step(.submit, .draft, commune) == .submitted)
        #expect(step(.approve, .submitted, commune) == nil)            // nobody approves their own figures
        #expect(step(.approve, .submitted, otherDistrict) == nil)      // another district cannot
        #expect(step(.approve, .submitted, coordinator) == nil)        // the district approves a commune first
        #expect(step(.approve, .submitted, district) == .districtApproved)
        #expect(step(.approve, .districtApproved, district) == nil)
        #expect(step(.approve, .districtApproved, coordinator) == .approved)
    }

    @Test func returnsNeedAReasonAndTheRightLevel() {
        #expect(step(.return, .submitted, district) == nil)
        #expect(step(.return, .submitted, district, comment: "Thiếu số hộ") == .returned)
        #expect(step(.return, .submitted, commune, comment: "x") == nil)
        #expect(step(.return, .districtApproved, district, comment: "x") == nil)
        #expect(step(.return, .districtApproved, coordinator, comment: "Sai mẫu số") == .returned)
        #expect(step(.edit, .returned, commune) == .draft)
        #expect(step(.submit, .returned, commune) == .submitted)
    }

    @Test func approvedFiguresAreLockedUntilReopenedWithAReason() {
        #expect(SubmissionState.approved.isLocked)
        #expect(step(.edit, .approved, commune) == nil)
        #expect(step(.edit, .approved, coordinator) == nil)
        #expect(step(.reopen, .approved, district, comment: "x") == nil)
        #expect(step(.reopen, .approved, coordinator) == nil)
        #expect(step(.reopen, .approved, coordinator, comment: "Cục Thống kê điều chỉnh") == .draft)
    }

    @Test func districtAndAgencyFiguresGoStraightToTheProvince() {
        #expect(step(.submit, .draft, district, reporter: "202", level: .district) == .submitted)
        #expect(step(.approve, .submitted, district, reporter: "202", level: .district) == nil)
        #expect(step(.approve, .submitted, coordinator, reporter: "202", level: .district) == .approved)
        let agency = Principal(username: "yte", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Y tế")])
        #expect((try? ApprovalWorkflow.next(.submit, from: .draft, by: agency, reporter: .agency(name: "Sở Y tế")).get()) == .submitted)
        #expect(Policy.can(agency, .submission(.submit, state: .draft, reporter: .agency(name: "Sở Y tế"))))
        #expect(!Policy.can(agency, .submission(.submit, state: .draft, reporter: .agency(name: "Sở Giáo dục và Đào tạo"))))
    }

    @Test func viewersChangeNothing() {
        for action in SubmissionAction.allCases {
            for state in SubmissionState.allCases {
                #expect(step(action, state, viewer, comment: "x") == nil, "\(action) \(state)")
            }
        }
    }
}

/// Expected, submitted, on time, late, missing, across the 2024 mergers.
@Suite struct CompletenessTests {
    let units = try! SeedData.units()

    @Test func districtsOnTimeLateAndMissing() {
        let due = CivilDate(year: 2024, month: 5, day: 15)!
        let result = Completeness.compute(dueOn: due, level: .district, agencies: ["Sở Y tế"], units: units,
                                          submissions: ["193": CivilDate(year: 2024, month: 5, day: 10)!,
                                                        "198": CivilDate(year: 2024, month: 5, day: 20)!,
                                                        "Sở Y tế": due],
                                          today: CivilDate(year: 2024, month: 6, day: 1)!)
        #expect(result.expected == 14)
        #expect(result.onTime == 2)
        #expect(result.late == 1)
        #expect(result.missing == 11)
    }

    @Test func aCommuneMergedBetweenTwoDueDates() {
        // Minh Cầm (06991) merged into Lương Minh (06985) on 01/11/2024.
        let mayDue = CivilDate(year: 2024, month: 5, day: 15)!, novemberDue = CivilDate(year: 2024, month: 11, day: 15)!
        let may = Completeness.compute(dueOn: mayDue, level: .commune, agencies: [], units: units,
                                       submissions: ["06991": CivilDate(year: 2024, month: 5, day: 1)!], today: mayDue)
        #expect(may.expected == 177)
        #expect(may.lines.first { $0.reporter == "06991" }?.outcome == .onTime)
        let november = Completeness.compute(dueOn: novemberDue, level: .commune, agencies: [], units: units,
                                            submissions: ["06991": CivilDate(year: 2024, month: 10, day: 20)!], today: novemberDue)
        #expect(november.expected == 171)
        #expect(!november.lines.contains { $0.reporter == "06991" })                     // no longer expected
        #expect(november.lines.first { $0.reporter == "06985" }?.outcome == .onTime)     // its report counts for Lương Minh
    }
}
