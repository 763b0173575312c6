// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tiendo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tiendo", targets: ["tiendo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "TiendoCore",
            resources: [.copy("Resources")]
        ),
        .target(
            name: "TiendoStore",
            dependencies: [
                "TiendoCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "TiendoReports",
            dependencies: ["TiendoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "TiendoImport",
            dependencies: ["TiendoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The use cases: resolve the actor, authorize, validate, write in one transaction with its audit entries.
        // Vapor only for its bcrypt; never an `Application`.
        .target(
            name: "TiendoApp",
            dependencies: [
                "TiendoCore",
                "TiendoStore",
                "TiendoReports",
                "TiendoImport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "TiendoWeb",
            dependencies: [
                "TiendoCore",
                "TiendoStore",
                "TiendoApp",
                "TiendoReports",
                "TiendoImport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(
            name: "tiendo",
            dependencies: [
                "TiendoCore",
                "TiendoStore",
                "TiendoApp",
                "TiendoWeb",
                "TiendoImport",
                "TiendoReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TiendoTestSupport",
            dependencies: ["TiendoStore", "TiendoApp", "TiendoWeb", .product(name: "VaporTesting", package: "vapor"),
                           .product(name: "Fluent", package: "fluent")],
            path: "Tests/TiendoTestSupport"
        ),
        .testTarget(name: "TiendoCoreTests", dependencies: ["TiendoCore"]),
        .testTarget(name: "TiendoStoreTests", dependencies: ["TiendoStore", "TiendoImport", "TiendoTestSupport"]),
        .testTarget(name: "TiendoAppTests", dependencies: ["TiendoApp", "TiendoImport", "TiendoReports", "TiendoTestSupport"]),
        .testTarget(name: "TiendoReportsTests", dependencies: ["TiendoReports", "TiendoImport"]),
        .testTarget(name: "TiendoImportTests", dependencies: ["TiendoImport"]),
        .testTarget(name: "TiendoWebTests", dependencies: ["TiendoWeb", "TiendoReports", "TiendoImport", "TiendoTestSupport"]),
        .testTarget(name: "tiendoTests", dependencies: ["TiendoTestSupport"]),
    ]
)
