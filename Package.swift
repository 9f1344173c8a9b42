// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "budgetai",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
        .executable(name: "graphql-conformance", targets: ["graphql-conformance"]),
    ],
    targets: [
        // Hand-written GraphQL: language, type system, validation. Depends on nothing of ours.
        .target(name: "GraphQLEngine"),
        // The conformance runner's logic, shared by its executable and the tests.
        .target(name: "GraphQLConformance", dependencies: ["GraphQLEngine"]),
        // JSON-lines conformance runner (see README, "GraphQL conformance").
        .executableTarget(name: "graphql-conformance", dependencies: ["GraphQLConformance"]),
        .testTarget(
            name: "GraphQLEngineTests",
            dependencies: ["GraphQLEngine", "GraphQLConformance"],
            resources: [.copy("Conformance"), .copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
