import FluentKit
import SQLKit

extension TiendoDatabase {
    /// The migrations this build has that the database has not run: empty when the schema is current. Throws when
    /// the database cannot be reached.
    public static func pendingMigrations(on db: any Database) async throws -> [String] {
        let sql = db as! any SQLDatabase
        let done = Set(try await sql.select().column("name").from("_fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
        return migrations.map(\.name).filter { !done.contains($0) }
    }
}
