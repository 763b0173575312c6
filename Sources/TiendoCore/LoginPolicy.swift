import Foundation

/// When a login attempt is refused before the password is even checked.
public struct LoginPolicy: Hashable, Sendable {
    /// Failed attempts on one account within `windowMinutes` before it must wait.
    public var accountFailures: Int
    /// Failed attempts from one client address within `windowMinutes` before it must wait.
    public var addressFailures: Int
    public var windowMinutes: Int
    /// Consecutive failures after which the account is locked until an admin unlocks it.
    public var lockAfter: Int
    /// Shortest password accepted.
    public var minimumPasswordLength: Int

    public static let standard = LoginPolicy(accountFailures: 5, addressFailures: 20, windowMinutes: 15,
                                             lockAfter: 10, minimumPasswordLength: 12)

    public init(accountFailures: Int, addressFailures: Int, windowMinutes: Int, lockAfter: Int, minimumPasswordLength: Int) {
        self.accountFailures = accountFailures
        self.addressFailures = addressFailures
        self.windowMinutes = windowMinutes
        self.lockAfter = lockAfter
        self.minimumPasswordLength = minimumPasswordLength
    }

    public enum Gate: Hashable, Sendable {
        case open
        case locked
        case throttledAccount
        case throttledAddress

        public var message: String {
            switch self {
            case .open: ""
            case .locked: "Tài khoản đã bị khóa do đăng nhập sai nhiều lần. Liên hệ quản trị viên để mở khóa (tiendo user unlock)."
            case .throttledAccount: "Tài khoản này vừa đăng nhập sai nhiều lần; thử lại sau ít phút."
            case .throttledAddress: "Có quá nhiều lần đăng nhập sai từ địa chỉ này; thử lại sau ít phút."
            }
        }
    }

    /// Decides from recent history whether to check the password at all.
    public func gate(locked: Bool, accountFailuresInWindow: Int, addressFailuresInWindow: Int) -> Gate {
        if locked { return .locked }
        if addressFailuresInWindow >= addressFailures { return .throttledAddress }
        if accountFailuresInWindow >= accountFailures { return .throttledAccount }
        return .open
    }

    /// The username as stored: trimmed; 2–64 lowercase ASCII letters, digits, dots, dashes or underscores.
    public func checkUsername(_ username: String) throws -> String {
        let name = username.trimmingCharacters(in: .whitespaces)
        guard name.range(of: #"^[a-z0-9][a-z0-9._-]{1,63}$"#, options: .regularExpression) != nil else {
            throw AppError.invalid("Tên đăng nhập \"\(username)\" không hợp lệ: dùng 2–64 chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.")
        }
        return name
    }

    /// At least `minimumPasswordLength` characters, not only spaces, no control characters (bcrypt would stop at a
    /// NUL); bcrypt reads the first 72 bytes, so a longer password adds nothing after them.
    public func checkPassword(_ password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw AppError.invalid("Mật khẩu cần ít nhất \(minimumPasswordLength) ký tự.")
        }
        guard password.contains(where: { !$0.isWhitespace }) else {
            throw AppError.invalid("Mật khẩu không được chỉ gồm dấu cách.")
        }
        guard !password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw AppError.invalid("Mật khẩu không được chứa ký tự điều khiển.")
        }
        guard password.utf8.count <= 72 else {
            throw AppError.invalid("Mật khẩu dài quá 72 byte; bcrypt chỉ đọc 72 byte đầu. Chọn mật khẩu ngắn hơn.")
        }
    }
}
