/// Which tasks a user asks for: by agency, by unit, by deadline. Every field is optional.
public struct TaskFilter: Hashable, Sendable {
    public var agency: String?
    public var unitCode: String?
    /// Tasks with a resolved deadline on or before this day.
    public var dueBefore: CivilDate?

    public init(agency: String? = nil, unitCode: String? = nil, dueBefore: CivilDate? = nil) {
        self.agency = agency
        self.unitCode = unitCode
        self.dueBefore = dueBefore
    }
}

/// A filter that cannot be applied; `parameter` names the offending input.
public struct TaskFilterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var parameter: String
    public var message: String
    public var description: String { message }
}

/// A task of section III or a row of the appendix, flattened for listing.
public struct TaskListing: Hashable, Sendable, Codable {
    public enum Source: String, Hashable, Sendable, Codable { case section, appendix }
    public var source: Source
    /// "III.2.(4)" or "PL.10".
    public var code: String
    /// "III.2" or the appendix group "II".
    public var group: String
    public var text: String
    public var leads: [String]
    public var coordinators: [String]
    public var deadline: Deadline?
    public var relatedTasks: [String]
    /// How the filtered agency or unit is assigned: role and the assignee it is reached through.
    public var matchedAs: [TaskMatch]?
}

/// One way an agency or unit is assigned to a task.
public struct TaskMatch: Hashable, Sendable, Codable {
    public var role: Assignment.Role
    /// The assignee as the plan names it; a collective when the match is through membership.
    public var via: String
    /// Whether `via` is a collective ("UBND các huyện, thị xã, thành phố") rather than the agency itself.
    public var throughCollective: Bool

    public init(role: Assignment.Role, via: String, throughCollective: Bool = false) {
        self.role = role
        self.via = via
        self.throughCollective = throughCollective
    }
}

public enum TaskQuery {
    /// Lists the plan's tasks that pass `filter`, section III first, then the appendix.
    /// Collective assignees are expanded with the units in force on the plan's issue date.
    public static func run(_ plan: PlanDocument, directory: AgencyDirectory, filter: TaskFilter) throws -> [TaskListing] {
        let who = try subject(of: filter, directory: directory, on: plan.plan.issuedOn)
        let section = plan.taskGroups.flatMap { group in
            group.tasks.map { task in
                TaskListing(source: .section, code: task.code, group: group.code, text: task.text,
                            leads: names(task.leads), coordinators: names(task.coordinators), deadline: nil,
                            relatedTasks: plan.appendix.filter { $0.relatedTasks.contains(task.code) }.map(\.code))
            }
        }
        let appendix = plan.appendix.map { row in
            TaskListing(source: .appendix, code: row.code, group: row.group, text: row.text,
                        leads: names(row.leads), coordinators: names(row.coordinators), deadline: row.deadline,
                        relatedTasks: row.relatedTasks)
        }
        let assignments = Dictionary(uniqueKeysWithValues:
            plan.sectionTasks.map { ($0.code, $0.assignments) } + plan.appendix.map { ($0.code, $0.assignments) })
        return (section + appendix).compactMap { listing in
            var listing = listing
            if let due = filter.dueBefore {
                guard let date = listing.deadline?.date, date <= due else { return nil }
            }
            if let who {
                let matches = (assignments[listing.code] ?? []).compactMap { assignment -> TaskMatch? in
                    guard let assignee = directory.resolve(assignment) else { return nil }
                    guard directory.includes(assignee, who, on: plan.plan.issuedOn) else { return nil }
                    if case .collective = assignee {
                        return TaskMatch(role: assignment.role, via: assignment.assignee, throughCollective: true)
                    }
                    return TaskMatch(role: assignment.role, via: assignment.assignee)
                }
                guard !matches.isEmpty else { return nil }
                listing.matchedAs = matches
            }
            return listing
        }
    }

    /// One entry per assignee, in canonical spelling; a collective stays one entry.
    public static func names(_ assignments: [Assignment]) -> [String] {
        assignments.map(\.assignee).uniqued()
    }

    private static func subject(of filter: TaskFilter, directory: AgencyDirectory, on date: CivilDate) throws -> Agency? {
        if filter.agency != nil, filter.unitCode != nil {
            throw TaskFilterError(parameter: "unit", message: "Chỉ lọc theo một trong hai: cơ quan (agency) hoặc đơn vị hành chính (unit).")
        }
        if let name = filter.agency {
            guard case let .agency(agency)? = directory.resolve(name) else {
                throw TaskFilterError(parameter: "agency",
                    message: "Không có cơ quan tên \"\(name)\". Dùng tên trong danh sách /api/v1/agencies, ví dụ \"Sở Xây dựng\".")
            }
            return agency
        }
        if let code = filter.unitCode {
            let versions = directory.units.versions(of: code)
            guard let unit = versions.first(where: { $0.isInForce(on: date) }) ?? versions.last else {
                throw TaskFilterError(parameter: "unit",
                    message: "Không có đơn vị hành chính mã \"\(code)\". Dùng mã cấp huyện hoặc cấp xã, ví dụ \"193\" hoặc \"06649\".")
            }
            guard unit.level == .district || unit.level == .commune else {
                throw TaskFilterError(parameter: "unit",
                    message: "Mã \"\(code)\" là cấp \(unit.level.vietnamese); chỉ lọc được theo đơn vị cấp huyện hoặc cấp xã.")
            }
            return directory.committee(of: unit)
        }
        return nil
    }
}
