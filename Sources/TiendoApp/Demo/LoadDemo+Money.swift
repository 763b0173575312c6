import Foundation
import TiendoCore
import TiendoStore

/// The demo's money: capital lines for every Dự án and simulated district in 2024, their decisions (giao, some
/// adjusted, allocations to the works the plan names), monthly disbursements, and in 2025 the capital extended from
/// 2024 and new lines for the new communes. Every amount is whole millions of đồng, made up, and marked as simulated.
extension LoadDemo {
    /// The agency that holds each Dự án's provincial capital in the simulation.
    static let projectHolders: [Int: String] = [
        1: "Sở Nông nghiệp và Phát triển nông thôn", 2: "Sở Tài nguyên và Môi trường", 3: "Sở Nông nghiệp và Phát triển nông thôn",
        4: "Sở Giao thông vận tải", 5: "Sở Giáo dục và Đào tạo", 6: "Sở Văn hóa và Thể thao", 7: "Sở Y tế",
        8: "Hội Liên hiệp Phụ nữ tỉnh", 9: "Ban Dân tộc", 10: "Ban Dân tộc",
    ]

    struct MoneyCounts { var lines = 0, decisions = 0, months = 0 }

    static func simulateMoney(_ app: AppContext, districts: [AdminUnit], communes2025: [AdminUnit], finance: Caller, coordinator: Caller,
                              random: inout Random) async throws -> MoneyCounts {
        var counts = MoneyCounts()
        func millions(_ low: Int, _ high: Int) -> Dong { Dong(Int.random(in: low...high, using: &random) * 1_000_000) }
        func decision(_ n: Int, _ date: CivilDate, _ issuer: String = "UBND tỉnh") -> CapitalDecision {
            CapitalDecision(number: "\(n)/QĐ-UBND", date: date, issuer: issuer)
        }
        let book = CapitalBook(app.db)
        let works = try await book.works()
        var lines2024: [(CapitalLine, Dong)] = []
        var number = 100
        func open(_ line: CapitalLine, plan: Dong, on date: CivilDate, kind: CapitalEvent.Kind = .assign) async throws {
            try await AddCapitalLine(line).run(app, by: finance)
            number += 1
            try await RecordCapitalEvent(CapitalEvent(lineId: line.id, kind: kind, amount: plan, decision: decision(number, date))).run(app, by: finance)
            counts.lines += 1
            counts.decisions += 1
        }
        let january = CivilDate(year: 2024, month: 1, day: 15)!
        for project in 1...10 {
            guard let holder = projectHolders[project] else { continue }
            let type: FundingSource.CapitalType = [1, 4, 5, 7].contains(project) ? .investment : .recurrent
            let line = CapitalLine(id: "2024-DA\(project)-\(type == .investment ? "DTPT" : "SN")-NSTW", year: 2024, project: project,
                                   capitalType: type, source: "nstw", origin: .assigned, holder: .agency(holder))
            let plan = project == 4 ? millions(180_000, 320_000) : millions(8_000, 60_000)
            try await open(line, plan: plan, on: january)
            lines2024.append((line, plan))
        }
        for district in districts {
            let line = CapitalLine(id: "2024-DA4-DTPT-NSTW-\(district.code)", year: 2024, project: 4, capitalType: .investment, source: "nstw",
                                   origin: .assigned, holder: .unit(code: district.code, mapDate: january))
            let plan = millions(15_000, 90_000)
            try await open(line, plan: plan, on: january)
            lines2024.append((line, plan))
            let local = CapitalLine(id: "2024-DA1-SN-NSTINH-\(district.code)", year: 2024, project: 1, capitalType: .recurrent, source: "ns-tinh",
                                    origin: .assigned, holder: .unit(code: district.code, mapDate: january))
            let localPlan = millions(2_000, 12_000)
            try await open(local, plan: localPlan, on: january)
            lines2024.append((local, localPlan))
        }
        // Allocations to the works the plan names, from the lines of their Dự án; each work's details and monthly
        // progress, one of them falling behind and one silent in its last month.
        for (index, work) in works.enumerated() {
            guard let project = work.project, let (line, plan) = lines2024.first(where: { $0.0.project == project && $0.0.holder.key.hasPrefix("agency:") }) else { continue }
            number += 1
            let share = Dong(plan.value / 8 / 1_000_000 * 1_000_000)
            try await RecordCapitalEvent(CapitalEvent(lineId: line.id, kind: .allocate, amount: share, decision: decision(number, CivilDate(year: 2024, month: 3, day: 1)!),
                                                      target: work.code)).run(app, by: finance)
            counts.decisions += 1
            var details = work
            details.investor = line.holder
            details.totalInvestment = Dong(share.value * 4)
            number += 1
            details.approvalDecision = decision(number, CivilDate(year: 2024, month: 2, day: 15)!)
            (details.plannedStart, details.plannedFinish) = (CivilDate(year: 2024, month: 4, day: 1)!, CivilDate(year: 2025, month: 12, day: 31)!)
            details.actualStart = CivilDate(year: 2024, month: 4, day: Int.random(in: 1...28, using: &random))!
            details.status = .underway
            try await UpdateWork(details).run(app, by: finance)
            var percent = 0
            let pace = index == 0 ? 2 : 5
            for month in 4...(index == 1 ? 11 : 12) {
                percent = min(100, percent + Int.random(in: 1...pace, using: &random))
                let value = Dong(share.value / 20 / 1_000_000 * 1_000_000)
                try await ReportWorkProgress(WorkProgress(workCode: work.code, month: CivilDate.endOfMonth(month, year: 2024)!, valueDone: value,
                                                          disbursed: Dong(value.value / 10 * 9), physicalPercent: percent,
                                                          landCleared: ExactNumber(Decimal(min(40, month * 4))), landNeeded: ExactNumber(40),
                                                          causes: index == 0 && month > 8 ? "Vướng giải phóng mặt bằng (mô phỏng)." : nil, reportedBy: ""))
                    .run(app, by: coordinator, today: CivilDate(year: 2024, month: 12, day: 31)!)
            }
        }
        // Monthly disbursements: slow at first, faster towards the year's end; a few lines adjusted in August.
        var remaining: [String: Dong] = [:]
        for (line, plan) in lines2024 {
            var plan = plan
            if Int.random(in: 0..<4, using: &random) == 0 {
                plan = Dong(plan.value / 10 * 9 / 1_000_000 * 1_000_000)
                number += 1
                try await RecordCapitalEvent(CapitalEvent(lineId: line.id, kind: .adjust, amount: plan,
                                                          decision: decision(number, CivilDate(year: 2024, month: 8, day: 20)!))).run(app, by: finance)
                counts.decisions += 1
            }
            var paid = 0, december: Dong?
            for month in 1...12 where Int.random(in: 0..<5, using: &random) > 0 {
                let share = Int.random(in: month < 6 ? 1...6 : 4...12, using: &random)
                let amount = min(plan.value - paid, plan.value / 100 * share / 1_000_000 * 1_000_000)
                guard amount > 0 else { continue }
                paid += amount
                let record = Disbursement(lineId: line.id, month: CivilDate.endOfMonth(month, year: 2024)!, disbursed: Dong(amount),
                                          workDone: Dong(amount / 100 * Int.random(in: 100...115, using: &random)), reportedBy: "")
                try await RecordDisbursement(record).run(app, by: coordinator, today: CivilDate(year: 2025, month: 1, day: 31)!)
                counts.months += 1
                if month == 12 { december = record.disbursed }
            }
            remaining[line.id] = Dong(plan.value - paid)
            // The finance side reports the year's total in December (its first figure for the line): mostly the holder's
            // cumulative total, now and then a few million less.
            if december != nil, Int.random(in: 0..<3, using: &random) == 0 {
                let less = Int.random(in: 0..<3, using: &random) == 0 ? Int.random(in: 1...5, using: &random) * 1_000_000 : 0
                try await RecordDisbursement(Disbursement(lineId: line.id, month: CivilDate(year: 2024, month: 12, day: 31)!,
                                                          disbursed: Dong(max(0, paid - less)), reportedBy: ""))
                    .run(app, by: finance, today: CivilDate(year: 2025, month: 1, day: 31)!)
                counts.months += 1
            }
        }
        // 2025: what 2024 left undisbursed on the investment lines is extended, and each new commune gets a line.
        let extendedOn = CivilDate(year: 2025, month: 2, day: 10)!
        for (line, _) in lines2024 where line.capitalType == .investment {
            guard let left = remaining[line.id], left.value >= 1_000_000, Int.random(in: 0..<3, using: &random) > 0 else { continue }
            let carried = CapitalLine(id: line.id.replacingOccurrences(of: "2024-", with: "2025-") + "-KD", year: 2025, project: line.project,
                                      capitalType: line.capitalType, source: line.source, origin: .extended(from: 2024), holder: line.holder)
            try await open(carried, plan: Dong(left.value / 1_000_000 * 1_000_000), on: extendedOn, kind: .extend)
        }
        let july = CivilDate(year: 2025, month: 7, day: 15)!
        for unit in communes2025 {
            let line = CapitalLine(id: "2025-DA4-DTPT-NSTW-\(unit.code)", year: 2025, project: 4, capitalType: .investment, source: "nstw",
                                   origin: .assigned, holder: .unit(code: unit.code, mapDate: newMap))
            let plan = millions(3_000, 25_000)
            try await open(line, plan: plan, on: july)
            var paid = 0
            for month in 8...11 where Int.random(in: 0..<4, using: &random) > 0 {
                let amount = plan.value / 100 * Int.random(in: 5...20, using: &random) / 1_000_000 * 1_000_000
                guard amount > 0, paid + amount <= plan.value else { continue }
                paid += amount
                try await RecordDisbursement(Disbursement(lineId: line.id, month: CivilDate.endOfMonth(month, year: 2025)!, disbursed: Dong(amount),
                                                          reportedBy: "")).run(app, by: coordinator, today: CivilDate(year: 2025, month: 12, day: 31)!)
                counts.months += 1
            }
        }
        return counts
    }
}
