// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "budgetai",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
        .executable(name: "graphql-conformance", targets: ["graphql-conformance"]),
    ],
    targets: [
        // Hand-written GraphQL: language, type system, validation. Depends on nothing of ours.
        .target(name: "GraphQLEngine"),
        // JSON-lines conformance runner (see README, "GraphQL conformance").
        .executableTarget(name: "graphql-conformance", dependencies: ["GraphQLEngine"]),
        .testTarget(
            name: "GraphQLEngineTests",
            dependencies: ["GraphQLEngine"],
            resources: [.copy("Conformance")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
