import Foundation
import TiendoCore
import TiendoStore

extension LoadDemo {
    /// The figures of one report with figures, entered, sent and approved the way each level does it: in a map with
    /// districts, a district's officer enters its communes and Ban Dân tộc approves the district; in the map of
    /// 01/07/2025, each commune's own officer enters and sends, and Ban Dân tộc approves it. Agencies enter theirs.
    struct Figures {
        let elements: [DataElement]
        let communeElements: [DataElement]
        /// An agency's count of a commune's villages never exceeds the villages the commune itself reported.
        let denominators: [String: String]
        /// "unit|element" → a commune's latest own figure: a commune silent for the year is read from its half-year.
        var reported: [String: Int] = [:]

        init(seed: (elements: [DataElement], definitions: [IndicatorDefinition])) {
            elements = seed.elements
            communeElements = seed.elements.filter { $0.level == .commune && $0.source == .units }
            denominators = Dictionary(seed.definitions.compactMap { d -> (String, String)? in
                guard case let .ratio(numerator, denominator, _) = d.formula else { return nil }
                return (numerator, denominator)
            }, uniquingKeysWith: { a, _ in a })
        }

        /// Simulates `obligation` of the plan `app` holds; returns how many reports were sent. `districts` limits a
        /// map with districts; `communes`, with their officers, is the map without them.
        mutating func simulate(_ id: String, app: AppContext, districts: [AdminUnit], communes: [(AdminUnit, Principal)] = [],
                               coordinator: Principal, random: inout Random) async throws -> Int {
            let loaded = try await app.loadedPlan()
            guard let obligation = loaded.document.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else {
                throw AppError.notFound("Không có chế độ báo cáo \(id) có thời hạn.")
            }
            let (directory, period) = (loaded.directory, obligation.period.code)
            let accounts = Accounts(app.db)
            let asCoordinator = Caller(principal: coordinator, address: "demo")
            var submissions = 0
            for district in districts where district.isInForce(on: due) {
                guard let officer = try await accounts.principal("demo-huyen-\(district.code)") else { continue }
                let asDistrict = Caller(principal: officer, address: "demo")
                for commune in directory.units.children(of: district.code, at: due) {
                    let fate = Int.random(in: 0..<20, using: &random)
                    if fate == 0 { continue }                                         // missing
                    try await enter(id, period: period, due: due, commune: commune, by: asDistrict, app: app, random: &random)
                    submissions += 1
                    if fate > 1 {
                        _ = try await MoveSubmission(.approve, obligation: id, reporter: commune.code, period: period, comment: nil).run(app, by: asDistrict)
                    }
                    let offset = fate < 3 ? Int.random(in: 1...20, using: &random) : -Int.random(in: 1...30, using: &random)
                    try await DataEntry(app.db).backdate(obligation: id, reporter: commune.code, period: period, due: due, days: offset)
                }
                // The district sends its report once no commune waits for it; Ban Dân tộc approves most, which approves their communes.
                guard (try? await MoveSubmission(.submit, obligation: id, reporter: district.code, period: period, comment: nil).run(app, by: asDistrict)) != nil else { continue }
                let offset = Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: 1...10, using: &random) : -Int.random(in: 0...10, using: &random)
                try await DataEntry(app.db).backdate(obligation: id, reporter: district.code, period: period, due: due, days: offset)
                if Int.random(in: 0..<3, using: &random) > 0 {
                    _ = try await MoveSubmission(.approve, obligation: id, reporter: district.code, period: period, comment: nil).run(app, by: asCoordinator)
                }
            }
            for (commune, officer) in communes where commune.isInForce(on: due) {
                let fate = Int.random(in: 0..<20, using: &random)
                if fate == 0 { continue }
                try await enter(id, period: period, due: due, commune: commune, by: Caller(principal: officer, address: "demo"), app: app, random: &random)
                submissions += 1
                if fate > 2 {
                    _ = try await MoveSubmission(.approve, obligation: id, reporter: commune.code, period: period, comment: nil).run(app, by: asCoordinator)
                }
                let offset = fate < 4 ? Int.random(in: 1...20, using: &random) : -Int.random(in: 1...30, using: &random)
                try await DataEntry(app.db).backdate(obligation: id, reporter: commune.code, period: period, due: due, days: offset)
            }
            // Agencies: most send on time, a few late, one in six not at all; those with figures enter them for every unit.
            let education = try await accounts.principal("demo-sogd")
            for agency in obligation.expectedReporters(directory: directory).agencies {
                let fate = Int.random(in: 0..<6, using: &random)
                if fate == 0 { continue }
                let actor = Caller(principal: agency == "Sở Giáo dục và Đào tạo" ? education ?? coordinator : coordinator, address: "demo")
                if let form = EntryForm.make(reporter: agency, directory: directory, elements: elements, on: due), !form.lines.isEmpty {
                    var wholes: [String: Int] = [:]
                    let values = form.lines.map { line in
                        let whole = denominators[line.element.code].flatMap { code in elements.first { $0.code == code } }
                        let value: Int
                        if let whole, whole.source == .units {
                            // Never more than the commune's own count; when it has not reported, no more than any commune has (6).
                            let own = reported["\(line.unitCode)|\(whole.code)"] ?? 6
                            value = own * Int.random(in: 600...1000, using: &random) / 1000
                        } else {
                            value = agencyFigure(line.element.code, whole: wholes[line.unitCode] ?? 0, random: &random)
                        }
                        wholes[line.unitCode] = value
                        return EntryValue(element: line.element.code, unitCode: line.unitCode, value: value)
                    }
                    _ = try await SaveFigures(obligation: id, reporter: agency, period: period, values: values).run(app, by: actor)
                }
                _ = try await MoveSubmission(.submit, obligation: id, reporter: agency, period: period, comment: nil).run(app, by: actor)
                try await DataEntry(app.db).backdate(obligation: id, reporter: agency, period: period, due: due,
                                                     days: fate == 1 ? Int.random(in: 1...12, using: &random) : -Int.random(in: 0...15, using: &random))
                submissions += 1
                if fate > 2 {
                    _ = try await MoveSubmission(.approve, obligation: id, reporter: agency, period: period, comment: nil).run(app, by: asCoordinator)
                }
            }
            return submissions
        }

        /// One commune's figures, entered and sent by `caller`.
        mutating func enter(_ obligation: String, period: String, due: CivilDate, commune: AdminUnit, by caller: Caller,
                            app: AppContext, random: inout Random) async throws {
            let households = Int.random(in: 300...2_500, using: &random)
            let people = households * Int.random(in: 35...45, using: &random) / 10
            var values: [EntryValue] = []
            for element in communeElements {
                // A commune's count of its villages does not change between the half-year and the year.
                let known = element.code.hasPrefix("so_") ? reported["\(commune.code)|\(element.code)"] : nil
                let value = known ?? figure(element.code, households: households, people: people, random: &random)
                reported["\(commune.code)|\(element.code)"] = value
                values.append(EntryValue(element: element.code, value: value))
            }
            _ = try await SaveFigures(obligation: obligation, reporter: commune.code, period: period, values: values).run(app, by: caller)
            _ = try await MoveSubmission(.submit, obligation: obligation, reporter: commune.code, period: period, comment: nil).run(app, by: caller)
        }
    }
}
