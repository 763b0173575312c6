import ArgumentParser
import TiendoApp
import TiendoStore
import TiendoWeb
import Vapor

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Chạy máy chủ web và API (tạo và nạp cơ sở dữ liệu khi chạy lần đầu).")

    @ArgumentParser.Option(help: "Cổng lắng nghe.") var port: Int = 8080
    @ArgumentParser.Option(help: "Địa chỉ lắng nghe.") var hostname: String = "127.0.0.1"

    /// The one command that starts the web application.
    func run() async throws {
        bootstrapLogging(.info, json: true)
        let location = try DatabaseLocation.from()
        try AppClock.check()
        let app = try await Application.make(Environment(name: "production",
                                                         arguments: ["tiendo", "serve", "--hostname", hostname, "--port", String(port)]))
        do {
            try await TiendoServer.configure(app, location: location)
            try TiendoServer.scheduleNotices(app)
            app.logger.info("Tiendo: cơ sở dữ liệu \(location); phục vụ tại http://\(hostname):\(port)/api/v1/plans")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Cập nhật lược đồ cơ sở dữ liệu và nạp kế hoạch mẫu nếu chưa có.")

    func run() async throws {
        bootstrapLogging(.warning)
        let location = try DatabaseLocation.from()
        let outcome = try await withDatabase { _, outcome in outcome }
        print("Cơ sở dữ liệu: \(location). Lược đồ đã cập nhật.")
        print(outcome.loadedPlan ? "Đã nạp Kế hoạch 54/KH-UBND." : "Kế hoạch mẫu đã có sẵn; không thay đổi gì.")
    }
}
