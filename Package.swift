// swift-tools-version:6.0
import PackageDescription

/// store-tui: a terminal console for an app store's catalogue and operations,
/// its own store server, and the storage engines behind both.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "store-tui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "store-tui", targets: ["store-tui"]),
        .library(name: "StoreModels", targets: ["StoreModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.25.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // The ncursesw system library with a small shim; only StoreTUI's Terminal imports it.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The store's domain and wire formats: pure Swift, no I/O.
        .target(name: "StoreModels", swiftSettings: strictSettings),
        // The one protocol every face of the store speaks, its errors and query types.
        .target(
            name: "StoreService",
            dependencies: ["StoreModels", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // The HTTP contract of `/api/v1`: request and response bodies, coders, errors on the wire.
        .target(name: "StoreAPI", dependencies: ["StoreModels", "StoreService"], swiftSettings: strictSettings),
        // What both storage engines share that is not SQL: cursors, JSON columns, validation,
        // the decisions behind each change and their audit events. `package` access only.
        .target(name: "StoreEngineSupport", dependencies: ["StoreModels", "StoreService"], swiftSettings: strictSettings),
        // The embedded engine: SQLite through GRDB (WAL, migrations, FTS5).
        .target(
            name: "StoreSQLite",
            dependencies: [
                "StoreModels", "StoreService", "StoreEngineSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // glibc's allocator controls (<malloc.h>), which Swift's Glibc module does not show.
        .target(name: "CMalloc"),
        // The store API server (Hummingbird): public v2, charmcraft-compatible publisher v1, admin.
        .target(
            name: "StoreServer",
            dependencies: [
                "CMalloc", "StoreModels", "StoreService", "StoreAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: strictSettings
        ),
        // StoreService over HTTP (async-http-client), so the console works against a server.
        .target(
            name: "StoreClient",
            dependencies: [
                "StoreModels", "StoreService", "StoreAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        // Pseudo-terminals and posix_spawn's GNU flags, which Swift's Glibc module does not show.
        .target(name: "CPty"),
        // The console over SSH (swift-nio-ssh): key authentication, a console process per session on a pty.
        .target(
            name: "StoreSSH",
            dependencies: [
                "CPty", "StoreModels", "StoreService", "StoreServer",
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The PostgreSQL engine (postgres-nio): same behaviour as SQLite, for several servers over one database.
        .target(
            name: "StorePostgres",
            dependencies: [
                "StoreModels", "StoreService", "StoreEngineSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The deterministic demo catalogue and the hostile-string corpus.
        .target(name: "StoreDemo", dependencies: ["StoreModels", "StoreService"], swiftSettings: strictSettings),
        // The console: state, reducers, views into a screen buffer, and the one Terminal type.
        .target(name: "StoreTUI", dependencies: ["CNcurses", "StoreModels", "StoreService"], swiftSettings: strictSettings),
        // The composition root: subcommands and engine selection.
        // A bare Hummingbird hello, the anchor of `scripts/bench/uncached_bench.sh`; not shipped.
        .executableTarget(
            name: "bench-hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")], swiftSettings: strictSettings),
        .executableTarget(
            name: "store-tui",
            dependencies: [
                "StoreTUI", "StoreModels", "StoreService", "StoreSQLite", "StorePostgres", "StoreDemo", "StoreServer", "StoreClient", "StoreSSH",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreModelsTests",
            dependencies: ["StoreModels"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StoreServiceTests", dependencies: ["StoreService", "StoreModels"], swiftSettings: strictSettings),
        .testTarget(name: "StoreDemoTests", dependencies: ["StoreDemo", "StoreModels", "StoreService"], swiftSettings: strictSettings),
        .testTarget(
            name: "StoreConformanceTests",
            dependencies: [
                "StoreSQLite", "StorePostgres", "StoreEngineSupport", "StoreDemo", "StoreService", "StoreModels", "StoreServer", "StoreClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreServerTests",
            dependencies: [
                "CMalloc", "StoreServer", "StoreClient", "StoreAPI", "StoreSQLite", "StorePostgres", "StoreService", "StoreModels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        // Snapshots are read from the source tree by path (Support/Snapshot.swift), not as resources.
        .testTarget(
            name: "StoreTUITests", dependencies: ["StoreTUI", "StoreModels"], exclude: ["__Snapshots__"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
