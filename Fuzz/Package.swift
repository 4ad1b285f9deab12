// swift-tools-version:6.0
// libFuzzer harnesses for promptlint's parsers, kept out of the main package so its build stays lean.
// Built by Scripts/fuzz.sh: swift build --package-path Fuzz --scratch-path .build-fuzz --sanitize fuzzer --sanitize address
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository is checked out.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let main = root.lastPathComponent.lowercased()

// libFuzzer supplies main(); the harnesses export LLVMFuzzerTestOneInput and have no top-level code.
let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "PromptLintFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzGGUF", dependencies: [.product(name: "GGUF", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzTemplates", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzPython", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzScript", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzNotebook", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzConfig", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzRequest", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzCompressInput", dependencies: [.product(name: "PromptCompression", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzMessages", dependencies: [.product(name: "PromptCompression", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzRuleRegex", dependencies: [.product(name: "PromptLint", package: main)],
                          swiftSettings: harness),
        .executableTarget(name: "FuzzTokenizers",
                          dependencies: [.product(name: "Tokenizers", package: main), .product(name: "GGUF", package: main)],
                          swiftSettings: harness),
    ]
)
