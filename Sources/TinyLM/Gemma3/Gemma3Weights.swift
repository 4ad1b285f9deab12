// Tensor names as in llama.cpp src/llama-arch.cpp (LLM_ARCH_GEMMA3); shapes checked on load.
import GGUF

/// One transformer block's tensors, still quantized in the mapping.
struct Gemma3LayerWeights: Sendable {
    let attentionNorm: [Float]
    let query: GGUFTensor
    let key: GGUFTensor
    let value: GGUFTensor
    let queryNorm: [Float]
    let keyNorm: [Float]
    let output: GGUFTensor
    let postAttentionNorm: [Float]
    let ffnNorm: [Float]
    let gate: GGUFTensor
    let up: GGUFTensor
    let down: GGUFTensor
    let postFFNNorm: [Float]
}

/// All tensors of a Gemma 3 model. Norm vectors are copied out as floats (tiny); matrices stay mapped.
struct Gemma3Weights: Sendable {
    let tokenEmbedding: GGUFTensor
    let outputNorm: [Float]
    let layers: [Gemma3LayerWeights]

    init(gguf: GGUFFile, config c: Gemma3Configuration) throws {
        func matrix(_ name: String, _ inner: Int, _ outer: Int) throws -> GGUFTensor {
            let t = try gguf.requireTensor(name)
            guard t.dimensions == [inner, outer] else {
                throw GGUFError.invalidTensor(
                    path: gguf.path, name: name, what: "shape \(t.dimensions), expected [\(inner), \(outer)]")
            }
            return t
        }
        func vector(_ name: String, _ length: Int) throws -> [Float] {
            let t = try gguf.requireTensor(name)
            guard t.dimensions == [length] else {
                throw GGUFError.invalidTensor(path: gguf.path, name: name, what: "shape \(t.dimensions), expected [\(length)]")
            }
            return t.dequantized()
        }
        let d = c.embeddingLength, hd = c.headDimension
        tokenEmbedding = try matrix("token_embd.weight", d, c.vocabularySize)
        outputNorm = try vector("output_norm.weight", d)
        layers = try (0..<c.blockCount).map { i in
            let p = "blk.\(i)."
            return Gemma3LayerWeights(
                attentionNorm: try vector(p + "attn_norm.weight", d),
                query: try matrix(p + "attn_q.weight", d, c.headCount * hd),
                key: try matrix(p + "attn_k.weight", d, c.kvHeadCount * hd),
                value: try matrix(p + "attn_v.weight", d, c.kvHeadCount * hd),
                queryNorm: try vector(p + "attn_q_norm.weight", hd),
                keyNorm: try vector(p + "attn_k_norm.weight", hd),
                output: try matrix(p + "attn_output.weight", c.headCount * hd, d),
                postAttentionNorm: try vector(p + "post_attention_norm.weight", d),
                ffnNorm: try vector(p + "ffn_norm.weight", d),
                gate: try matrix(p + "ffn_gate.weight", d, c.feedForwardLength),
                up: try matrix(p + "ffn_up.weight", d, c.feedForwardLength),
                down: try matrix(p + "ffn_down.weight", c.feedForwardLength, d),
                postFFNNorm: try vector(p + "post_ffw_norm.weight", d))
        }
    }
}
