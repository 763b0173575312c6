import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoReports
import TiendoStore
import TiendoTestSupport

/// Capital through the use cases: Ban Dân tộc or the finance side open lines and record decisions; a holder reports
/// its own line's months and nobody else's; every refusal changes nothing and every write is audited with it.
@Suite struct MoneyTests {
    let coordinator = Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "kiểm thử")
    let finance = Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "kiểm thử")
    let transport = Caller(principal: Principal(username: "sogtvt", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")]), address: "kiểm thử")
    let health = Caller(principal: Principal(username: "soyte", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Y tế")]), address: "kiểm thử")

    func withApp<T>(_ kind: TestDatabase, _ body: (AppContext) async throws -> T) async throws -> T {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in try await body(AppContext(db: open.db, hasher: BcryptHasher(cost: 4))) }
        }
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    @Test(arguments: TestDatabase.available)
    func aLineFromDecisionToDisbursement(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let line = CapitalLine(id: "2024-DA4-GT", year: 2024, project: 4, capitalType: .investment, source: "nstw", origin: .assigned,
                                   holder: .agency("Sở Giao thông vận tải"))
            let before = try await snapshot(app.db)
            await #expect(throws: AppError.self) { try await AddCapitalLine(line).run(app, by: transport) }   // not the finance side
            var unknown = line
            unknown.holder = .agency("Sở Không Có")
            await #expect(throws: AppError.self) { try await AddCapitalLine(unknown).run(app, by: finance) }
            #expect(try await snapshot(app.db) == before)
            try await AddCapitalLine(line).run(app, by: finance)
            await #expect(throws: AppError.self) { try await AddCapitalLine(line).run(app, by: coordinator) }   // the same id twice

            let giao = CapitalEvent(lineId: line.id, kind: .assign, amount: Dong(981_947_000_000),
                                    decision: CapitalDecision(number: "1/QĐ-UBND", date: Self.day(2024, 1, 10), issuer: "UBND tỉnh"))
            try await RecordCapitalEvent(giao).run(app, by: finance)
            let works = try await CapitalBook(app.db).works()
            #expect(works.contains { $0.code == "III.4.(1).1" && $0.name.contains("Quốc lộ 279") && $0.totalInvestment == nil })
            let allocate = CapitalEvent(lineId: line.id, kind: .allocate, amount: Dong(500_000_000_000),
                                        decision: CapitalDecision(number: "2/QĐ-UBND", date: Self.day(2024, 2, 1), issuer: "UBND tỉnh"), target: "III.4.(1).1")
            try await RecordCapitalEvent(allocate).run(app, by: coordinator)
            var nowhere = allocate
            nowhere.target = "khong-co"
            await #expect(throws: AppError.self) { try await RecordCapitalEvent(nowhere).run(app, by: coordinator) }

            let may = Disbursement(lineId: line.id, month: Self.day(2024, 5, 31), disbursed: Dong(381_822_000_000), reportedBy: "")
            let afterDecisions = try await snapshot(app.db)
            await #expect(throws: AppError.self) { try await RecordDisbursement(may).run(app, by: health, today: Self.day(2024, 6, 5)) }
            await #expect(throws: AppError.self) { try await RecordDisbursement(may).run(app, by: transport, today: Self.day(2024, 4, 5)) }  // a future month
            #expect(try await snapshot(app.db) == afterDecisions)
            try await RecordDisbursement(may).run(app, by: transport, today: Self.day(2024, 6, 5))
            await #expect(throws: AppError.self) { try await RecordDisbursement(may).run(app, by: transport, today: Self.day(2024, 6, 5)) }  // twice
            let june = Disbursement(lineId: line.id, month: Self.day(2024, 6, 30), disbursed: Dong(700_000_000_000), reportedBy: "")
            await #expect(throws: AppError.self) { try await RecordDisbursement(june).run(app, by: transport, today: Self.day(2024, 7, 5)) }
            try await RecordDisbursement(june, comment: "Kế hoạch vốn sẽ điều chỉnh tăng").run(app, by: transport, today: Self.day(2024, 7, 5))

            let funnel = try await CapitalBook(app.db).funnel(asOf: Self.day(2024, 5, 31))
            #expect(try funnel.total().rate.vietnamese == "381.822/981.947 triệu đồng (38,88 %)")
            #expect(try funnel.total().allocated == Dong(500_000_000_000))
            let audit = try await AuditLog.entries(on: app.db)
            #expect(audit.contains { $0.entity == "disbursement" && $0.actor == "sogtvt" && ($0.reason ?? "").contains("điều chỉnh tăng") })
            #expect(audit.contains { $0.entity == "capital_event" && $0.field == "giao" && $0.actor == "stc" })
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    /// The database sums each line's months by the funnel's rule (finance months up to the last it reported, the
    /// holder's after it); the figures equal the funnel computed from every month, at every cut-off.
    @Test(arguments: TestDatabase.available)
    func theDatabaseSumsMonthsByTheFunnelsRule(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let line = CapitalLine(id: "2024-DA4-GT", year: 2024, project: 4, capitalType: .investment, source: "nstw", origin: .assigned,
                                   holder: .agency("Sở Giao thông vận tải"))
            try await AddCapitalLine(line).run(app, by: finance)
            try await RecordCapitalEvent(CapitalEvent(lineId: line.id, kind: .assign, amount: Dong(900_000_000_000),
                                                      decision: CapitalDecision(number: "1/QĐ-UBND", date: Self.day(2024, 1, 10), issuer: "UBND tỉnh"))).run(app, by: finance)
            let today = Self.day(2024, 12, 20)
            for (month, amount, who) in [(3, 100, transport), (4, 50, transport), (4, 40, finance), (5, 30, transport), (6, 7, transport), (6, 9, finance), (8, 11, transport)] {
                try await RecordDisbursement(Disbursement(lineId: line.id, month: CivilDate.endOfMonth(month, year: 2024)!, disbursed: Dong(amount * 1_000_000),
                                                          workDone: Dong(amount), reportedBy: "")).run(app, by: who, today: today)
            }
            let book = CapitalBook(app.db)
            let (lines, events, months) = (try await book.lines(), try await book.events(), try await book.disbursements())
            for cutoff in [Self.day(2024, 3, 31), Self.day(2024, 4, 30), Self.day(2024, 5, 31), Self.day(2024, 7, 31), Self.day(2024, 12, 31)] {
                let whole = try CapitalFunnel.compute(lines: lines, events: events, disbursements: months, asOf: cutoff).lines[0]
                let summed = try await book.funnel(asOf: cutoff).lines[0]
                #expect(summed.disbursed == whole.disbursed && summed.workDone == whole.workDone, "\(cutoff)")
            }
            // April: finance 40 replaces the holder's 100 + 50; July: finance to June (40 + 9), then the holder's nothing.
            #expect(try await book.funnel(asOf: Self.day(2024, 4, 30)).lines[0].disbursed == Dong(40_000_000))
            #expect(try await book.funnel(asOf: Self.day(2024, 12, 31)).lines[0].disbursed == Dong(60_000_000))
        }
    }
}

/// A work's details are Ban Dân tộc's or the finance side's to fill; its months are its chủ đầu tư's to report.
@Suite struct WorkProgressTests {
    @Test(arguments: TestDatabase.available)
    func onlyTheInvestorReportsItsWork(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db)
                let finance = Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "x")
                let transport = Caller(principal: Principal(username: "sogtvt", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")]), address: "x")
                let health = Caller(principal: Principal(username: "soyte", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Y tế")]), address: "x")
                var work = try #require(try await CapitalBook(open.db).works().first { $0.code == "III.4.(1).1" })
                let month = WorkProgress(workCode: work.code, month: CivilDate(year: 2024, month: 5, day: 31)!, valueDone: Dong(5_000_000_000),
                                         disbursed: Dong(4_000_000_000), physicalPercent: 20, reportedBy: "")
                let today = CivilDate(year: 2024, month: 6, day: 3)!
                // No investor recorded yet: only Ban Dân tộc may report it.
                await #expect(throws: AppError.self) { try await ReportWorkProgress(month).run(app, by: transport, today: today) }
                work.investor = .agency("Sở Giao thông vận tải")
                work.totalInvestment = Dong(1_200_000_000_000)
                await #expect(throws: AppError.self) { try await UpdateWork(work).run(app, by: transport) }
                var backwards = work
                (backwards.plannedStart, backwards.plannedFinish) = (CivilDate(year: 2025, month: 1, day: 1)!, CivilDate(year: 2024, month: 1, day: 1)!)
                await #expect(throws: AppError.self) { try await UpdateWork(backwards).run(app, by: finance) }
                try await UpdateWork(work).run(app, by: finance)
                let before = try await snapshot(open.db)
                await #expect(throws: AppError.self) { try await ReportWorkProgress(month).run(app, by: health, today: today) }
                #expect(try await snapshot(open.db) == before)
                try await ReportWorkProgress(month).run(app, by: transport, today: today)
                await #expect(throws: AppError.self) { try await ReportWorkProgress(month).run(app, by: transport, today: today) }
                #expect(try await CapitalBook(open.db).progress().map(\.physicalPercent) == [20])
                // Ban Dân tộc approves the month, once; the investor cannot approve its own.
                let coordinator = Caller(principal: Principal(username: "bdt", grants: [RoleGrant(role: .coordinator)]), address: "x")
                let may = CivilDate(year: 2024, month: 5, day: 31)!
                await #expect(throws: AppError.self) { try await ApproveWorkMonth(work: work.code, month: may).run(app, by: transport) }
                await #expect(throws: AppError.self) { try await ApproveWorkMonth(work: work.code, month: CivilDate(year: 2024, month: 4, day: 30)!).run(app, by: coordinator) }
                #expect(try await CapitalBook(open.db).progress().map(\.approvedBy) == [nil])
                try await ApproveWorkMonth(work: work.code, month: may).run(app, by: coordinator)
                await #expect(throws: AppError.self) { try await ApproveWorkMonth(work: work.code, month: may).run(app, by: coordinator) }
                #expect(try await CapitalBook(open.db).progress().map(\.approvedBy) == ["bdt"])
                let audit = try await AuditLog.entries(on: open.db)
                #expect(audit.contains { $0.entity == "investment_work" && $0.field == "approve" && $0.actor == "bdt" })
                #expect(audit.contains { $0.entity == "investment_work" && $0.field == "total_investment" && $0.actor == "stc" })
                #expect(audit.contains { $0.entity == "investment_work" && $0.field == "progress" && $0.actor == "sogtvt" })
            }
        }
    }

    /// The works spreadsheet: the template lists the caller's works; a filled file is checked whole (cells named, the
    /// caller's scope, the month's rules against stored months) and stored all or nothing.
    @Test(arguments: TestDatabase.available)
    func worksAreReportedFromTheSpreadsheet(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db)
                let finance = Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "x")
                let transport = Caller(principal: Principal(username: "sogtvt", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")]), address: "x")
                let book = CapitalBook(open.db)
                for (code, investor) in [("III.4.(1).1", "Sở Giao thông vận tải"), ("III.4.(1).2", "Sở Giao thông vận tải"), ("III.4.(1).5", "Sở Y tế")] {
                    var work = try #require(try await book.works().first { $0.code == code })
                    (work.investor, work.status) = (.agency(investor), .underway)
                    try await UpdateWork(work).run(app, by: finance)
                }
                let november = CivilDate(year: 2024, month: 11, day: 30)!, today = CivilDate(year: 2024, month: 12, day: 3)!
                let template = try XLSXReader.read(try await WorkProgressTemplateFile(month: november).run(app, by: transport), sheet: WorkProgress.sheetName)
                #expect((3...template.lastRow).map { template.value(row: $0, column: 0)?.asText } == ["III.4.(1).1", "III.4.(1).2"])
                #expect(template.value(row: 3, column: 2)?.asText == "11/2024")
                func file(_ rows: [[String]]) throws -> Data {
                    try Workbook(sheets: [Workbook.Sheet(name: WorkProgress.sheetName, rows: [[.text("Báo cáo", .title)], [.text("Mã", .header)]]
                        + rows.map { $0.map { Workbook.Cell.text($0, .plain) } })]).data()
                }
                let good = ["III.4.(1).1", "Quốc lộ 279", "11/2024", "5.000.000.000", "4.000.000.000", "35", "12,5", "40", "Vướng mặt bằng, chờ đền bù"]
                let skipped = ["III.4.(1).2", "ĐT 342", "11/2024", "", "", "", "", "", ""]
                let before = try await snapshot(open.db)
                do {
                    try await ImportWorkProgress(data: try file([good, ["III.4.(1).2", "ĐT 342", "11/2024", "1", "1", "140", "", "", ""], ["III.4.(9).9", "?", "11/2024", "1", "1", "1", "", "", ""]]), fileName: "tien-do.xlsx", month: november)
                        .run(app, by: transport, today: today)
                    Issue.record("a file with an unknown work and 140 % was accepted")
                } catch let error as AppError {
                    #expect(error.description.contains("F4") && error.description.contains("A5"), "\(error)")
                }
                await #expect(throws: AppError.self) {   // Sở Y tế's work in Sở GTVT's file
                    try await ImportWorkProgress(data: try file([good, ["III.4.(1).5", "Trạm y tế", "11/2024", "1", "1", "10", "", "", ""]]), fileName: "x.xlsx", month: november)
                        .run(app, by: transport, today: today)
                }
                #expect(try await snapshot(open.db) == before)
                #expect(try await ImportWorkProgress(data: try file([good, skipped]), fileName: "tien-do.xlsx", month: november).run(app, by: transport, today: today) == 1)
                do {
                    try await ImportWorkProgress(data: try file([good]), fileName: "tien-do.xlsx", month: november).run(app, by: transport, today: today)
                    Issue.record("the same month twice was accepted")
                } catch let error as AppError {
                    #expect(error.description.contains("dòng 3") && error.description.contains("đã có báo cáo tháng này"), "\(error)")
                }
                let stored = try await book.progress()
                #expect(stored.count == 1 && stored[0].physicalPercent == 35 && stored[0].landCleared == ExactNumber("12,5") && stored[0].reportedBy == "sogtvt")
                #expect(try await AuditLog.entries(on: open.db).contains { $0.field == "progress" && $0.reason == "Nhập từ tệp tien-do.xlsx" })
            }
        }
    }
}

/// The finance side's spreadsheet: cumulative figures become each line's month; in its own layout (amounts in triệu
/// đồng, line ids in column B) through a mapping; one bad cell and nothing is stored, every problem named by cell.
@Suite struct DisbursementImportTests {
    let finance = Caller(principal: Principal(username: "stc", grants: [RoleGrant(role: .financeOfficer)]), address: "kiểm thử")

    func sheet(_ rows: [[Workbook.Cell]]) throws -> Data {
        try Workbook(sheets: [Workbook.Sheet(name: "Báo cáo", rows: [["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ"].map { .text($0, .header) }] + rows)]).data()
    }

    @Test(arguments: TestDatabase.available)
    func aMonthFromTheFinanceSheetAllOrNothing(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let app = AppContext(db: open.db)
                for (id, holder) in [("2024-DA4-GT", "Sở Giao thông vận tải"), ("2024-DA7-YT", "Sở Y tế")] {
                    try await AddCapitalLine(CapitalLine(id: id, year: 2024, project: 4, capitalType: .investment, source: "nstw", origin: .assigned,
                                                         holder: .agency(holder))).run(app, by: finance)
                    try await RecordCapitalEvent(CapitalEvent(lineId: id, kind: .assign, amount: Dong(981_947_000_000),
                                                              decision: CapitalDecision(number: "1/QĐ-UBND", date: CivilDate(year: 2024, month: 1, day: 10)!, issuer: "UBND tỉnh")))
                        .run(app, by: finance)
                }
                let today = CivilDate(year: 2024, month: 7, day: 5)!
                try await RecordDisbursement(Disbursement(lineId: "2024-DA4-GT", month: CivilDate(year: 2024, month: 5, day: 31)!, disbursed: Dong(300_000_000_000), reportedBy: ""))
                    .run(app, by: finance, today: today)
                let mapping = DisbursementUpload.Mapping(keyColumn: 1, amountColumn: 3, firstRow: 2, unit: .millions)
                let june = CivilDate(year: 2024, month: 6, day: 30)!
                // A subtotal row with no key and no amount is skipped; a bad cell stops everything.
                let bad = try sheet([[.integer(1), .text("2024-DA4-GT"), .integer(981_947), .text("381.822,5"), .text("")],
                                     [.text(""), .text("Cộng"), .text(""), .text(""), .text("")],
                                     [.integer(2), .text("2024-DA7-YT"), .integer(981_947), .text("12,1234567"), .text("")],
                                     [.integer(3), .text("2024-DA9-KHONG"), .integer(1), .text("5"), .text("")]])
                let before = try await snapshot(open.db)
                do {
                    try await ImportDisbursements(data: bad, fileName: "giai-ngan.xlsx", month: june, mapping: mapping).run(app, by: finance, today: today)
                    Issue.record("a file with bad cells was accepted")
                } catch let error as AppError {
                    #expect(error.description.contains("Ô D4") && error.description.contains("Ô B5"), "\(error)")
                }
                #expect(try await snapshot(open.db) == before)
                // Cumulative below what is recorded: refused by cell, nothing stored.
                let lower = try sheet([[.integer(1), .text("2024-DA4-GT"), .integer(981_947), .integer(200_000), .text("")]])
                await #expect(throws: AppError.self) {
                    try await ImportDisbursements(data: lower, fileName: "x.xlsx", month: june, mapping: mapping).run(app, by: finance, today: today)
                }
                await #expect(throws: AppError.self) {   // not the finance side
                    try await ImportDisbursements(data: lower, fileName: "x.xlsx", month: june, mapping: mapping)
                        .run(app, by: Caller(principal: Principal(username: "sogtvt", grants: [RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")]), address: "x"), today: today)
                }
                #expect(try await snapshot(open.db) == before)
                let good = try sheet([[.integer(1), .text("2024-DA4-GT"), .integer(981_947), .text("381.822,5"), .text("")],
                                      [.integer(2), .text("2024-DA7-YT"), .integer(981_947), .decimal(12.5, places: 1), .text("")]])
                #expect(try await ImportDisbursements(data: good, fileName: "giai-ngan.xlsx", month: june, mapping: mapping).run(app, by: finance, today: today) == 2)
                let months = try await CapitalBook(open.db).disbursements()
                #expect(months.first { $0.lineId == "2024-DA4-GT" && $0.month == june }?.disbursed == Dong(81_822_500_000))
                #expect(months.first { $0.lineId == "2024-DA7-YT" }?.disbursed == Dong(12_500_000))
                // The same month again is refused: once per month.
                await #expect(throws: AppError.self) {
                    try await ImportDisbursements(data: good, fileName: "giai-ngan.xlsx", month: june, mapping: mapping).run(app, by: finance, today: today)
                }
            }
        }
    }
}
