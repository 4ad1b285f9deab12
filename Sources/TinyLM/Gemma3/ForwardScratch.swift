import GGUF

/// Activation buffers for one batch, and the dequantize-then-multiply step of every linear layer.
struct ForwardScratch {
    let x, h, q, k, v, attention, gate, up: UnsafeMutablePointer<Float>
    private var weight: UnsafeMutablePointer<Float>
    private var weightCapacity: Int
    /// The quantized input of the block-int8 layers (fast mode's trunk), nil in exact mode.
    private var quantized: BlockInt8Activations?

    init(n: Int, d: Int, qWidth: Int, kvWidth: Int, ff: Int, int8: Bool = false) {
        x = .allocate(capacity: n * d)
        h = .allocate(capacity: n * max(d, ff))
        q = .allocate(capacity: n * qWidth)
        k = .allocate(capacity: n * kvWidth)
        v = .allocate(capacity: n * kvWidth)
        attention = .allocate(capacity: n * qWidth)
        gate = .allocate(capacity: n * ff)
        up = .allocate(capacity: n * ff)
        weightCapacity = max(qWidth * d, ff * d)
        weight = .allocate(capacity: weightCapacity)
        quantized = int8 ? BlockInt8Activations(elements: n * max(d, qWidth, ff)) : nil
    }

    /// output[rows × out] = input[rows × in] · Wᵀ in block int8 when `fast` is given, else in float from `w`.
    mutating func linear(
        _ w: GGUFTensor, fast: BlockInt8Matrix?, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rows: Int
    ) {
        if let fast, var quantized {
            fast.multiply(input, n: rows, into: output, scratch: &quantized)
        } else {
            linear(w, input: input, output: output, rows: rows)
        }
    }

    /// Several layers of the same input (q/k/v, gate/up): in block int8 when every one has a `fast` matrix, the
    /// input rounded once for all of them (the same values as rounding it per layer); else each as `linear`.
    mutating func linears(
        _ layers: [(w: GGUFTensor, fast: BlockInt8Matrix?, output: UnsafeMutablePointer<Float>)],
        input: UnsafePointer<Float>, rows: Int
    ) {
        let packed = layers.compactMap(\.fast)
        guard packed.count == layers.count, let width = packed.first?.width, packed.allSatisfy({ $0.width == width }),
            let quantized
        else {
            for layer in layers { linear(layer.w, fast: layer.fast, input: input, output: layer.output, rows: rows) }
            return
        }
        quantized.quantize(input, n: rows, width: width, sums: packed.contains { $0.negatedOffsets != nil })
        for (matrix, layer) in zip(packed, layers) { matrix.multiply(quantized: quantized, n: rows, into: layer.output) }
    }

    /// output[rows × out] = input[rows × in] · Wᵀ, dequantizing W (`[in, out]` in ggml order) first.
    mutating func linear(_ w: GGUFTensor, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rows: Int) {
        let inner = w.rowLength, outer = w.rowCount
        if inner * outer > weightCapacity {
            weight.deallocate()
            weightCapacity = inner * outer
            weight = .allocate(capacity: weightCapacity)
        }
        // Each worker dequantizes and multiplies its own slice of output columns (rows of W).
        let weight = self.weight
        let slices = Parallel.split(outer, parts: Parallel.workers, multiple: 16)
        Parallel.forEach(slices.count) { s in
            let range = slices[s]
            guard !range.isEmpty else { return }
            w.dequantizeRows(range, into: weight + range.lowerBound * inner)
            Matrix.multiplyTransposed(
                input, lda: inner, weight + range.lowerBound * inner, ldb: inner, into: output + range.lowerBound,
                ldc: outer, m: rows, n: range.count, k: inner)
        }
    }

    func release() {
        for p in [x, h, q, k, v, attention, gate, up, weight] { p.deallocate() }
        quantized?.release()
    }
}
