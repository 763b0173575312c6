import TiendoCore
import Vapor

/// Passwords as bcrypt hashes at cost 12: Vapor's implementation, used here alone, without an `Application`.
public struct BcryptHasher: TiendoCore.PasswordHasher {
    public var cost: Int

    public init(cost: Int = 12) { self.cost = cost }

    public func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, against hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}
