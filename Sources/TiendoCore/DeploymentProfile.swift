/// What names this installation in reports and pages: read from the plan in force, with overrides an
/// administrator keeps in the settings table (`tiendo setting set`), so no province's name is written in code.
public struct DeploymentProfile: Hashable, Sendable {
    /// The settings that override the plan's own values.
    public enum Key: String, CaseIterable, Sendable {
        /// The body above the agencies in report headers, as the plan names it ("UBND tỉnh Quảng Ninh").
        case issuer = "profile.issuer"
        /// The place before the date of a report ("Quảng Ninh, ngày … tháng … năm …").
        case place = "profile.place"
        /// The line at the foot of every page.
        case footer = "profile.footer"
    }

    public var provinceCode: String
    public var issuer: String
    public var place: String
    public var footer: String

    public init(plan: Plan, settings: [String: String] = [:]) {
        func value(_ key: Key, _ fallback: String) -> String {
            settings[key.rawValue].flatMap { $0.trimmingCharacters(in: .whitespaces).nilIfEmpty } ?? fallback
        }
        provinceCode = plan.provinceCode
        issuer = value(.issuer, plan.issuer)
        place = value(.place, plan.place)
        footer = value(.footer, "\(plan.documentType) \(plan.number) ngày \(plan.issuedOn.vietnamese) của \(plan.issuer) · Tiendo")
    }
}
