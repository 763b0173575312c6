import Foundation
import TiendoCore
import Vapor

/// One log line per request at `info`: method, path, status and time taken, with the request's "request-id" (the
/// `X-Request-Id` an official can quote), so an operator finds the request a reported problem came from.
///
/// First in the chain, so kept pages answered on the event loop are logged too; a plain `Middleware`, so it starts no
/// task. The query string is left out: sign-in links and filters carry what a log should not keep.
struct AccessLog: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.logger.logLevel <= .info else { return next.respond(to: request) }
        let started = DispatchTime.now().uptimeNanoseconds
        return next.respond(to: request).always { result in
            let status: UInt
            switch result {
            case let .success(response): status = response.status.code
            case .failure: status = HTTPResponseStatus.internalServerError.code
            }
            let micros = (DispatchTime.now().uptimeNanoseconds &- started) / 1_000
            let milliseconds = "\(micros / 1_000)." + Int(micros % 1_000).zeroPadded(3)
            request.logger.info("\(request.method.rawValue) \(request.url.path) \(status)", metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.url.path),
                "status": .stringConvertible(status), "ms": .string(milliseconds),
            ])
        }
    }
}
