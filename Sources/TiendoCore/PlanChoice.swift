/// Which plan a page, request or command is about when it names none.
///
/// Plans of several years and levels live side by side: the province's plan of the year, each agency's and
/// district's own plan implementing it, older years. A reader who names none gets the plan of their own level.
public enum PlanChoice {
    /// What the choice is for: reading a plan's tasks and targets, or reporting against its obligations (which only
    /// the top-level plan sets: a district's plan implements the province's and reports under it).
    public enum Purpose: Sendable { case plan, reporting }

    /// A plan as the choice sees it.
    public struct Candidate: Hashable, Sendable {
        public var id: String
        public var parentId: String?
        public var issuedOn: CivilDate
        /// The body that issued it, as a reporter key (an agency's name, a unit's code); nil for the province's own.
        public var issuerKey: String?

        public init(id: String, parentId: String?, issuedOn: CivilDate, issuerKey: String?) {
            (self.id, self.parentId, self.issuedOn, self.issuerKey) = (id, parentId, issuedOn, issuerKey)
        }
    }

    /// The current top-level plan (latest issued), or, for a reader whose own body has a plan under it, the latest
    /// such plan. For reporting, the top-level plan over the plan chosen.
    /// `plans` are in issue order (oldest first); `own` is the reader's reporter key, nil when signed out or unscoped.
    public static func defaultPlan(_ plans: [Candidate], own: String?, purpose: Purpose) -> String? {
        guard let current = plans.last(where: { $0.parentId == nil }) else { return plans.last?.id }
        guard purpose == .plan, let own else { return current.id }
        let mine = plans.filter { $0.issuerKey == own && $0.parentId != nil && topLevel(of: $0.id, in: plans) == current.id }
        return (mine.last ?? current).id
    }

    /// The top-level plan `id` sits under (itself when it has no parent).
    public static func topLevel(of id: String, in plans: [Candidate]) -> String {
        let byId = Dictionary(plans.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var id = id, seen: Set<String> = []
        while let parent = byId[id]?.parentId, byId[parent] != nil, seen.insert(id).inserted { id = parent }
        return id
    }
}
