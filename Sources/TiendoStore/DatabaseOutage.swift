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
