import Foundation
import Testing
import TiendoApp
import TiendoCore
import TiendoStore
import TiendoTestSupport
@testable import TiendoWeb

/// Each page's query, without HTTP: what a page shows is decided before any markup is written.
@Suite struct PageModelTests {
    func withData<T>(_ body: (PlanData, AppContext) async throws -> T) async throws -> T {
        try await TestDatabase.sqlite.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db, hasher: BcryptHasher(cost: 4))
                _ = try await PostTaskUpdate(task: "III.4.(2)", request: TaskUpdateRequest(status: .done, progress: 100, note: "Xong", unit: "193"))
                    .run(app, by: Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử"))
                let data = try await PlanData.load(open.db, cache: PlanCache(), today: CivilDate(year: 2024, month: 6, day: 1)!)
                return try await body(data, app)
            }
        }
    }

    /// An indicator's 2024 figures read in the map of 01/07/2025: exact for Hà Tu (Hà Phong, whole) and Lương Minh,
    /// Hà Khẩu's apart as "không phân bổ được", the province's the same in both maps.
    @Test func anIndicatorIsReadInTheMapTheReaderChooses() async throws {
        try await withData { loaded, _ in
            var data = loaded
            func v(_ element: String, _ unit: String, _ value: Int) -> DataValue { DataValue(element: element, unitCode: unit, period: .year(2024), value: value) }
            data.values = [v("tong_so_ho", "06652", 500), v("ho_nuoc_hop_ve_sinh", "06652", 450), v("tong_so_ho", "06655", 300),
                           v("ho_nuoc_hop_ve_sinh", "06655", 150), v("tong_so_ho", "06985", 200), v("ho_nuoc_hop_ve_sinh", "06985", 200)]
            let then = try #require(try IndicatorPage.Model.query(data, code: "II.6.1", map: nil))
            let now = try #require(try IndicatorPage.Model.query(data, code: "II.6.1", map: CivilDate(year: 2025, month: 7, day: 1)!))
            #expect(then.map == data.plan.plan.issuedOn && then.maps.map(\.iso) == ["2024-02-23", "2024-11-01", "2025-07-01"])
            #expect(then.rows.map(\.unit.name) == ["Phường Hà Phong", "Phường Hà Khẩu", "Xã Lương Mông"] && then.unallocated.isEmpty)
            #expect(now.rows.map { "\($0.unit.name) \($0.numerator ?? 0)/\($0.denominator ?? 0) \($0.isEstimate)" } == ["Phường Hà Tu 450/500 false", "Xã Lương Minh 200/200 false"])
            #expect(now.rows.first?.from.map(\.name) == ["Phường Hà Phong"])
            #expect(now.unallocated.map { "\($0.unit.name) \($0.numerator ?? 0)/\($0.denominator ?? 0)" } == ["Phường Hà Khẩu 150/300"])
            #expect(now.unallocated.first?.successors.map(\.name) == ["Phường Việt Hưng", "Phường Tuần Châu"])
            #expect(now.province?.numerator == 800 && now.province?.denominator == 1_000 && now.province?.value == then.province?.value)
            // With an administrator's shares for Hà Khẩu (2/3 to Việt Hưng, 1/3 to Tuần Châu) its part is apportioned,
            // marked as an estimate with the shares; nothing is left apart and the province is unchanged.
            let key = try #require(data.directory.units.unit(code: "06655", at: CivilDate(year: 2024, month: 12, day: 1)!)).versionKey
            let shares = [MapReading.Share(fromKey: key, toCode: "06661", numerator: 2, denominator: 3, source: "dân số 2024"),
                          MapReading.Share(fromKey: key, toCode: "06706", numerator: 1, denominator: 3, source: "dân số 2024")]
            let shared = try #require(try IndicatorPage.Model.query(data, code: "II.6.1", map: CivilDate(year: 2025, month: 7, day: 1)!, shares: shares))
            let vietHung = try #require(shared.rows.first { $0.unit.code == "06661" })
            #expect(vietHung.numerator == 100 && vietHung.denominator == 200 && vietHung.value == 50 && vietHung.isEstimate)
            #expect(vietHung.shares.map { "\($0.toCode) \($0.numerator)/\($0.denominator) \($0.source)" } == ["06661 2/3 dân số 2024"])
            #expect(shared.rows.first { $0.unit.code == "06652" }?.isEstimate == false)
            #expect(shared.unallocated.isEmpty && shared.province?.numerator == 800)
            #expect(try IndicatorPage.Model.query(data, code: "II.99.9", map: nil) == nil)
        }
    }

    /// The programme by year: each indicator followed by its name across the years' plans, with a stated baseline as
    /// the year before.
    @Test func theProgrammeShowsEachIndicatorByYear() async throws {
        try await withData { data, _ in
            let model = ProgrammePage.Model.query([data])
            #expect(model.plans.map(\.year) == [2024] && model.series.count == data.plan.targets.flatMap(\.indicators).count)
            let income = try #require(model.series.first { $0.unit == "triệu đồng/người/năm" })
            #expect(income.points.map(\.year) == [2023, 2024])
            #expect(income.points[0].isBaseline && income.points[0].value == Decimal(string: "73.348"))
            #expect(income.points[1].target?.targetValue == ExactNumber(100) && income.points[1].planId == data.plan.id)
        }
    }

    /// One unit of the 2025 map across the years: Hà Tu's 2024 figure is Hà Phong's exactly; Việt Hưng's is apart
    /// until shares exist, then an estimate naming them; a code is read in the chosen map (193 is no unit of 2025).
    @Test func theProgrammeFollowsAUnitOfTheChosenMap() async throws {
        try await withData { loaded, _ in
            var data = loaded
            func v(_ element: String, _ unit: String, _ value: Int) -> DataValue { DataValue(element: element, unitCode: unit, period: .year(2024), value: value) }
            data.values = [v("tong_so_ho", "06652", 500), v("ho_nuoc_hop_ve_sinh", "06652", 450), v("tong_so_ho", "06655", 300),
                           v("ho_nuoc_hop_ve_sinh", "06655", 150)]
            let july2025 = CivilDate(year: 2025, month: 7, day: 1)!
            func point(_ model: ProgrammePage.Model) throws -> ProgrammePage.Model.Point {
                let series = try #require(model.series.first { $0.name.hasPrefix("Tỷ lệ hộ gia đình sử dụng nguồn nước ăn uống hợp vệ sinh") })
                return try #require(series.points.first { $0.year == 2024 })
            }
            let haTu = try point(try ProgrammePage.Model.query([data], unit: "06652", map: july2025, shares: []))
            #expect(haTu.unitValue == 90 && haTu.unitShares.isEmpty && !haTu.unitApart)
            let apart = try point(try ProgrammePage.Model.query([data], unit: "06661", map: july2025, shares: []))
            #expect(apart.unitValue == nil && apart.unitApart)
            let key = try #require(data.directory.units.unit(code: "06655", at: CivilDate(year: 2024, month: 12, day: 1)!)).versionKey
            let shares = [MapReading.Share(fromKey: key, toCode: "06661", numerator: 2, denominator: 3, source: "dân số 2024"),
                          MapReading.Share(fromKey: key, toCode: "06706", numerator: 1, denominator: 3, source: "dân số 2024")]
            let estimated = try point(try ProgrammePage.Model.query([data], unit: "06661", map: july2025, shares: shares))
            #expect(estimated.unitValue == 50 && estimated.unitShares.map(\.source) == ["dân số 2024"] && !estimated.unitApart)
            #expect(estimated.value == haTu.value)   // the province's figure does not move with the map
            #expect(throws: AppError.self) { try ProgrammePage.Model.query([data], unit: "193", map: july2025, shares: []) }
            let inTheOldMap = try point(try ProgrammePage.Model.query([data], unit: "06652", map: CivilDate(year: 2024, month: 12, day: 1)!, shares: []))
            #expect(inTheOldMap.unitValue == 90)   // Phường Hà Phong itself
        }
    }

    @Test func theTaskListFiltersAndSorts() async throws {
        try await withData { data, _ in
            let all = try TasksPage.Model.query(data, filters: TasksPage.Filters())
            #expect(all.listings.count == 91 && all.problem == nil)
            let transport = try TasksPage.Model.query(data, filters: TasksPage.Filters(agency: "Sở Giao thông vận tải"))
            #expect(transport.listings.map(\.code).contains("III.4.(1)"))
            #expect(transport.listings.count < all.listings.count)
            let unknown = try TasksPage.Model.query(data, filters: TasksPage.Filters(agency: "Sở Không Có"))
            #expect(unknown.problem != nil && unknown.listings.count == 91)
            let byDeadline = try TasksPage.Model.query(data, filters: TasksPage.Filters(sort: "han"))
            let dates = byDeadline.listings.compactMap { $0.deadline?.date }
            #expect(dates == dates.sorted())
        }
    }

    @Test func theOverviewCountsEveryTaskOnce() async throws {
        try await withData { data, _ in
            let model = HomePage.Model.query(data)
            #expect(model.districts.count == 13)
            #expect(model.groups.count == data.plan.taskGroups.count + 1)
            #expect(model.total.values.reduce(0, +) == 91)
            #expect(model.districts.first { $0.code == "193" }?.reported == 1)
        }
    }

    @Test func aTaskOffersItsFormOnlyToThoseWhoMayReport() async throws {
        try await withData { data, _ in
            let halong = Principal(username: "halong", grants: [RoleGrant(role: .districtOfficer, scope: "193")])
            let viewer = Principal(username: "xem", grants: [RoleGrant(role: .viewer)])
            let mine = try #require(try TaskPage.Model.query(data, code: "III.4.(2)", principal: halong))
            #expect(mine.reportable.map(\.unitCode) == ["193"])
            #expect(mine.updates.first?.note == "Xong")
            #expect(try TaskPage.Model.query(data, code: "III.4.(2)", principal: viewer)?.reportable.isEmpty == true)
            #expect(try TaskPage.Model.query(data, code: "III.99", principal: viewer) == nil)
        }
    }

    @Test func unitPagesAndReportsAskThePolicy() async throws {
        try await withData { data, app in
            #expect(try UnitPages.Model.district(data, code: "06970") == nil)     // a commune is not a district
            let halong = try #require(try UnitPages.Model.district(data, code: "193"))
            #expect(halong.leads.contains { $0.code == "III.4.(2)" })
            let officer = Principal(username: "halong", grants: [RoleGrant(role: .districtOfficer, scope: "193")])
            let reports = try #require(try await ReportPages.Model.query(data, db: app.db, obligation: "bao-cao-6-thang-2024", principal: officer))
            #expect(!reports.consolidates && reports.rows.map(\.key) == ["193"])
        }
    }

    /// One number for one thing: a district's overdue tasks are the same on the overview, on its own page and in
    /// its report, counted the way the help text says (deadline passed, its own part not done).
    @Test func aDistrictsOverdueCountIsTheSameEverywhere() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db, hasher: BcryptHasher(cost: 4))
                _ = try await PostTaskUpdate(task: "III.4.(2)", request: TaskUpdateRequest(status: .done, progress: 100, note: "Xong", unit: "193"))
                    .run(app, by: Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử"))
                let today = CivilDate(year: 2026, month: 11, day: 30)!
                let data = try await PlanData.load(open.db, cache: PlanCache(), today: today)
                let home = try #require(HomePage.Model.query(data).districts.first { $0.code == "193" })
                let page = try #require(try UnitPages.Model.district(data, code: "193"))
                #expect(home.late > 0)
                #expect(page.late.count == home.late)
                let counts = WorkCounts.of(unitCode: "193", in: data.progress, on: today)
                #expect(counts.late.count == home.late && counts.leads.count == home.leads)
                #expect(counts.reported.count == 1 && home.reported == 1)
                // All units' counts in one pass are each unit's own.
                let all = WorkCounts.byUnit(in: data.progress, on: today)
                for unit in data.directory.units.units(at: today, level: .commune).prefix(60) + data.directory.units.units(at: CivilDate(year: 2024, month: 6, day: 1)!, level: .district) {
                    #expect((all[unit.code] ?? WorkCounts()) == WorkCounts.of(unitCode: unit.code, in: data.progress, on: today), "\(unit.code)")
                }
                #expect(all["193"]?.late.isEmpty == false)
                let inputs = ReportInputs(plan: data.plan, directory: data.directory, updates: data.updates, values: [], states: [:], today: today)
                let annual = try #require(data.plan.reportObligations.first { $0.kind == .annual })
                let report = try ReportDraft.make(inputs, obligation: annual, reporter: "193", period: .year(2024))
                let reportCounts = WorkCounts.of(unitCode: "193", in: data.progress, on: CivilDate(year: 2024, month: 12, day: 31)!)
                #expect(report.assessment[0].contains("được giao chủ trì \(reportCounts.leads.count) nhiệm vụ"))
                #expect(report.assessment[0].contains("1 nhiệm vụ đã có báo cáo tiến độ"))
                #expect(report.assessment[0].contains("\(reportCounts.late.count) nhiệm vụ quá hạn"))
            }
        }
    }
}

