// Gemma 3 hyperparameters, read from the GGUF's `gemma3.*` keys; defaults and the layer pattern as in
// llama.cpp src/llama-model.cpp (LLM_ARCH_GEMMA3: one global layer in six, sliding-window RoPE base 10000).
import GGUF

/// The shape of a Gemma 3 text model.
public struct Gemma3Configuration: Sendable, Equatable {
    /// Hidden width (640 for 270M).
    public var embeddingLength: Int
    /// Transformer blocks (18).
    public var blockCount: Int
    /// FFN inner width (2048).
    public var feedForwardLength: Int
    /// Query heads (4).
    public var headCount: Int
    /// Key/value heads (1).
    public var kvHeadCount: Int
    /// Width of one head (256).
    public var headDimension: Int
    /// Vocabulary size (262,144).
    public var vocabularySize: Int
    /// RMSNorm epsilon.
    public var rmsEpsilon: Float
    /// RoPE base on global layers (1e6).
    public var ropeBaseGlobal: Float
    /// RoPE base on sliding-window layers (1e4).
    public var ropeBaseLocal: Float
    /// Sliding window of local layers (512).
    public var slidingWindow: Int
    /// Every `globalLayerPeriod`-th layer attends globally (6).
    public var globalLayerPeriod: Int
    /// Longest context the model was trained for.
    public var contextLength: Int

    /// True when layer `index` attends to the whole context.
    public func isGlobal(layer index: Int) -> Bool { index % globalLayerPeriod == globalLayerPeriod - 1 }

    /// Reads and validates the configuration of a GGUF file.
    /// - Throws: `TinyLMError.unsupportedArchitecture` or `.invalidConfiguration`.
    public init(gguf: GGUFFile) throws {
        let arch = gguf.metadata["general.architecture"]?.stringValue ?? "(none)"
        guard arch == "gemma3" else { throw TinyLMError.unsupportedArchitecture(path: gguf.path, architecture: arch) }
        func int(_ key: String) throws -> Int {
            guard let v = gguf.metadata["gemma3." + key]?.intValue else {
                throw TinyLMError.invalidConfiguration(path: gguf.path, what: "missing gemma3.\(key)")
            }
            return v
        }
        embeddingLength = try int("embedding_length")
        blockCount = try int("block_count")
        feedForwardLength = try int("feed_forward_length")
        headCount = try int("attention.head_count")
        kvHeadCount = try int("attention.head_count_kv")
        headDimension = try int("attention.key_length")
        slidingWindow = (try? int("attention.sliding_window")) ?? 512
        contextLength = (try? int("context_length")) ?? 32768
        rmsEpsilon = Float(gguf.metadata["gemma3.attention.layer_norm_rms_epsilon"]?.doubleValue ?? 1e-6)
        ropeBaseGlobal = Float(gguf.metadata["gemma3.rope.freq_base"]?.doubleValue ?? 1_000_000)
        ropeBaseLocal = 10_000
        globalLayerPeriod = 6
        if case .strings(let tokens)? = gguf.metadata["tokenizer.ggml.tokens"] {
            vocabularySize = tokens.count
        } else {
            vocabularySize = gguf.tensor(named: "token_embd.weight")?.rowCount ?? 0
        }
        let limits: [(String, Int, ClosedRange<Int>)] = [
            ("embedding_length", embeddingLength, 8...16384), ("block_count", blockCount, 1...256),
            ("feed_forward_length", feedForwardLength, 8...131072), ("attention.head_count", headCount, 1...256),
            ("attention.head_count_kv", kvHeadCount, 1...256), ("attention.key_length", headDimension, 2...1024),
            ("attention.sliding_window", slidingWindow, 1...1 << 24), ("context_length", contextLength, 1...1 << 24),
            ("vocabulary size", vocabularySize, 1...1 << 22),
        ]
        for (name, value, range) in limits where !range.contains(value) {
            throw TinyLMError.invalidConfiguration(path: gguf.path, what: "\(name) = \(value) is out of range")
        }
        guard headCount % kvHeadCount == 0, headDimension % 2 == 0 else {
            throw TinyLMError.invalidConfiguration(path: gguf.path, what: "head counts do not divide")
        }
        if let v = gguf.metadata["gemma3.attention.value_length"]?.intValue, v != headDimension {
            throw TinyLMError.invalidConfiguration(path: gguf.path, what: "value_length \(v) differs from key_length")
        }
    }
}
