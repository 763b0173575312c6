/// A report the plan demands: what, from whom, to whom, and by when.
public struct ReportObligation: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case plan, sixMonth, annual, onRequest
    }
    public var id: String
    public var name: String
    public var kind: Kind
    /// Assignee names (usually collectives) that must send it.
    public var reporters: [String]
    public var receiver: String
    /// The agency that consolidates it on the receiver's behalf.
    public var via: String
    public var deadline: Deadline
    public var sourceClause: String
    public var note: String?

    public init(id: String, name: String, kind: Kind, reporters: [String], receiver: String, via: String, deadline: Deadline, sourceClause: String, note: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.reporters = reporters
        self.receiver = receiver
        self.via = via
        self.deadline = deadline
        self.sourceClause = sourceClause
        self.note = note
    }

    public var dueOn: CivilDate? { deadline.date }
}

extension ReportObligation {
    /// The 6-month and annual reports carry figures; the plan report is a document, sent without any.
    public var carriesFigures: Bool { kind == .sixMonth || kind == .annual }

    /// The agencies' and districts' own plans: publishing one as a child of this plan is sending it.
    public var isFulfilledByChildPlans: Bool { kind == .plan }

    /// The period its figures cover: the first half for the 6-month report, the year otherwise.
    public var period: ReportingPeriod {
        let year = dueOn?.year ?? deadline.date?.year ?? 2024
        return kind == .sixMonth ? .firstHalf(year) : .year(year)
    }

    /// The elements its reporters enter: all of them, or none for a report without figures.
    public func elements(from all: [DataElement]) -> [DataElement] { carriesFigures ? all : [] }

    /// Who must send it on its due date: named agencies (collectives of agencies expanded) and, when the
    /// reporters include "UBND các huyện…" or "UBND các xã…", every unit of that level in force then.
    public func expectedReporters(directory: AgencyDirectory) -> (agencies: [String], level: AdminLevel?) {
        let due = dueOn ?? deadline.date ?? CivilDate(year: 2000, month: 1, day: 1)!
        var agencies: [String] = []
        var level: AdminLevel?
        for name in reporters {
            switch directory.resolve(name) {
            case let .collective(collective)? where collective.members.rule == .districtCommittees: level = .district
            case let .collective(collective)? where collective.members.rule == .communeCommittees: level = .commune
            case let .collective(collective)?: agencies += directory.members(of: collective, on: due).map(\.name)
            case let .agency(agency)?: agencies.append(agency.name)
            case nil: break
            }
        }
        return (agencies, level)
    }
}
