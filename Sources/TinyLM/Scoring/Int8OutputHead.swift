// The tied output layer requantized to int8 for the fast log-normaliser: one symmetric scale per row, packed in
// 16-row panels for the CKernels int8 product (AVX-512 VNNI / AVX2 / scalar, chosen at run time).
import CKernels
import Foundation
import GGUF

/// A model's output embedding requantized once to 7-bit integers (per-row scale max|w|/63, `CK_WEIGHT_MAX`, round to nearest, so the same
/// file always gives the same bytes) and packed for `ck_int8_logits`. About 170 MB for Gemma 3 270M's
/// 262,144 x 640 head; built in parallel on first use (or mapped from the cache file an earlier process wrote) and
/// shared by every session of the process.
public final class Int8OutputHead: @unchecked Sendable {
    /// Vocabulary rows.
    public let rows: Int
    /// Width of a row (the model's embedding length).
    public let width: Int
    /// 16-row panels (the last one zero-padded).
    let panelCount: Int
    /// Bytes per panel.
    let panelBytes: Int
    /// The packed panels; written once in `init` (or mapped from a cache file), read-only afterwards (hence safe to
    /// share).
    let panels: UnsafeMutableRawPointer
    /// The bytes `panels` lives in.
    let packed: PackedWeightFile

    /// Requantizes `embedding` (rows of `rowLength` floats, any GGUF type this project dequantizes) of the model
    /// file at `modelPath`, or maps the result from `cachePath` when a valid cache file is there (`PackedWeightFile`).
    init(embedding: GGUFTensor, modelPath: String, cachePath: String?) {
        let width = embedding.rowLength, rows = embedding.rowCount
        let panelRows = Int(CK_PANEL_ROWS)
        let panelCount = (rows + panelRows - 1) / panelRows
        let panelBytes = ck_panel_bytes(Int32(width))
        packed = PackedWeightFile.loadOrBuild(
            kind: "head", modelPath: modelPath, sectionSizes: [panelCount * panelBytes], cachePath: cachePath
        ) { sections in
            Self.pack(embedding, into: sections[0], panelCount: panelCount, panelBytes: panelBytes)
        }
        self.rows = rows
        self.width = width
        self.panelCount = panelCount
        self.panelBytes = panelBytes
        self.panels = packed.sections[0]
    }

    /// Requantizes and packs every panel of `embedding`, spread over the workers.
    private static func pack(_ embedding: GGUFTensor, into panels: UnsafeMutableRawPointer, panelCount: Int, panelBytes: Int) {
        let width = embedding.rowLength, rows = embedding.rowCount
        let panelRows = Int(CK_PANEL_ROWS)
        let parts = Parallel.split(panelCount, parts: Parallel.workers)
        Parallel.forEach(parts.count) { part in
            if embedding.type == .q8_0 {
                // Straight from the mapped Q8_0 rows (the usual case: Gemma GGUFs keep the tied embedding in Q8_0).
                for p in parts[part] {
                    let first = p * panelRows
                    ck_pack_q8_0_panel(
                        embedding.rawPointer + first * embedding.rowBytes, embedding.rowBytes,
                        Int32(min(panelRows, rows - first)), Int32(width), panels + p * panelBytes)
                }
                return
            }
            let floats = UnsafeMutablePointer<Float>.allocate(capacity: panelRows * width)
            let quantized = UnsafeMutablePointer<Int8>.allocate(capacity: panelRows * width)
            var scales = [Float](repeating: 0, count: panelRows)
            defer {
                floats.deallocate()
                quantized.deallocate()
            }
            for p in parts[part] {
                let first = p * panelRows, count = min(panelRows, rows - first)
                floats.update(repeating: 0, count: panelRows * width)
                embedding.dequantizeRows(first..<first + count, into: floats)
                for r in 0..<panelRows {
                    scales[r] = Int8Quantization.quantize(
                        floats + r * width, count: width, into: quantized + r * width, levels: Int(CK_WEIGHT_MAX))
                }
                ck_pack_panel(quantized, scales, Int32(width), panels + p * panelBytes)
            }
        }
    }

    /// Approximate logits of `tokens` quantized activations against panels `panelRange`, into `out`
    /// (`tokens x ldo`, column j = vocabulary row 16 * panelRange.lowerBound + j).
    func logits(_ activations: QuantizedActivations, panels panelRange: Range<Int>, into out: UnsafeMutablePointer<Float>, ldo: Int) {
        let status = activations.values.withUnsafeBufferPointer { a in
            activations.biased.withUnsafeBufferPointer { biased in
                activations.scales.withUnsafeBufferPointer { scales in
                    ck_int8_logits(
                        panels + panelRange.lowerBound * panelBytes, panelRange.count, Int32(width), a.baseAddress,
                        biased.baseAddress, scales.baseAddress, Int32(activations.rows), out, ldo, Int32(CK_PATH_AUTO))
                }
            }
        }
        precondition(status == 0, "int8 kernel rejected width \(width)")
    }
}

/// Rows of float activations quantized to int8 with one scale per row.
struct QuantizedActivations {
    /// Rows.
    let rows: Int
    /// Values in [-127, 127], `rows x width`.
    var values: [Int8]
    /// The same values plus 128 as unsigned bytes (the VNNI kernel's operand).
    var biased: [UInt8]
    /// Per-row scales: float ≈ value · scale.
    var scales: [Float]

    /// Quantizes `rows x width` floats.
    init(_ x: UnsafePointer<Float>, rows: Int, width: Int) {
        self.rows = rows
        var values = [Int8](repeating: 0, count: rows * width)
        var scales = [Float](repeating: 0, count: rows)
        values.withUnsafeMutableBufferPointer { q in
            for r in 0..<rows {
                scales[r] = Int8Quantization.quantize(x + r * width, count: width, into: q.baseAddress! + r * width)
            }
        }
        self.values = values
        self.biased = values.map { UInt8(bitPattern: $0) ^ 0x80 }
        self.scales = scales
    }
}

/// Symmetric int8 quantization of one row.
enum Int8Quantization {
    /// Writes round(x / s) (to nearest, ties away from zero) for s = max|x| / `levels` and returns s (0 for a zero
    /// row). Activations use 127 levels, the output head's weights `CK_WEIGHT_MAX` (63).
    static func quantize(_ x: UnsafePointer<Float>, count: Int, into q: UnsafeMutablePointer<Int8>, levels: Int = 127) -> Float {
        var largest: Float = 0
        for i in 0..<count { largest = max(largest, abs(x[i])) }
        guard largest > 0, largest.isFinite else {
            q.update(repeating: 0, count: count)
            return 0
        }
        let top = Float(levels)
        let inverse = top / largest
        for i in 0..<count { q[i] = Int8(max(-top, min(top, (x[i] * inverse).rounded()))) }
        return largest / top
    }
}

/// Int8 heads built once per model file and kept for the process.
private let int8Heads = PerModelFileStore { model in
    PhaseTiming.measure("int8 head map/build") { Int8OutputHead(
        embedding: model.weights.tokenEmbedding, modelPath: model.file.path,
        cachePath: PackedWeightFile.defaultCachePath(kind: "head", modelPath: model.file.path)) }
}

extension Int8OutputHead {
    /// The int8 head of `model`, built on first use and kept for the process.
    public static func shared(for model: Gemma3Model) -> Int8OutputHead {
        int8Heads.value(for: model)
    }
}
