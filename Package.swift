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
        // For the packages beside this one (Server/, Fuzz/): the file policy, the tools' runner, the tests' helpers.
        .library(name: "SafeIO", targets: ["SafeIO"]),
        .library(name: "CommandLineSupport", targets: ["CommandLineSupport"]),
        .library(name: "PromptLintTestSupport", targets: ["PromptLintTestSupport"]),
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
        // The one policy for reading and writing files and standard streams (links, special files, sizes).
        .target(name: "SafeIO"),
        // GGUF v3 container reader and ggml block dequantization.
        .target(name: "GGUF", dependencies: ["SafeIO"]),
        // SentencePiece (from a GGUF vocabulary) and byte-level BPE tokenizers.
        .target(name: "Tokenizers", dependencies: ["GGUF"]),
        // Hand-written int8 kernels (AVX-512 VNNI, AVX2, portable scalar) for the fast output layer.
        .target(name: "CKernels"),
        // The Gemma 3 forward pass and the token scorer.
        .target(name: "TinyLM", dependencies: ["GGUF", "Tokenizers", "COpenBLAS", "CKernels", "SafeIO"]),
        // Compression and few-shot pruning.
        .target(name: "PromptCompression", dependencies: ["SafeIO", "TinyLM", "Tokenizers"]),
        // The project's version: one constant for the libraries and the three tools.
        .target(name: "PromptLintVersion"),
        // Template readers, cache model, rules (built-in ones compiled in from Rules/), reporters, savings.
        .target(
            name: "PromptLint",
            dependencies: ["SafeIO", "Tokenizers", "PromptLintVersion", .product(name: "Yams", package: "Yams")]),
        // What the three tools share: the runner that maps errors to one line and exit status 2.
        .target(
            name: "CommandLineSupport",
            dependencies: ["PromptLintVersion", "SafeIO", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "promptcompress",
            dependencies: [
                "PromptCompression", "TinyLM", "SafeIO", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "promptlint",
            dependencies: [
                "PromptLint", "SafeIO", "CommandLineSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "promptbench",
            dependencies: [
                "TinyLM", "PromptCompression", "SafeIO", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares: package paths, model and shared-data lookup, built-tool runner, scratch files.
        .target(name: "PromptLintTestSupport", dependencies: [.product(name: "Yams", package: "Yams")], path: "Tests/TestSupport"),
        .testTarget(name: "GGUFTests", dependencies: ["GGUF", "PromptLintTestSupport"]),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers", "GGUF", "PromptLintTestSupport"]),
        .testTarget(name: "TinyLMTests", dependencies: ["TinyLM", "GGUF", "Tokenizers", "CKernels", "PromptLintTestSupport"]),
        .testTarget(name: "PromptCompressionTests", dependencies: ["PromptCompression", "TinyLM", "PromptLintTestSupport"]),
        .testTarget(
            name: "PromptLintTests", dependencies: ["PromptLint", "PromptLintVersion", "SafeIO", "PromptLintTestSupport"],
            exclude: ["Lint/Golden"]),
        .testTarget(
            name: "PromptBenchTests", dependencies: ["promptbench", "PromptCompression", "TinyLM", "PromptLintTestSupport"]),
    ]
)
