// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "promptlint",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GGUF", targets: ["GGUF"]),
        .library(name: "Tokenizers", targets: ["Tokenizers"]),
        .library(name: "TinyLM", targets: ["TinyLM"]),
        .library(name: "PromptCompression", targets: ["PromptCompression"]),
        .library(name: "PromptLint", targets: ["PromptLint"]),
        .executable(name: "promptcompress", targets: ["promptcompress"]),
        .executable(name: "promptlint", targets: ["promptlint"]),
        .executable(name: "promptbench", targets: ["promptbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // OpenBLAS from Debian's libopenblas-dev: cblas_sgemm for the model's matrix work.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // GGUF v3 container reader and ggml block dequantization.
        .target(name: "GGUF"),
        // SentencePiece (from a GGUF vocabulary) and byte-level BPE tokenizers.
        .target(name: "Tokenizers", dependencies: ["GGUF"]),
        // The Gemma 3 forward pass and the token scorer.
        .target(name: "TinyLM", dependencies: ["GGUF", "Tokenizers", "COpenBLAS"]),
        // Compression and few-shot pruning.
        .target(name: "PromptCompression", dependencies: ["TinyLM", "Tokenizers"]),
        // Template readers, cache model, rules, reporters, savings.
        .target(name: "PromptLint", dependencies: ["Tokenizers", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "promptcompress",
            dependencies: [
                "PromptCompression", "TinyLM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "promptlint",
            dependencies: [
                "PromptLint", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "promptbench",
            dependencies: [
                "TinyLM", "PromptCompression",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares: package paths, model and shared-data lookup, built-tool runner, scratch files.
        .target(name: "PromptLintTestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GGUFTests", dependencies: ["GGUF", "PromptLintTestSupport"]),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers", "GGUF", "PromptLintTestSupport"]),
        .testTarget(name: "TinyLMTests", dependencies: ["TinyLM", "GGUF", "Tokenizers", "PromptLintTestSupport"]),
        .testTarget(name: "PromptCompressionTests", dependencies: ["PromptCompression", "TinyLM", "PromptLintTestSupport"]),
        .testTarget(
            name: "PromptLintTests", dependencies: ["PromptLint", "PromptLintTestSupport"], exclude: ["Lint/Golden"]),
        .testTarget(name: "PromptBenchTests", dependencies: ["promptbench"]),
    ]
)
