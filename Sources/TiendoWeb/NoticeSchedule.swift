import Foundation
import TiendoApp
import TiendoCore
import Vapor

/// Runs the notice job (`SendNotices`) while the server runs: at start, then every `NOTIFY_INTERVAL` seconds
/// (default 3600; 0 turns it off). What was delivered and mailed is in the database, so a restart or a second
/// instance sends nothing twice; on PostgreSQL an advisory lock lets one instance run the job at a time.
struct NoticeSchedule: LifecycleHandler {
    let interval: Int
    let task = TaskBox()

    final class TaskBox: @unchecked Sendable {
        private let lock = NSLock()
        private var task: Task<Void, Never>?
        func set(_ new: Task<Void, Never>?) { lock.withLock { task?.cancel(); task = new } }
    }

    func didBootAsync(_ app: Application) async throws {
        let interval = self.interval
        task.set(Task { [app] in
            while !Task.isCancelled {
                do {
                    _ = try await SendNotices(day: app.today).run(AppContext(db: app.db, loginPolicy: app.loginPolicy), logger: app.logger)
                } catch {
                    app.logger.error("Thông báo: lần chạy lỗi: \(error)")
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        })
    }

    func shutdownAsync(_ app: Application) async { task.set(nil) }
}

extension TiendoServer {
    /// Starts the notice job with the server (`tiendo serve`; tests start none).
    public static func scheduleNotices(_ app: Application, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let text = environment["NOTIFY_INTERVAL"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let interval = text.isEmpty ? 3600 : Int(text), interval >= 0 else {
            throw AppError.invalid("NOTIFY_INTERVAL=\"\(text.clipped(to: 20))\" phải là số giây (0: không tự gửi thông báo).")
        }
        guard interval > 0 else { app.logger.notice("Thông báo: NOTIFY_INTERVAL=0, không tự chạy."); return }
        app.lifecycle.use(NoticeSchedule(interval: max(interval, 60)))
        app.logger.info("Thông báo: chạy mỗi \(max(interval, 60)) giây\(MailCommand.fromEnvironment(environment) == nil ? " (chỉ hộp thư; chưa đặt MAIL_COMMAND)" : ", kèm thư điện tử").")
    }
}
