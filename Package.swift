// swift-tools-version:6.0
import PackageDescription

// Our modules. Dependency direction is one way: budgetai → Server → API → Domain → Persistence/Redis.
// GraphQLEngine depends on nothing of ours and on no package.
let package = Package(
    name: "BudgetAI",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "budgetai", targets: ["budgetai"]),
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
        .executable(name: "graphql-conformance", targets: ["graphql-conformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Hummingbird's own header types (HTTPField.Name); already in Hummingbird's dependency graph.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Already a dependency of postgres-nio (SCRAM); we use its SHA-256 for migration checksums.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Access tokens (EdDSA JWTs with key ids); DESIGN.md section 8.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        // GraphQL subscriptions over WebSocket (graphql-transport-ws); DESIGN.md section 8.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // Hand-written GraphQL: language, type system, validation, execution, analysis.
        .target(name: "GraphQLEngine"),
        // The conformance runner's logic, shared by its executable and the tests.
        .target(name: "GraphQLConformance", dependencies: ["GraphQLEngine"]),
        // JSON-lines conformance runner (README, "GraphQL conformance").
        .executableTarget(name: "graphql-conformance", dependencies: ["GraphQLConformance"]),
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(
            name: "Redis",
            dependencies: [
                "CHiredis",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Argon2id password hashing from Debian's libargon2.
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        // libcurl from Debian, for SMTP (Sources/Domain/Mail); the shim wraps the variadic curl_easy_setopt.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "Persistence",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Bounded contexts (Identity, Tenancy, ...): models, SQL and services; no HTTP, no GraphQL.
        .target(
            name: "Domain",
            dependencies: [
                "Persistence",
                "Redis",
                "CArgon2",
                "CCurl",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // schema.graphql bound to the domain: resolvers, guards, request context, error codes.
        .target(
            name: "API",
            dependencies: [
                "GraphQLEngine",
                "Domain",
                "Persistence",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "API",
                "Domain",
                "GraphQLEngine",
                "Persistence",
                "Redis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "budgetai",
            dependencies: [
                "Server",
                "API",
                "Domain",
                "Persistence",
                "Redis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A migrated database and helpers shared by the domain, API and end-to-end tests.
        .target(
            name: "TestSupport",
            dependencies: [
                "Persistence",
                "Domain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "DomainTests",
            dependencies: [
                "Domain",
                "Persistence",
                "Redis",
                "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Data files the tests read by path (#filePath), not bundled resources.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GraphQLEngineTests",
            dependencies: ["GraphQLEngine", "GraphQLConformance"],
            resources: [.copy("Conformance"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "PersistenceTests",
            dependencies: [
                "Persistence",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RedisTests",
            dependencies: ["Redis"]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server",
                "API",
                "Domain",
                "GraphQLEngine",
                "Persistence",
                "Redis",
                "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
