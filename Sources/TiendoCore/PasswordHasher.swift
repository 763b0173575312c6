/// Turns a password into what is stored, and checks a password against it. The algorithm lives with the
/// application (bcrypt); storage and the domain only pass hashes along.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) throws -> String
    func verify(_ password: String, against hash: String) throws -> Bool
}
