import Fluent
import Foundation
import TiendoCore
import TiendoStore
import NIOConcurrencyHelpers
import Vapor

/// Holds each plan with its directory after the first read, and the figures of each plan's latest data state.
///
/// The list of plans is read again whenever the audit log moved, so a plan published from the command line or by
/// another instance shows on the next request; a plan whose version changed (an amendment) is read again, and every
/// plan once an agency change is recorded.
actor PlanCache {
    private var plans: [PlanSummary] = []
    private var checkedHead: Int?
    private var agencyChanges = 0
    private var documents: [String: LoadedPlan] = [:]
    private var computed: [String: (version: Int, data: PlanData)] = [:]

    func data(plan id: String, version: Int, today: CivilDate) -> PlanData? {
        guard let computed = computed[id], computed.version == version, computed.data.today == today else { return nil }
        return computed.data
    }

    func store(_ data: PlanData, version: Int) {
        computed[data.plan.id] = (version, data)
    }

    /// The plan's last computed data of today, whatever changed since: its parts are reused when their inputs did not move.
    func latest(plan id: String, today: CivilDate) -> PlanData? {
        guard let computed = computed[id], computed.data.today == today else { return nil }
        return computed.data
    }

    /// After a plan is published or amended here: the next request reads the plans again.
    func invalidate() {
        checkedHead = nil
    }

    /// Every plan, oldest first, as of the audit head `head`.
    func plans(_ db: any Database, head: Int) async throws -> [PlanSummary] {
        if checkedHead == head { return plans }
        let fresh = try await PlanRepository(db).plans()
        // An agency renamed or merged changes every plan's directory.
        let changes = try await MapChanges(db).agencyChangeCount()
        if changes != agencyChanges {
            (documents, computed, agencyChanges) = ([:], [:], changes)
        }
        if fresh != plans {
            let versions = Dictionary(fresh.map { ($0.id, $0.version) }, uniquingKeysWith: { _, last in last })
            let kept = Set(plans.filter { versions[$0.id] == $0.version }.map(\.id))
            documents = documents.filter { kept.contains($0.key) }
            computed = computed.filter { kept.contains($0.key) }
        }
        (plans, checkedHead) = (fresh, head)
        return fresh
    }

    /// The plan `id` with its directory, read once.
    func loaded(_ db: any Database, id: String) async throws -> LoadedPlan {
        if let loaded = documents[id] { return loaded }
        guard let loaded = try await PlanRepository(db).load(id: id) else {
            throw Abort(.notFound, reason: "Không có kế hoạch mã \"\(id)\".")
        }
        documents[id] = loaded
        return loaded
    }
}

extension Request {
    /// The plan this request is about, with its directory: the one named by `?ke-hoach=` (pages) or `?plan=` (API),
    /// else the reader's own (`PlanChoice`). An unknown name is a 404 naming it.
    func loadedPlan(for purpose: PlanChoice.Purpose = .plan) async throws -> LoadedPlan {
        let cache = application.planCache
        let plans = try await cache.plans(db, head: try await auditHead())
        guard let current = plans.last(where: { $0.parentId == nil }) ?? plans.last else {
            throw Abort(.notFound, reason: "Chưa có kế hoạch nào trong cơ sở dữ liệu.")
        }
        // The id comes from the address: a control character in it is refused, never echoed into the page.
        let named = try PlanChoiceMiddleware.named(self).map { try FreeText.check($0, field: PlanChoiceMiddleware.parameter(self), maxLength: 200) }
        let loaded: LoadedPlan
        if let named {
            guard plans.contains(where: { $0.id == named }) else {
                throw Abort(.notFound, reason: "Không có kế hoạch mã \"\(named)\". Danh sách kế hoạch: \(SiteURL.planImport.bare).")
            }
            loaded = try await cache.loaded(db, id: named)
        } else {
            let currentPlan = try await cache.loaded(db, id: current.id)
            let id = PlanChoice.defaultPlan(plans.map { $0.candidate(directory: currentPlan.directory) },
                                            own: ownReporterKey(currentPlan.directory), purpose: purpose) ?? current.id
            loaded = id == current.id ? currentPlan : try await cache.loaded(db, id: id)
        }
        shownPlan.set(ShownPlan.Shown(plan: loaded.document.plan, id: loaded.document.id, named: named != nil,
                                      current: current.id == loaded.document.id ? nil : current.id))
        return loaded
    }

    /// Every unit version the installation knows (the same for every plan), from the current plan's directory.
    func currentUnits() async throws -> AdminUnitRegistry {
        let cache = application.planCache
        let plans = try await cache.plans(db, head: try await auditHead())
        guard let current = plans.last(where: { $0.parentId == nil }) ?? plans.last else { return try await PlanRepository(db).units() }
        return try await cache.loaded(db, id: current.id).directory.units
    }

    /// The audit log's head, read once per request: the plan cache, the kept pages and the page data all check it.
    func auditHead() async throws -> Int {
        if let head = knownAuditHead { return head }
        let head = if let reads = application.sharedReads { try await reads.heads.head(on: eventLoop).get() } else { try await AuditLog.headSeq(on: db) }
        knownAuditHead = head
        return head
    }

    /// The head as this request first read it (with its session, or on its own).
    var knownAuditHead: Int? {
        get { storage[AuditHeadKey.self] }
        set { storage[AuditHeadKey.self] = newValue }
    }

    private struct AuditHeadKey: StorageKey { typealias Value = Int }

    /// The plan this request's page shows, once it was read: the layout names it when it is not the province's current one.
    var shownPlan: ShownPlan {
        if let box = storage[ShownPlan.Key.self] { return box }
        let box = ShownPlan()
        storage[ShownPlan.Key.self] = box
        return box
    }

    /// Figures entry against the plan that asks for the reports.
    func dataEntry() async throws -> DataEntry {
        DataEntry(db, plan: try await loadedPlan(for: .reporting))
    }

    /// The signed-in reader's own agency or unit, as plans name their issuer.
    private func ownReporterKey(_ directory: AgencyDirectory) -> String? {
        let today = CivilDate.today()
        return caller?.principal.ownReporter(directory: directory, on: today).map { Reporter($0, directory: directory, on: today).key }
    }
}

/// Which plan a page showed, filled in when the request reads it; the layout, built from a context made before, reads it.
final class ShownPlan: Sendable {
    struct Key: StorageKey { typealias Value = ShownPlan }

    struct Shown: Sendable {
        var plan: Plan
        var id: String
        /// Named in the address (`?ke-hoach=`), not the reader's default.
        var named: Bool
        /// The province's current plan when the page shows another, else nil.
        var current: String?
    }

    private let box = NIOLockedValueBox<Shown?>(nil)
    var value: Shown? { box.withLockedValue { $0 } }
    func set(_ shown: Shown) { box.withLockedValue { $0 = shown } }
}

extension PlanSummary {
    func candidate(directory: AgencyDirectory) -> PlanChoice.Candidate {
        PlanChoice.Candidate(id: id, parentId: parentId, issuedOn: issuedOn,
                             issuerKey: parentId == nil ? nil : Reporter.resolve(issuer, directory: directory, on: issuedOn)?.key)
    }
}

extension Application {
    private struct PlanCacheKey: StorageKey { typealias Value = PlanCache }

    var planCache: PlanCache {
        if let cache = storage[PlanCacheKey.self] { return cache }
        let cache = PlanCache()
        storage[PlanCacheKey.self] = cache
        return cache
    }
}
