import Fluent
import Foundation
import TiendoCore
import TiendoStore
import Vapor

/// Holds the plan and directory after the first read, and the figures of the latest data state.
actor PlanCache {
    private var value: (PlanDocument, AgencyDirectory)?
    private var computed: (version: Int, data: PlanData)?

    func data(version: Int, today: CivilDate) -> PlanData? {
        guard let computed, computed.version == version, computed.data.today == today else { return nil }
        return computed.data
    }

    func store(_ data: PlanData, version: Int) {
        computed = (version, data)
    }

    /// The last computed data of today, whatever changed since: its parts are reused when their inputs did not move.
    func latest(today: CivilDate) -> PlanData? {
        guard let computed, computed.data.today == today else { return nil }
        return computed.data
    }

    /// After a plan is published or amended: the next request reads the plan in force again.
    func invalidate() {
        value = nil
        computed = nil
    }

    func get(_ db: any Database) async throws -> (PlanDocument, AgencyDirectory) {
        if let value { return value }
        let repository = PlanRepository(db)
        guard let plan = try await repository.defaultDocument() else {
            throw Abort(.notFound, reason: "Chưa có kế hoạch nào trong cơ sở dữ liệu.")
        }
        let loaded = (plan, try await repository.directory(province: plan.plan.provinceCode))
        value = loaded
        return loaded
    }
}

extension Request {
    /// The plan and directory the server already holds.
    func loadedPlan() async throws -> LoadedPlan {
        let (plan, directory) = try await application.planCache.get(db)
        return LoadedPlan(document: plan, directory: directory)
    }

    /// Figures entry against the plan and directory the server already holds.
    func dataEntry() async throws -> DataEntry {
        DataEntry(db, plan: try await loadedPlan())
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
