// The Gemma 3 text model's forward pass, checked against llama.cpp src/models/gemma3.cpp:
// embeddings × √d → per block: norm → Q/K/V → q/k RMSNorm → RoPE → Q × 1/√hd → attention → output →
// post-attention norm + residual → norm → GELU-tanh(gate) · up → down → post-FFN norm + residual →
// output norm → tied embedding as the output layer.
import GGUF

/// A Gemma 3 model loaded from a GGUF file. Weights stay quantized in the memory mapping and are dequantized
/// per batch, so loading is fast and memory stays near the file's size. Immutable and safe to share.
public struct Gemma3Model: Sendable {
    /// Hyperparameters.
    public let configuration: Gemma3Configuration
    /// The file the weights are mapped from.
    public let file: GGUFFile
    let weights: Gemma3Weights

    /// Longest batch evaluated in one pass; longer inputs are split.
    public static let maxBatch = 512

    /// Loads and validates the model at `path` (header and tensor shapes; no weight is dequantized).
    /// - Throws: `TinyLMError` naming the file and the problem.
    public init(path: String) throws {
        do {
            let gguf = try GGUFFile(path: path)
            try self.init(gguf: gguf)
        } catch let error as GGUFError {
            throw TinyLMError.file(error)
        }
    }

    /// Builds the model over an opened GGUF file.
    public init(gguf: GGUFFile) throws {
        do {
            let configuration = try Gemma3Configuration(gguf: gguf)
            self.configuration = configuration
            self.file = gguf
            self.weights = try Gemma3Weights(gguf: gguf, config: configuration)
            Parallel.configureBLAS
        } catch let error as GGUFError {
            throw TinyLMError.file(error)
        }
    }

    /// An empty KV cache for this model.
    public func makeCache() -> KVCache {
        KVCache(layers: configuration.blockCount, kvWidth: configuration.kvHeadCount * configuration.headDimension)
    }

    /// Evaluates `tokens` after the positions already in `cache`, appends their keys and values, and returns the
    /// final normalized hidden states (`tokens.count × embeddingLength`, row-major): the input of the output layer.
    /// - Parameter trunk: `.exact` multiplies in float32 (weights dequantized per batch); `.fast` uses the trunk
    ///   packed from the GGUF blocks (`Int8Trunk`, built on first use in the process) with activations rounded to
    ///   int16 per block of 32.
    /// - Throws: `TinyLMError.tokenOutOfRange` for an id outside the vocabulary; `.contextExceeded` when the
    ///   cache would hold more positions than the model's context.
    public func forward(_ tokens: [Int32], cache: inout KVCache, trunk: ScoringMode = .exact) throws -> [Float] {
        try PhaseTiming.measure(trunk == .fast ? "trunk (fast)" : "trunk (exact)") { try forwardAll(tokens, cache: &cache, trunk: trunk) }
    }

    private func forwardAll(_ tokens: [Int32], cache: inout KVCache, trunk: ScoringMode) throws -> [Float] {
        let c = configuration
        guard cache.count + tokens.count <= c.contextLength else {
            throw TinyLMError.contextExceeded(tokens: cache.count + tokens.count, context: c.contextLength)
        }
        for t in tokens where t < 0 || Int(t) >= c.vocabularySize {
            throw TinyLMError.tokenOutOfRange(id: t, vocabularySize: c.vocabularySize)
        }
        var hidden: [Float] = []
        hidden.reserveCapacity(tokens.count * c.embeddingLength)
        var offset = 0
        while offset < tokens.count {
            let batch = Array(tokens[offset..<min(tokens.count, offset + Self.maxBatch)])
            hidden += forwardBatch(batch, cache: &cache, int8: trunk == .fast ? Int8Trunk.shared(for: self) : nil)
            offset += batch.count
        }
        return hidden
    }

    /// One batch of at most `maxBatch` rows. With `sequences` (row ranges of `tokens`), each range is an
    /// independent text: positions restart at 0, it attends only to its own rows, and `cache` is left untouched.
    func forwardBatch(_ tokens: [Int32], cache: inout KVCache, int8: Int8Trunk?, sequences: [Range<Int>]? = nil) -> [Float] {
        let c = configuration
        let n = tokens.count, d = c.embeddingLength, hd = c.headDimension
        let qWidth = c.headCount * hd, kvWidth = c.kvHeadCount * hd, ff = c.feedForwardLength
        let start = sequences == nil ? cache.count : 0
        // Row i's index into the rotary tables: its position in its own sequence.
        var position = Array(0..<n)
        for range in sequences ?? [] { for i in range { position[i] = i - range.lowerBound } }
        var scratch = ForwardScratch(n: n, d: d, qWidth: qWidth, kvWidth: kvWidth, ff: ff, int8: int8 != nil)
        defer { scratch.release() }
        let x = scratch.x
        // Embedding lookup, scaled by √d.
        let embedding = weights.tokenEmbedding
        let scale = Float(d).squareRoot()
        for (i, t) in tokens.enumerated() {
            embedding.dequantizeRows(Int(t)..<Int(t) + 1, into: x + i * d)
            for j in 0..<d { x[i * d + j] *= scale }
        }
        let localRope = RotaryTable(start: start, count: n, half: hd / 2, base: c.ropeBaseLocal)
        let globalRope = RotaryTable(start: start, count: n, half: hd / 2, base: c.ropeBaseGlobal)
        let queryScale = 1 / Float(hd).squareRoot()
        for (l, w) in weights.layers.enumerated() {
            let global = c.isGlobal(layer: l)
            let rope = global ? globalRope : localRope
            let fast = int8?.layers[l]
            // Attention block.
            scratch.h.update(from: x, count: n * d)
            VectorMath.rmsNorm(scratch.h, rows: n, width: d, weight: w.attentionNorm, epsilon: c.rmsEpsilon)
            scratch.linears(
                [(w.query, fast?.query, scratch.q), (w.key, fast?.key, scratch.k), (w.value, fast?.value, scratch.v)],
                input: scratch.h, rows: n)
            VectorMath.rmsNorm(scratch.q, rows: n * c.headCount, width: hd, weight: w.queryNorm, epsilon: c.rmsEpsilon)
            VectorMath.rmsNorm(scratch.k, rows: n * c.kvHeadCount, width: hd, weight: w.keyNorm, epsilon: c.rmsEpsilon)
            for i in 0..<n {
                rope.apply(scratch.q + i * qWidth, heads: c.headCount, position: position[i])
                rope.apply(scratch.k + i * kvWidth, heads: c.kvHeadCount, position: position[i])
            }
            for i in 0..<(n * qWidth) { scratch.q[i] *= queryScale }
            if let sequences {
                for r in sequences where !r.isEmpty {
                    attend(
                        queries: scratch.q + r.lowerBound * qWidth, keys: scratch.k + r.lowerBound * kvWidth,
                        values: scratch.v + r.lowerBound * kvWidth, output: scratch.attention + r.lowerBound * qWidth,
                        n: r.count, start: 0, heads: c.headCount, kvHeads: c.kvHeadCount, headDim: hd,
                        window: global ? nil : c.slidingWindow)
                }
            } else {
                cache.keys[l].append(contentsOf: UnsafeBufferPointer(start: scratch.k, count: n * kvWidth))
                cache.values[l].append(contentsOf: UnsafeBufferPointer(start: scratch.v, count: n * kvWidth))
                cache.keys[l].withUnsafeBufferPointer { keys in
                    cache.values[l].withUnsafeBufferPointer { values in
                        attend(
                            queries: scratch.q, keys: keys.baseAddress!, values: values.baseAddress!, output: scratch.attention,
                            n: n, start: start, heads: c.headCount, kvHeads: c.kvHeadCount, headDim: hd,
                            window: global ? nil : c.slidingWindow)
                    }
                }
            }
            scratch.linear(w.output, fast: fast?.output, input: scratch.attention, output: scratch.h, rows: n)
            VectorMath.rmsNorm(scratch.h, rows: n, width: d, weight: w.postAttentionNorm, epsilon: c.rmsEpsilon)
            VectorMath.add(scratch.h, to: x, count: n * d)
            // Feed-forward block.
            scratch.h.update(from: x, count: n * d)
            VectorMath.rmsNorm(scratch.h, rows: n, width: d, weight: w.ffnNorm, epsilon: c.rmsEpsilon)
            scratch.linears([(w.gate, fast?.gate, scratch.gate), (w.up, fast?.up, scratch.up)], input: scratch.h, rows: n)
            VectorMath.geluGate(scratch.gate, up: scratch.up, count: n * ff)
            scratch.linear(w.down, fast: fast?.down, input: scratch.gate, output: scratch.h, rows: n)
            VectorMath.rmsNorm(scratch.h, rows: n, width: d, weight: w.postFFNNorm, epsilon: c.rmsEpsilon)
            VectorMath.add(scratch.h, to: x, count: n * d)
        }
        if sequences == nil { cache.advance(by: n) }
        VectorMath.rmsNorm(x, rows: n, width: d, weight: weights.outputNorm, epsilon: c.rmsEpsilon)
        return Array(UnsafeBufferPointer(start: x, count: n * d))
    }
}

