import Foundation
import TiendoCore

extension CapitalPage {
    /// The funnel giao → phân bổ → giải ngân on a cut-off date, summed by Dự án, source, capital type and holder.
    struct Model {
        static let dateParameter = "ngay"
        static let yearParameter = "nam"

        var asOf: CivilDate
        var funnel: CapitalFunnel
        var total: CapitalFunnel.Total
        var byProject: [(key: String, total: CapitalFunnel.Total)]
        var bySource: [(key: String, total: CapitalFunnel.Total)]
        var byType: [(key: String, total: CapitalFunnel.Total)]
        /// Holders (chủ đầu tư) from the lowest disbursement rate up: who needs following first.
        var holders: [(key: String, total: CapitalFunnel.Total)]
        var works: [InvestmentWork]
        /// Works that need following today, with why.
        var followUps: [(work: InvestmentWork, why: String)] = []
        /// Months where the holders' and the finance side's figures differ, or one side is missing.
        var gaps: [CapitalReconciliation.Difference] = []
        /// The plan year shown, and the years with capital.
        var year = 0
        var years: [Int] = []

        static func query(_ funnel: CapitalFunnel, works: [InvestmentWork], names: (CapitalHolder) -> String) throws -> Model {
            let sources = Dictionary(CapitalSource.standard.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            let holders = try funnel.totals { names($0.holder) }.sorted {
                let (a, b) = ($0.total.rate, $1.total.rate)
                // Compare rates exactly (cross-multiplied); a holder with no plan comes last.
                guard a.whole.value > 0 else { return false }
                guard b.whole.value > 0 else { return true }
                return Decimal(a.part.value) * Decimal(b.whole.value) < Decimal(b.part.value) * Decimal(a.whole.value)
            }
            return Model(asOf: funnel.asOf, funnel: funnel, total: try funnel.total(),
                         byProject: try funnel.totals(by: \.projectName).sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending },
                         bySource: try funnel.totals { sources[$0.source] ?? $0.source },
                         byType: try funnel.totals { $0.capitalType.vietnamese },
                         holders: holders, works: works)
        }
    }
}
