import AsyncKit
import FluentPostgresDriver
import NIOCore
import NIOPosix

/// Whether an error means the database cannot be reached right now (server down, restarting, refusing connections,
/// pool exhausted) rather than that the request was wrong: the web then answers 503 and the next request, once the
/// server is back, succeeds by itself (the pool reconnects).
public enum DatabaseOutage {
    public static func matches(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is NIOConnectionError, is ChannelError, is IOError:
            return true
        case let error as ConnectionPoolError:
            return error == .shutdown
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
                return true
            case .server:
                // 08: connection exception; 57P01–57P03: shut down or starting; 55000 here: connections not allowed;
                // 53300: too many connections.
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("57P") || state == "55000" || state == "53300"
            default:
                return false
            }
        default:
            return false
        }
    }
}

/// What the database said, for an operator at the command line: PostgresNIO's errors print a generic sentence (so
/// that a server's words never reach a web page by accident), which tells someone whose database does not exist or
/// refuses the password nothing. Nil for errors that are not the database's.
public enum DatabaseProblem {
    public static func explanation(_ error: any Error) -> String? {
        switch error {
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return "PostgreSQL trả lời: \(message)\(state)."
            }
            return DatabaseOutage.matches(error) ? "Không kết nối được PostgreSQL (\(error.code))." : nil
        case is ConnectionPoolTimeoutError, is NIOConnectionError, is ChannelError, is IOError:
            return "Không kết nối được cơ sở dữ liệu: \(error)."
        default:
            return nil
        }
    }
}
