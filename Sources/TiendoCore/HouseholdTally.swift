import Foundation

/// The seven sources of a household's income in household-csv-v1, in file order; the raw value is the column.
public enum IncomeSource: String, CaseIterable, Sendable {
    case wages = "income_wages", agriculture = "income_agriculture", forestry = "income_forestry", fishery = "income_fishery"
    case business = "income_business", transfers = "income_transfers", other = "income_other"

    public var vietnamese: String {
        switch self {
        case .wages: "Tiền lương, tiền công"
        case .agriculture: "Nông nghiệp"
        case .forestry: "Lâm nghiệp"
        case .fishery: "Thủy sản"
        case .business: "Kinh doanh, dịch vụ"
        case .transfers: "Trợ cấp, chuyển nhượng"
        case .other: "Khác"
        }
    }
}

/// Whom a survey aggregate counts: every household, or those of ethnic minorities (hộ DTTS).
public enum SurveyPopulation: String, CaseIterable, Sendable, Codable {
    case all
    case ethnicMinority = "ethnic_minority"
}

/// One household as the survey file gives it, reduced to what the aggregates need.
public struct HouseholdRecord: Sendable {
    /// The seven income columns of household-csv-v1, in file order.
    public static let incomeSources = IncomeSource.allCases.map(\.rawValue)
    /// The 12 deprivation indicators, in file order.
    public static let deprivationColumns = ["d_employment", "d_dependents", "d_nutrition", "d_health_insurance", "d_adult_education",
                                            "d_child_schooling", "d_housing_quality", "d_housing_area", "d_water", "d_sanitation",
                                            "d_telecom", "d_information"]

    public var area: Area
    public var members: Int
    public var ethnicMinority: Bool
    public var weight: Double
    public var incomes: (Int, Int, Int, Int, Int, Int, Int)
    public var deprivations: Int
    /// Which of the 12 indicators the household is deprived in: bit i for `deprivationColumns[i]`.
    public var deprivationFlags: Int

    public init(area: Area, members: Int, ethnicMinority: Bool, weight: Double, incomes: (Int, Int, Int, Int, Int, Int, Int),
                deprivations: Int, deprivationFlags: Int = 0) {
        self.area = area
        self.members = members
        self.ethnicMinority = ethnicMinority
        self.weight = weight
        self.incomes = incomes
        self.deprivations = deprivations
        self.deprivationFlags = deprivationFlags
    }

    public var income: Int {
        incomes.0 + incomes.1 + incomes.2 + incomes.3 + incomes.4 + incomes.5 + incomes.6
    }
}

/// One household of a survey with its id and commune, as the file gives it and the database stores it.
public struct SurveyHousehold: Sendable {
    public var id: String
    public var communeCode: String
    public var record: HouseholdRecord
    public var kind: PovertyClass

    public init(id: String, communeCode: String, record: HouseholdRecord, kind: PovertyClass) {
        self.id = id
        self.communeCode = communeCode
        self.record = record
        self.kind = kind
    }
}

/// Sums for one group of households (a commune, a district, the province; everyone or the ethnic-minority subset):
/// exact integer counts and sums, and the weighted sums the estimates and their standard errors are made from.
public struct HouseholdTally: Sendable, Equatable {
    /// Seven sums, one per income source.
    struct SourceSums: Sendable, Equatable {
        var _0 = 0, _1 = 0, _2 = 0, _3 = 0, _4 = 0, _5 = 0, _6 = 0

        mutating func add(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int, _ f: Int, _ g: Int) {
            _0 += a; _1 += b; _2 += c; _3 += d; _4 += e; _5 += f; _6 += g
        }
    }

    public var households = 0, members = 0, poor = 0, nearPoor = 0, incomeTotal = 0
    /// Income summed by source, in `HouseholdRecord.incomeSources` order.
    public var incomeBySource: [Int] { [sources._0, sources._1, sources._2, sources._3, sources._4, sources._5, sources._6] }
    /// The sums by source as fields rather than an array: a million households added to tallies check and copy nothing.
    var sources = SourceSums()
    // Weighted: Σw, Σw·m, Σw·y, Σw·poor, Σw·near; for linearised variances Σw², Σw²·poor, Σw²·near, Σw²y², Σw²ym, Σw²m².
    public var w = 0.0, wMembers = 0.0, wIncome = 0.0, wPoor = 0.0, wNear = 0.0
    public var w2 = 0.0, w2Poor = 0.0, w2Near = 0.0, w2Income2 = 0.0, w2IncomeMembers = 0.0, w2Members2 = 0.0

    public init() {}

    public mutating func add(_ h: HouseholdRecord, _ kind: PovertyClass) {
        let y = h.income
        households += 1
        members += h.members
        incomeTotal += y
        sources.add(h.incomes.0, h.incomes.1, h.incomes.2, h.incomes.3, h.incomes.4, h.incomes.5, h.incomes.6)
        let isPoor = kind == .poor ? 1.0 : 0, isNear = kind == .nearPoor ? 1.0 : 0
        if kind == .poor { poor += 1 } else if kind == .nearPoor { nearPoor += 1 }
        let weight = h.weight, m = Double(h.members), income = Double(y), ww = weight * weight
        w += weight; wMembers += weight * m; wIncome += weight * income; wPoor += weight * isPoor; wNear += weight * isNear
        w2 += ww; w2Poor += ww * isPoor; w2Near += ww * isNear
        w2Income2 += ww * income * income; w2IncomeMembers += ww * income * m; w2Members2 += ww * m * m
    }

    public mutating func merge(_ o: HouseholdTally) {
        households += o.households; members += o.members; poor += o.poor; nearPoor += o.nearPoor; incomeTotal += o.incomeTotal
        sources.add(o.sources._0, o.sources._1, o.sources._2, o.sources._3, o.sources._4, o.sources._5, o.sources._6)
        w += o.w; wMembers += o.wMembers; wIncome += o.wIncome; wPoor += o.wPoor; wNear += o.wNear
        w2 += o.w2; w2Poor += o.w2Poor; w2Near += o.w2Near
        w2Income2 += o.w2Income2; w2IncomeMembers += o.w2IncomeMembers; w2Members2 += o.w2Members2
    }

    /// A weighted share of households and its standard error (Taylor linearisation, with-replacement design).
    func share(_ wCount: Double, _ w2Count: Double) -> (Double, Double)? {
        guard households > 0, w > 0 else { return nil }
        let p = wCount / w
        return (p, standardError(sumZ2: w2Count - 2 * p * w2Count + p * p * w2, denominator: w))
    }

    /// √(n/(n−1) · Σz² / D²): the linearised standard error of a ratio with weighted denominator D.
    func standardError(sumZ2: Double, denominator: Double) -> Double {
        let n = Double(households)
        return n > 1 ? (n / (n - 1) * max(sumZ2, 0) / (denominator * denominator)).squareRoot() : 0
    }

    public var poorRate: (Double, Double)? { share(wPoor, w2Poor) }
    public var nearPoorRate: (Double, Double)? { share(wNear, w2Near) }

    /// Weighted income per person per year, a ratio estimate, and its standard error.
    public var incomePerCapita: (Double, Double)? {
        guard households > 0, wMembers > 0 else { return nil }
        let r = wIncome / wMembers
        return (r, standardError(sumZ2: w2Income2 - 2 * r * w2IncomeMembers + r * r * w2Members2, denominator: wMembers))
    }
}

/// Tallies by commune for everyone and for ethnic-minority households, rolled up to districts and the province.
public struct HouseholdSummary: Sendable {
    public struct Row: Sendable {
        public var level: AdminLevel
        public var code: String
        public var all: HouseholdTally
        public var ethnicMinority: HouseholdTally

        /// The tally of `population`.
        public func tally(_ population: SurveyPopulation) -> HouseholdTally {
            population == .all ? all : ethnicMinority
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// `communes` are tallies indexed like `communeCodes`; `parent` gives a commune's district.
    public static func make(province: String, communeCodes: [String], parent: (String) -> String?,
                            all: [HouseholdTally], ethnicMinority: [HouseholdTally]) -> HouseholdSummary {
        var districts: [String: (HouseholdTally, HouseholdTally)] = [:]
        var provinceAll = HouseholdTally(), provinceEM = HouseholdTally()
        var communeRows: [Row] = []
        for (i, code) in communeCodes.enumerated() where all[i].households > 0 {
            communeRows.append(Row(level: .commune, code: code, all: all[i], ethnicMinority: ethnicMinority[i]))
            let district = parent(code) ?? ""
            var entry = districts[district] ?? (HouseholdTally(), HouseholdTally())
            entry.0.merge(all[i]); entry.1.merge(ethnicMinority[i])
            districts[district] = entry
            provinceAll.merge(all[i]); provinceEM.merge(ethnicMinority[i])
        }
        var rows = [Row(level: .province, code: province, all: provinceAll, ethnicMinority: provinceEM)]
        rows += districts.keys.sorted().map { Row(level: .district, code: $0, all: districts[$0]!.0, ethnicMinority: districts[$0]!.1) }
        rows += communeRows.sorted { $0.code < $1.code }
        return HouseholdSummary(rows: rows)
    }

    /// household-csv-v1's aggregate: `level,code,households,members,poor,near_poor,income_total`.
    public var csv: String {
        var out = "level,code,households,members,poor,near_poor,income_total\n"
        for row in rows {
            let t = row.all
            out += "\(row.level.rawValue),\(row.code),\(t.households),\(t.members),\(t.poor),\(t.nearPoor),\(t.incomeTotal)\n"
        }
        return out
    }

    /// The aggregate with weighted estimates, income by source, for everyone and for ethnic-minority households.
    public var fullCSV: String {
        let sources = HouseholdRecord.incomeSources.joined(separator: ",")
        var out = "level,code,population,households,members,poor,near_poor,income_total,weighted_households,"
            + "poor_rate,poor_rate_se,near_poor_rate,near_poor_rate_se,income_per_capita,income_per_capita_se,\(sources)\n"
        func number(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "" }
        for row in rows {
            for population in SurveyPopulation.allCases {
                let t = row.tally(population)
                out += "\(row.level.rawValue),\(row.code),\(population.rawValue),\(t.households),\(t.members),\(t.poor),\(t.nearPoor),\(t.incomeTotal),"
                out += "\(number(t.households > 0 ? t.w : nil)),\(number(t.poorRate?.0)),\(number(t.poorRate?.1)),"
                out += "\(number(t.nearPoorRate?.0)),\(number(t.nearPoorRate?.1)),\(number(t.incomePerCapita?.0)),\(number(t.incomePerCapita?.1)),"
                out += t.incomeBySource.map(String.init).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}

/// How survey results join the figures the units report.
public enum SurveyFigures {
    /// A survey counts households itself: for the elements and communes and year it covers, its figures replace
    /// the ones entered by hand; everything else stays.
    public static func merge(approved: [DataValue], surveys: [DataValue]) -> [DataValue] {
        let covered = Set(surveys.map { "\($0.element)|\($0.unitCode)|\($0.period.start.year)" })
        return approved.filter { !covered.contains("\($0.element)|\($0.unitCode)|\($0.period.start.year)") } + surveys
    }
}
