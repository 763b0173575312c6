import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoStore

/// A simulated 2024 for a separate database: accounts, task updates, figures at every stage, some late or missing,
/// all written through the same checked and audited paths as real use. Deterministic for a given seed.
public enum LoadDemo {
    public struct Summary: Sendable {
        public var password: String
        public var accounts: [String]
        public var updates: Int
        public var submissions: Int
    }

    /// A small deterministic generator (SplitMix64), so the same seed gives the same simulated year.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    /// Fills `db` (already migrated and seeded). `districts` limits the simulation (all when nil).
    public static func run(_ context: AppContext, districts only: Set<String>? = nil, seed: UInt64 = 2024) async throws -> Summary {
        let db = context.db
        var random = Random(state: seed)
        let loaded = try await context.loadedPlan()
        let app = AppContext(db: db, hasher: context.hasher, loginPolicy: context.loginPolicy, plan: loaded)
        let (plan, directory) = (loaded.document, loaded.directory)
        let on = plan.plan.issuedOn
        let districts = directory.units.units(at: on, level: .district).filter { only?.contains($0.code) ?? true }
        let password = "demo-" + String((0..<10).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement(using: &random)! })
        // The accounts are made the way an administrator makes them.
        let setup = Caller(principal: Principal(username: "demo", grants: [RoleGrant(role: .admin)]), address: "dòng lệnh")
        let accounts = Accounts(db)
        var names = ["demo-quantri", "demo-bandantoc", "demo-sogd"]
        try await CreateUser(username: "demo-quantri", password: password, role: .admin, scope: nil).run(app, by: setup)
        try await CreateUser(username: "demo-bandantoc", password: password, role: .coordinator, scope: nil).run(app, by: setup)
        try await CreateUser(username: "demo-sogd", password: password, role: .agencyOfficer, scope: "Sở Giáo dục và Đào tạo").run(app, by: setup)
        for district in districts {
            let name = "demo-huyen-\(district.code)"
            try await CreateUser(username: name, password: password, role: .districtOfficer, scope: district.code, mapDate: on).run(app, by: setup)
            names.append(name)
        }
        guard let coordinator = try await accounts.principal("demo-bandantoc") else { throw AppError.notFound("demo-bandantoc") }

        // Task updates: most leads report something, a few finish, a few are stuck.
        let asCoordinator = Caller(principal: coordinator, address: "demo")
        var updates = try await simulateUpdates(app, units: Set(districts.map(\.code)), by: asCoordinator, random: &random)

        var submissions = 0
        // The plan report (no figures): most districts and agencies send it, some late, a few not at all.
        if let planReport = plan.reportObligations.first(where: { $0.kind == .plan }), let due = planReport.dueOn {
            let expected = planReport.expectedReporters(directory: directory)
            for reporter in districts.map(\.code) + expected.agencies {
                let fate = Int.random(in: 0..<8, using: &random)
                if fate == 0 { continue }
                _ = try await MoveSubmission(.submit, obligation: planReport.id, reporter: reporter, period: planReport.period.code, comment: nil).run(app, by: Caller(principal: coordinator, address: "demo"))
                try await DataEntry(db).backdate(obligation: planReport.id, reporter: reporter, period: planReport.period.code, due: due,
                                   days: fate == 1 ? Int.random(in: 1...15, using: &random) : -Int.random(in: 0...20, using: &random))
                submissions += 1
            }
        }

        // Figures: every commune of the simulated districts for the 6-month and the annual report.
        var figures = Figures(seed: try SeedData.indicatorDefinitions())
        for obligation in ["bao-cao-6-thang-2024", "bao-cao-nam-2024"] {
            submissions += try await figures.simulate(obligation, app: app, districts: districts, coordinator: coordinator, random: &random)
        }
        let year2025 = try await simulate2025(context, seed: loaded, setup: setup, password: password, districts: districts,
                                              coordinator: coordinator, figures: &figures, random: &random)
        names += year2025.accounts
        updates += year2025.updates
        submissions += year2025.submissions

        // Money: the finance side opens the lines and records the decisions; Ban Dân tộc enters the months.
        try await CreateUser(username: "demo-taichinh", password: password, role: .financeOfficer, scope: nil).run(app, by: setup)
        names.append("demo-taichinh")
        guard let finance = try await accounts.principal("demo-taichinh") else { throw AppError.notFound("demo-taichinh") }
        _ = try await simulateMoney(app, districts: districts, communes2025: year2025.communes, finance: Caller(principal: finance, address: "demo"),
                                    coordinator: asCoordinator, random: &random)
        try await Settings(db).set("demo", "1", by: setup.actor)
        return Summary(password: password, accounts: names, updates: updates, submissions: submissions)
    }

    /// Progress posted for most leads of the plan `app` holds (units only those in `units`), as of its year's end.
    static func simulateUpdates(_ app: AppContext, units: Set<String>, by caller: Caller, random: inout Random) async throws -> Int {
        let loaded = try await app.loadedPlan()
        let yearEnd = CivilDate(year: loaded.document.plan.year, month: 12, day: 31)!
        var updates = 0
        let progress = PlanProgress.compute(loaded.document, directory: loaded.directory, updates: [], today: yearEnd)
        for (code, summary) in progress.sorted(by: { $0.key < $1.key }) {
            for assignee in summary.assignees where assignee.role == .lead && Int.random(in: 0..<10, using: &random) < 6 {
                if let unit = assignee.unitCode, !units.contains(unit) { continue }
                let roll = Int.random(in: 0..<10, using: &random)
                let status: ProgressStatus = roll < 4 ? .done : roll < 8 ? .inProgress : roll < 9 ? .blocked : .notStarted
                let percent = status == .done ? 100 : status == .notStarted ? 0 : Int.random(in: 10...90, using: &random)
                _ = try await PostTaskUpdate(task: code, request: TaskUpdateRequest(status: status, progress: percent,
                                                                                    note: "Mô phỏng: \(status.vietnamese), \(percent)%.",
                                                                                    unit: assignee.unitCode ?? assignee.assignee))
                    .run(app, by: caller)
                updates += 1
            }
        }
        return updates
    }

    /// Plausible figures for one commune, each part no larger than its whole.
    static func figure(_ element: String, households: Int, people: Int, random: inout Random) -> Int {
        func share(_ whole: Int, _ low: Int, _ high: Int) -> Int { whole * Int.random(in: low...high, using: &random) / 1000 }
        switch element {
        case "thu_nhap_ho": return people * Int.random(in: 70_000_000...110_000_000, using: &random)
        case "nhan_khau", "dan_so": return people
        case "tong_so_ho": return households
        case "ho_ngheo": return Int.random(in: 0...9, using: &random) < 7 ? 0 : Int.random(in: 1...5, using: &random)
        case "ho_can_ngheo": return share(households, 5, 40)
        case "nguoi_ngheo_can_ngheo": return share(people, 30, 30)
        case "nguoi_ngheo_huong_chinh_sach": return share(people, 28, 30)
        case "ho_doi_tuong_da1": return Int.random(in: 0...12, using: &random)
        case "ho_da_ho_tro_da1": return 0
        case "mo_hinh_san_xuat": return Int.random(in: 0...4, using: &random)
        case "nguoi_dtts": return share(people, 600, 600)
        case "nguoi_dtts_bhyt": return share(people, 585, 598)
        case "tre_duoi_5": return share(people, 60, 90)
        case "tre_duoi_5_nhe_can": return share(people, 4, 8)
        case "ho_nuoc_hop_ve_sinh": return share(households, 990, 1000)
        case "ho_nuoc_sach_qcvn": return share(households, 550, 850)
        case "rac_phat_sinh": return people * 300 / 1000
        case "rac_thu_gom": return people * Int.random(in: 250...300, using: &random) / 1000
        case "so_thon", "so_xa_thon": return Int.random(in: 6...14, using: &random)
        case "ho_dtts": return share(households, 600, 600)
        case "ho_dtts_nghe_xem": return share(households, 590, 600)
        case "nguoi_duoc_pbgdpl": return share(people, 900, 990)
        case "xa_xong_ttvhtt": return Int.random(in: 0...1, using: &random)
        case "lang_dtts_bao_ton": return Int.random(in: 0...9, using: &random) == 0 ? 1 : 0
        default: return 0
        }
    }

    /// Plausible figures an agency enters for one unit; a part follows its whole (the line before it).
    static func agencyFigure(_ element: String, whole: Int, random: inout Random) -> Int {
        func share(_ low: Int, _ high: Int) -> Int { whole * Int.random(in: low...high, using: &random) / 1000 }
        switch element {
        case "ho_can_vay": return Int.random(in: 200...1_500, using: &random)
        case "ho_duoc_vay": return share(850, 990)
        case "co_so_giao_duc": return Int.random(in: 20...80, using: &random)
        case "co_so_giao_duc_dat": return share(700, 1000)
        case "lao_dong": return Int.random(in: 20_000...120_000, using: &random)
        case "lao_dong_qua_dao_tao": return share(700, 800)
        case "lao_dong_co_bang": return share(300, 420)
        case "hoc_sinh_dtts": return Int.random(in: 1_000...9_000, using: &random)
        case "hoc_sinh_dtts_huong_nghiep": return share(800, 1000)
        case "tot_nghiep_thcs": return Int.random(in: 500...3_000, using: &random)
        case "phan_luong": return share(200, 350)
        case "chi_tieu_ntm_ocop": return Int.random(in: 20...60, using: &random)
        case "chi_tieu_ntm_ocop_xong": return share(700, 1000)
        case "mo_hinh_an_ninh": return Int.random(in: 3...20, using: &random)
        case let code where code.hasPrefix("xa_dat_"): return Int.random(in: 0..<10, using: &random) < 8 ? 1 : 0
        default: return Int.random(in: 4...12, using: &random)   // villages covered, militia units: counts of a commune's villages
        }
    }
}
