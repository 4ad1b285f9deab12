// A weight matrix repacked once, without loss, to int8 with one float scale per block of 32 (per 16 for Q6_K; and,
// for Q4_K, one float offset per block) in 16-row panels for the CKernels product (int8 weights x int16
// activations; AVX-512 VNNI / AVX2 / scalar, chosen at run time, bit-identical).
import CKernels
import GGUF

/// One linear layer's weights in block int8: `rows` outputs of `width` inputs. Only GGUF types whose blocks are a
/// scale times small integers (minus an offset) are repacked, so the weights are exactly those of exact mode.
/// Written once in `init`, read-only afterwards (hence safe to share).
final class BlockInt8Matrix: @unchecked Sendable {
    /// Output rows (ggml's outer dimension).
    let rows: Int
    /// Inputs per row (ggml's row length).
    let width: Int
    /// 16-row panels (the last one zero-padded).
    let panelCount: Int
    /// Bytes per panel.
    let panelBytes: Int
    /// The packed panels (read-only once built).
    let panels: UnsafeMutableRawPointer
    /// Q4_K only: minus each block's min (`rows x width/32`); the product adds input block sums times these.
    let negatedOffsets: UnsafeMutablePointer<Float>?
    /// Q6_K: one weight scale per 16 (`ck_block16_pack_panel`) instead of per 32.
    let scalePer16: Bool

    /// The GGUF types repacked without loss.
    static let losslessTypes: Set<GGMLType> = [.q8_0, .q5_0, .q4_0, .q4_K, .q6_K]

    /// Bytes `tensor` packs to (its panels, then Q4_K's negated offsets, 0 for other types), or nil for a type not
    /// in `losslessTypes` or a width that is not a multiple of 32 up to CK_MAX_K (that layer stays in float).
    static func packedSizes(_ tensor: GGUFTensor) -> (panels: Int, offsets: Int)? {
        guard losslessTypes.contains(tensor.type), tensor.rowLength % Int(CK_BLOCK) == 0,
            tensor.rowLength <= Int(CK_MAX_K)
        else { return nil }
        let panelCount = (tensor.rowCount + Int(CK_PANEL_ROWS) - 1) / Int(CK_PANEL_ROWS)
        let width = Int32(tensor.rowLength)
        let panelBytes = tensor.type == .q6_K ? ck_block16_panel_bytes(width) : ck_block_panel_bytes(width)
        let offsets = tensor.type == .q4_K ? tensor.rowCount * (tensor.rowLength / Int(CK_BLOCK)) * 4 : 0
        return (panelCount * panelBytes, offsets)
    }

    /// The bytes the panels live in (nil when they belong to a `PackedWeightFile` the trunk keeps).
    private let storage: AlignedBytes?

    /// Repacks `tensor` into memory of its own, or returns nil when `packedSizes` does. Single-threaded.
    convenience init?(_ tensor: GGUFTensor) {
        guard let sizes = Self.packedSizes(tensor) else { return nil }
        let storage = AlignedBytes(count: sizes.panels + sizes.offsets)
        let offsets = sizes.offsets > 0 ? (storage.base + sizes.panels).bindMemory(to: Float.self, capacity: sizes.offsets / 4) : nil
        self.init(tensor, panels: storage.base, negatedOffsets: offsets, pack: true, storage: storage)
    }

    /// The matrix over packed bytes at `panels` (and `negatedOffsets` for Q4_K), sized by `packedSizes`: repacked
    /// there now when `pack`, else already packed (mapped from a cache file). Single-threaded: the caller spreads
    /// matrices over workers. The bytes must outlive the matrix (`storage`, or the caller keeps them).
    init(
        _ tensor: GGUFTensor, panels: UnsafeMutableRawPointer, negatedOffsets: UnsafeMutablePointer<Float>?, pack: Bool,
        storage: AlignedBytes? = nil
    ) {
        rows = tensor.rowCount
        width = tensor.rowLength
        scalePer16 = tensor.type == .q6_K
        let panelRows = Int(CK_PANEL_ROWS), blocks = width / Int(CK_BLOCK)
        panelCount = (rows + panelRows - 1) / panelRows
        panelBytes = scalePer16 ? ck_block16_panel_bytes(Int32(width)) : ck_block_panel_bytes(Int32(width))
        self.panels = panels
        self.negatedOffsets = negatedOffsets
        self.storage = storage
        if pack { Self.pack(tensor, panels: panels, negatedOffsets: negatedOffsets, panelCount: panelCount, panelBytes: panelBytes, blocks: blocks) }
    }

    /// Writes `tensor`'s panels (and Q4_K's negated offsets).
    private static func pack(
        _ tensor: GGUFTensor, panels: UnsafeMutableRawPointer, negatedOffsets: UnsafeMutablePointer<Float>?,
        panelCount: Int, panelBytes: Int, blocks: Int
    ) {
        let rows = tensor.rowCount, width = tensor.rowLength, scalePer16 = tensor.type == .q6_K
        let panelRows = Int(CK_PANEL_ROWS)
        let scalesPerRow = scalePer16 ? 2 * blocks : blocks
        let withOffsets = tensor.type == .q4_K
        let floats = UnsafeMutablePointer<Float>.allocate(capacity: panelRows * width)
        let scales = UnsafeMutablePointer<Float>.allocate(capacity: panelRows * scalesPerRow)
        let offsets = UnsafeMutablePointer<Float>.allocate(capacity: panelRows * blocks)
        defer {
            floats.deallocate()
            scales.deallocate()
            offsets.deallocate()
        }
        for p in 0..<panelCount {
            let first = p * panelRows, count = min(panelRows, rows - first)
            tensor.dequantizeRows(first..<first + count, into: floats)
            for r in 0..<count {
                let row = tensor.rawPointer + (first + r) * tensor.rowBytes
                blockScales(
                    row, type: tensor.type, blocks: blocks, scales: scales + r * scalesPerRow, offsets: offsets + r * blocks)
            }
            if scalePer16 {
                ck_block16_pack_panel(floats, scales, Int32(count), Int32(width), panels + p * panelBytes)
            } else {
                ck_block_pack_panel(
                    floats, scales, withOffsets ? offsets : nil, Int32(count), Int32(width), panels + p * panelBytes)
            }
            if let negatedOffsets {
                for i in 0..<(count * blocks) { negatedOffsets[first * blocks + i] = -offsets[i] }
            }
        }
    }

    /// Reads each block's scale (and Q4_K's min) from one row's raw GGUF blocks, as the dequantizers compute them;
    /// for Q6_K, the scale of each 16 weights (`2 x blocks` of them).
    private static func blockScales(
        _ row: UnsafeRawPointer, type: GGMLType, blocks: Int, scales: UnsafeMutablePointer<Float>,
        offsets: UnsafeMutablePointer<Float>
    ) {
        if type == .q6_K {
            // block_q6_K: ql[128], qh[64], scales[16] (i8), d (f16); the j-th 16 weights: x = (d·scale_j)·(q − 32).
            for s in 0..<(2 * blocks) {
                let block = row + (s / 16) * BlockQ6_K.bytes
                let d = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 208, as: UInt16.self))
                scales[s] = abs(d * Float(block.load(fromByteOffset: 192 + s % 16, as: Int8.self)))
            }
            return
        }
        if type == .q4_K {
            // block_q4_K: d, dmin (f16), scales[12], qs[128]; sub-block j: x = d·scale_j·q − dmin·min_j.
            for b in 0..<blocks {
                let block = row + (b / 8) * BlockQ4_K.bytes
                let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
                let dmin = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
                let (scale, min) = kQuantScaleMin(b % 8, block + 4)
                scales[b] = d * Float(scale)
                offsets[b] = dmin * Float(min)
            }
            return
        }
        // block_q8_0 / q5_0 / q4_0 start with d (f16): x = d·q; |d| keeps the scale positive (ggml stores d < 0).
        for b in 0..<blocks {
            scales[b] = abs(floatFromHalfBits(row.loadUnaligned(fromByteOffset: b * type.blockBytes, as: UInt16.self)))
            offsets[b] = 0
        }
    }

    /// output[n × rows] = input[n × width] · Wᵀ, the input quantized to int16 per block of 32 first. Spread over the
    /// workers by output panels; `scratch` holds the quantized input.
    func multiply(_ input: UnsafePointer<Float>, n: Int, into output: UnsafeMutablePointer<Float>, scratch: inout BlockInt8Activations) {
        scratch.quantize(input, n: n, width: width, sums: negatedOffsets != nil)
        multiply(quantized: scratch, n: n, into: output)
    }

    /// output[n × rows] = the input `a` already quantized (by `BlockInt8Activations.quantize`, with block sums when
    /// `negatedOffsets` is set) · Wᵀ: layers with the same input (q/k/v, gate/up) share one rounding.
    func multiply(quantized a: BlockInt8Activations, n: Int, into output: UnsafeMutablePointer<Float>) {
        let blocks = width / Int(CK_BLOCK)
        let slices = Parallel.split(panelCount, parts: Parallel.workers, multiple: 2)
        let kernel = scalePer16 ? ck_block16_matmul : ck_block_matmul
        Parallel.forEach(slices.count) { s in
            let range = slices[s]
            guard !range.isEmpty else { return }
            let status = kernel(
                panels + range.lowerBound * panelBytes, range.count, Int32(width), a.values, a.scales, Int32(n),
                output + range.lowerBound * Int(CK_PANEL_ROWS), rows, Int32(CK_PATH_AUTO))
            precondition(status == 0, "block int8 kernel rejected width \(width)")
            if let negatedOffsets {
                // − Σ_b min_jb · (sum of the input over block b): a product 1/32 the size of the main one.
                let first = range.lowerBound * Int(CK_PANEL_ROWS), end = min(rows, range.upperBound * Int(CK_PANEL_ROWS))
                guard first < end else { return }
                Matrix.multiplyTransposed(
                    a.sums, lda: blocks, negatedOffsets + first * blocks, ldb: blocks, into: output + first, ldc: rows,
                    m: n, n: end - first, k: blocks, accumulate: true)
            }
        }
    }
}

/// Activations quantized to int16 per block of 32 for `BlockInt8Matrix.multiply`: buffers sized once per batch.
struct BlockInt8Activations {
    let values: UnsafeMutablePointer<Int16>
    let scales: UnsafeMutablePointer<Float>
    /// Float sums of each block of the input (for Q4_K's mins).
    let sums: UnsafeMutablePointer<Float>
    private let capacity: Int

    /// Room for `elements` activations (a multiple of 32).
    init(elements: Int) {
        capacity = elements
        values = .allocate(capacity: elements)
        scales = .allocate(capacity: elements / Int(CK_BLOCK))
        sums = .allocate(capacity: elements / Int(CK_BLOCK))
    }

    /// Quantizes `n × width` floats (and sums their blocks when `sums`), rows spread over the workers.
    func quantize(_ x: UnsafePointer<Float>, n: Int, width: Int, sums wantSums: Bool) {
        precondition(n * width <= capacity, "activation buffer too small")
        let blocks = width / Int(CK_BLOCK)
        let slices = Parallel.split(n, parts: Parallel.workers)
        Parallel.forEach(slices.count) { s in
            let r = slices[s]
            guard !r.isEmpty else { return }
            ck_block_quantize(
                x + r.lowerBound * width, Int32(r.count), Int32(width), values + r.lowerBound * width,
                scales + r.lowerBound * blocks, wantSums ? sums + r.lowerBound * blocks : nil)
        }
    }

    func release() {
        values.deallocate()
        scales.deallocate()
        sums.deallocate()
    }
}
