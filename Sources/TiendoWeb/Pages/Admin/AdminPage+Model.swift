import FluentKit
import TiendoCore
import TiendoStore

extension AdminPage {
    /// Users, tokens and the audit log filtered as asked: read from the database, no HTTP involved.
    struct Model {
        struct Filters {
            var entity: AuditEntity?
            var user: String?
            var since: CivilDate?
        }

        var filters: Filters
        var users: [(user: String, locked: Bool, grants: [RoleGrant])]
        var tokens: [(id: String, username: String, expiresOn: String?, revoked: Bool)]
        /// How many entries match; `latest` holds the newest 200 of them, newest first.
        var matching: Int
        var latest: [AuditEntry]

        static func query(_ db: any Database, filters: Filters) async throws -> Model {
            let entries = try await AuditLog.entries(on: db, entity: filters.entity, user: filters.user,
                                                     since: filters.since.map { "\($0.iso)T00:00:00" })
            return Model(filters: filters, users: try await Accounts(db).users(), tokens: try await Credentials(db).tokens(),
                         matching: entries.count, latest: entries.suffix(200).reversed())
        }
    }
}
