// swift-tools-version:6.0
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its directory (not after the `name:` in its
// manifest), and the root checkout's directory differs between worktrees and CI clones.
// Derive the identity from where this manifest lives so `.product(package:)` always matches.
let enginePackageIdentity = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .lastPathComponent
    .lowercased()

let package = Package(
    name: "GraphQLEngineBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        // The peer, measured in the same process and run as our engine.
        .package(url: "https://github.com/GraphQLSwift/GraphQL", exact: "4.3.0"),
    ],
    targets: [
        .executableTarget(
            name: "graphql-bench",
            dependencies: [
                .product(name: "GraphQLEngine", package: enginePackageIdentity),
                .product(name: "GraphQL", package: "GraphQL"),
            ],
            path: "Sources/graphql-bench"
        ),
    ]
)
