import Fluent
import Foundation
import SQLKit
import TiendoApp
import TiendoCore
import TiendoStore

/// One account per role, each with an API token, for the access matrix.
public struct Accountholders: Sendable {
    public static let grants: [(String, RoleGrant)] = [
        ("quantri", RoleGrant(role: .admin)),
        ("bandantoc", RoleGrant(role: .coordinator)),
        ("sogtvt", RoleGrant(role: .agencyOfficer, scope: "Sở Giao thông vận tải")),
        ("halong", RoleGrant(role: .districtOfficer, scope: "193")),
        ("hakhanh", RoleGrant(role: .communeOfficer, scope: "06649")),
        ("taichinh", RoleGrant(role: .financeOfficer)),
        ("nguoixem", RoleGrant(role: .viewer)),
    ]
    public static let password = "mat-khau-du-dai-123"

    public var tokens: [Role: String] = [:]
    public var usernames: [Role: String] = [:]

    public static func create(on db: any Database) async throws -> Accountholders {
        var holders = Accountholders()
        let setup = Actor(username: "kiểm thử", address: nil)
        for (name, grant) in grants {
            try await Accounts(db).create(username: name, passwordHash: try BcryptHasher().hash(password), grant: grant, by: setup)
            holders.tokens[grant.role] = try await Credentials(db).createToken(for: name, expiresOn: nil, by: setup).token
            holders.usernames[grant.role] = name
        }
        return holders
    }
}

/// Accounts made for one test, each with `Accountholders.password` and an API token; the tokens by username.
public func tokens(_ accounts: [(String, RoleGrant)], on db: any Database) async throws -> [String: String] {
    var tokens: [String: String] = [:]
    let setup = Actor(username: "kiểm thử", address: nil)
    for (name, grant) in accounts {
        try await Accounts(db).create(username: name.lowercased(), passwordHash: try BcryptHasher().hash(Accountholders.password), grant: grant, by: setup)
        tokens[name] = try await Credentials(db).createToken(for: name.lowercased(), expiresOn: nil, by: setup).token
    }
    return tokens
}

/// Every row of every table as text, in a fixed order: equal snapshots mean nothing was written.
public func snapshot(_ db: any Database) async throws -> String {
    let sql = db as! any SQLDatabase
    struct Name: Decodable { var name: String }
    let tables: [String]
    if sql.dialect.name == "sqlite" {
        tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all(decoding: Name.self).map(\.name)
    } else {
        tables = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
            .all(decoding: Name.self).map(\.name)
    }
    var lines: [String] = []
    for table in tables {
        lines.append("# \(table)")
        for row in try await sql.raw("SELECT * FROM \(ident: table) ORDER BY 1").all() {
            lines.append(row.allColumns.map { column -> String in
                if (try? row.decodeNil(column: column)) == true { return "\(column)=NULL" }
                if let text = try? row.decode(column: column, as: String.self) { return "\(column)=\(text)" }
                if let int = try? row.decode(column: column, as: Int.self) { return "\(column)=\(int)" }
                if let double = try? row.decode(column: column, as: Double.self) { return "\(column)=\(double)" }
                if let data = try? row.decode(column: column, as: Data.self) { return "\(column)=\(data.base64EncodedString())" }
                return "\(column)=?"
            }.joined(separator: "|"))
        }
    }
    return lines.joined(separator: "\n")
}
