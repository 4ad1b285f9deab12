// swift-tools-version:6.0
// promptlint-server: the HTTP API over the libraries of the package above (compression, few-shot selection, request
// linting, token scoring). Its own package so that building and testing the core package (Scripts/test.sh) does not
// build swift-openapi-generator, Hummingbird and SwiftNIO. Built and tested by Scripts/server-tests.sh:
//   swift build -c release --package-path Server && swift test -c release --package-path Server
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository is checked out.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let main = root.lastPathComponent.lowercased()

let package = Package(
    name: "PromptLintServer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "promptlint-server", targets: ["promptlint-server"]),
        .library(name: "PromptServer", targets: ["PromptServer"]),
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Hummingbird 2, with the API's routes and types generated from Sources/PromptServer/openapi.yaml.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The HTTP API: handlers over the libraries, admission control for model work, limits, metrics.
        .target(
            name: "PromptServer",
            dependencies: [
                .product(name: "PromptLint", package: main),
                .product(name: "PromptCompression", package: main),
                .product(name: "TinyLM", package: main),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "promptlint-server",
            dependencies: [
                "PromptServer",
                .product(name: "CommandLineSupport", package: main),
                .product(name: "SafeIO", package: main),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PromptServerTests",
            dependencies: [
                "PromptServer",
                .product(name: "PromptCompression", package: main),
                .product(name: "TinyLM", package: main),
                .product(name: "PromptLintTestSupport", package: main),
            ]
        ),
    ]
)
