import FluentKit
import TiendoCore
import TiendoStore

extension SurveyPages {
    /// The surveys imported so far, and whether this user may import one (asked of the policy).
    struct Index {
        var surveys: [Survey]
        var mayImport: Bool
        var standards: [PovertyStandard]

        static func query(_ db: any Database, principal: Principal?) async throws -> Index {
            Index(surveys: try await Surveys(db).all(), mayImport: principal.map { Policy.can($0, .importSurvey) } ?? false,
                  standards: (try? PovertyStandard.bundled()) ?? [])
        }
    }

    /// One survey's results: the province (all and ethnic-minority households), each district and commune, the
    /// communes that still have poor households, with the units' names in the survey's map.
    struct Model {
        var survey: Survey
        var standard: PovertyStandard?
        /// nil when the survey has no household.
        var province: SurveyResult?
        var provinceMinority: SurveyResult?
        var districts: [SurveyResult]
        var communes: [SurveyResult]
        /// Most poor households first.
        var withPoor: [SurveyResult]
        var names: [String: String]
        var parents: [String: String]

        func name(_ r: SurveyResult) -> String { r.level == .province ? "Toàn tỉnh" : names[r.code] ?? r.code }

        /// nil when there is no survey of `year`.
        static func query(_ db: any Database, data: PlanData, year text: String) async throws -> Model? {
            guard let year = Int(text), let survey = try await Surveys(db).all().first(where: { $0.year == year }) else { return nil }
            let results = try await Surveys(db).results(year: year)
            let all = results.filter { $0.population == .all }
            let province = all.first { $0.level == .province }
            let communes = all.filter { $0.level == .commune }
            var names: [String: String] = [:], parents: [String: String] = [:]
            for r in all where r.level != .province {
                let day = CivilDate(iso: survey.unitsDate) ?? CivilDate(year: survey.year, month: 12, day: 31)!
                let unit = data.directory.units.unit(code: r.code, asOf: day)
                names[r.code] = unit?.name
                parents[r.code] = unit?.parentCode.map { data.directory.units.name(of: $0, on: day) }
            }
            return Model(survey: survey, standard: try? PovertyStandard.named(survey.standardId), province: province,
                         provinceMinority: province.flatMap { p in results.first { $0.population == .ethnicMinority && $0.level == .province && $0.code == p.code } },
                         districts: all.filter { $0.level == .district }, communes: communes,
                         withPoor: communes.filter { $0.poor > 0 }.sorted { ($0.poor, $1.code) > ($1.poor, $0.code) },
                         names: names, parents: parents)
        }
    }
}
