/// Why a use case refused: one type for every adapter, each case with its HTTP status and CLI exit code here.
public enum AppError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input is wrong (HTTP 400, exit 2).
    case invalid(String)
    /// Nobody is signed in, or the credentials do not hold (HTTP 401, exit 5).
    case unauthenticated(String)
    /// Signed in, but this user may not do this (HTTP 403, exit 3).
    case forbidden(String)
    /// The thing named does not exist (HTTP 404, exit 4).
    case notFound(String)
    /// The thing changed under the request: another user's step came first (HTTP 409, exit 6).
    case conflict(String)
    /// The body is larger than this route takes (HTTP 413, exit 2).
    case tooLarge(String)
    /// Too many failed logins (HTTP 429), or the account is locked (HTTP 423); exit 5.
    case throttled(LoginPolicy.Gate)

    public var description: String {
        switch self {
        case let .invalid(message), let .unauthenticated(message), let .forbidden(message), let .notFound(message),
             let .conflict(message), let .tooLarge(message): message
        case let .throttled(gate): gate.message
        }
    }

    /// The HTTP status the web answers with.
    public var httpStatus: Int {
        switch self {
        case .invalid: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .tooLarge: 413
        case .throttled(.locked): 423
        case .throttled: 429
        }
    }

    /// The exit code a command ends with, for shell scripts to act on.
    public var exitCode: Int32 {
        switch self {
        case .invalid, .tooLarge: 2
        case .forbidden: 3
        case .notFound: 4
        case .unauthenticated, .throttled: 5
        case .conflict: 6
        }
    }
}
