import Foundation
import Vapor

/// What a connection may cost the server: a silent connection is closed after `idleSeconds`, and the process may
/// hold as many open files as the system allows it (the usual default of 1.024 let 1.100 idle connections stop
/// every request: accepting failed, the server spun and nothing else was answered).
enum ConnectionLimits {
    /// IDLE_TIMEOUT_SECONDS, default 30: a connection that sends and receives nothing for that long is closed,
    /// whether it is a browser's kept-alive connection or a client that opened one and never sent its headers.
    static var idleSeconds: Int64 {
        ProcessInfo.processInfo.environment["IDLE_TIMEOUT_SECONDS"].flatMap { Int64($0) }.map { min(max($0, 1), 3600) } ?? 30
    }

    static func apply(to app: Application) {
        app.http.server.configuration.idleTimeout = .seconds(idleSeconds)
        if let raised = raiseOpenFileLimit() { app.logger.info("Open file limit raised to \(raised).") }
    }

    /// Raises the soft limit of open files to the hard limit (at most 1.048.576); nil when there was nothing to raise.
    static func raiseOpenFileLimit() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return nil }
        let target = min(UInt64(limit.rlim_max), 1 << 20)
        guard UInt64(limit.rlim_cur) < target else { return nil }
        limit.rlim_cur = rlim_t(target)
        return setrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 ? target : nil
    }

    #if os(Linux)
    static let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    static let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
    #endif
}
