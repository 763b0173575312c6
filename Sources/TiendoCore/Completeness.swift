/// Who had to report for an obligation and how they did: on time, late or missing.
public struct Completeness: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable, Codable { case onTime, late, missing }

    public struct Line: Hashable, Sendable {
        /// An agency name, or a unit code in the map of the due date.
        public var reporter: String
        public var outcome: Outcome
        public var submittedOn: CivilDate?

        /// "đúng hạn 12/05/2024 · huyện đã duyệt", "muộn …", "chưa gửi" (with "· đang nhập" when figures are being entered).
        public func vietnamese(state: SubmissionState?) -> String {
            let when = submittedOn.map { " \($0.vietnamese)" } ?? ""
            let stage = state.map { " · \($0.vietnamese)" } ?? ""
            switch outcome {
            case .onTime: return "đúng hạn\(when)\(stage)"
            case .late: return "muộn\(when)\(stage)"
            case .missing: return "chưa gửi" + (state == .draft || state == .returned ? stage : "")
            }
        }
    }

    public var dueOn: CivilDate
    public var lines: [Line]

    public var expected: Int { lines.count }
    public var submitted: Int { lines.filter { $0.outcome != .missing }.count }
    public var onTime: Int { lines.filter { $0.outcome == .onTime }.count }
    public var late: Int { lines.filter { $0.outcome == .late }.count }
    public var missing: Int { lines.filter { $0.outcome == .missing }.count }

    /// Expected reporters are the units of `level` in force on the due date (a commune merged before it is not
    /// expected; its successor is) plus `agencies`. A submission by a unit that was later merged counts for the
    /// successor. `submissions` maps a reporter (unit code or agency name) to the day it submitted.
    public static func compute(dueOn: CivilDate, level: AdminLevel?, agencies: [String], units: AdminUnitRegistry,
                               submissions: [String: CivilDate], today: CivilDate) -> Completeness {
        var byReporter: [String: CivilDate] = [:]
        for (reporter, day) in submissions {
            let unit = units.unit(code: reporter, asOf: day)
            let key = unit.flatMap { units.counterparts(of: $0, at: dueOn).first?.code } ?? reporter
            byReporter[key] = min(byReporter[key] ?? day, day)
        }
        let expectedUnits = level.map { units.units(at: dueOn, level: $0).map(\.code) } ?? []
        let lines = (agencies + expectedUnits).map { reporter -> Line in
            guard let day = byReporter[reporter] else { return Line(reporter: reporter, outcome: .missing, submittedOn: nil) }
            return Line(reporter: reporter, outcome: day <= dueOn ? .onTime : .late, submittedOn: day)
        }
        return Completeness(dueOn: dueOn, lines: lines)
    }
}
