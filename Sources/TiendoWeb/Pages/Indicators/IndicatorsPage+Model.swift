import TiendoCore

extension IndicatorsPage {
    /// Every indicator of the plan with its latest figure, if approved data give one.
    struct Model {
        var indicators: [(indicator: Indicator, figure: IndicatorFigure?)]

        static func query(_ data: PlanData) -> Model {
            Model(indicators: data.plan.targets.flatMap(\.indicators).map { ($0, data.indicators[$0.code]) })
        }
    }
}
