import CKernels
import XCTest
@testable import TinyLM
import GGUF
import PromptLintTestSupport

/// The fast (int8 output head) mode against exact mode on a text nothing was tuned on.
final class FastScoringTests: XCTestCase {
    /// Written for this test; not used to choose any parameter.
    static let heldOut = """
        The ferry left the harbour twenty minutes late because a delivery van had blocked the loading ramp. \
        Passengers waited on the quay while the crew argued with the driver, and a gull stole half a sandwich \
        from a child who had been told twice to keep it in the bag. Once at sea, the wind dropped and the \
        crossing was calm enough that most people went out on deck to watch the cliffs slide past.
        """

    private func model() throws -> LanguageModel {
        try LanguageModel(path: try ModelFiles.requireGemma())
    }

    func testFastModeErrorOnHeldOutText() throws {
        let lm = try model()
        let ids = lm.tokenizer.encode(Self.heldOut, addBOS: true)
        var exactSession = ScoringSession(model: lm.model)
        let exact = try exactSession.append(ids)
        var fastSession = ScoringSession(model: lm.model, mode: .fast)
        let fast = try fastSession.append(ids)
        XCTAssertEqual(exact.count, fast.count)
        XCTAssertNil(fast[0])
        var errors: [Double] = []
        for (e, f) in zip(exact.dropFirst(), fast.dropFirst()) {
            errors.append(abs(Double(try XCTUnwrap(e)) - Double(try XCTUnwrap(f))))
        }
        let within = Double(errors.filter { $0 <= 0.05 }.count) / Double(errors.count)
        // The target: 99% of tokens within 0.05 nats of exact.
        XCTAssertGreaterThanOrEqual(within, 0.99, "fraction within 0.05 nats")
        XCTAssertLessThanOrEqual(errors.max() ?? 0, 0.1, "largest error")
    }

    func testUnboundedMarginRecomputesEveryLogitExactly() throws {
        let lm = try model()
        let ids = lm.tokenizer.encode(String(Self.heldOut.prefix(60)), addBOS: true)
        var exactSession = ScoringSession(model: lm.model)
        let exact = try exactSession.append(ids)
        var fastSession = ScoringSession(model: lm.model, mode: .fast)
        fastSession.exactMargin = .infinity
        fastSession.trunk = .exact
        let fast = try fastSession.append(ids)
        for (e, f) in zip(exact.dropFirst(), fast.dropFirst()) {
            XCTAssertEqual(Double(try XCTUnwrap(e)), Double(try XCTUnwrap(f)), accuracy: 1e-3)
        }
    }

    /// Each packed int8 weight times its row scale is within half a step of the float weight it came from.
    func testInt8HeadRowsMatchTheFloatEmbedding() throws {
        let lm = try model()
        let head = Int8OutputHead.shared(for: lm.model)
        let d = head.width
        var float = [Float](repeating: 0, count: d)
        for v in [0, 1, 2, 17, 4096, 100_000, head.rows - 1] {
            float.withUnsafeMutableBufferPointer { lm.model.weights.tokenEmbedding.dequantizeRows(v..<v + 1, into: $0.baseAddress!) }
            let panel = head.panels + (v / 16) * head.panelBytes
            let scale = panel.load(fromByteOffset: 64 + 4 * (v % 16), as: Float.self)
            XCTAssertGreaterThan(scale, 0)
            XCTAssertEqual(scale, float.map(abs).max()! / Float(CK_WEIGHT_MAX), accuracy: 1e-6 * max(1, scale))
            var sum: Int32 = 0
            for i in 0..<d {
                let q = panel.load(fromByteOffset: 128 + (i / 4) * 64 + (v % 16) * 4 + i % 4, as: Int8.self)
                sum += Int32(q)
                XCTAssertEqual(Double(q) * Double(scale), Double(float[i]), accuracy: 0.5001 * Double(scale), "row \(v) col \(i)")
            }
            XCTAssertEqual(panel.load(fromByteOffset: 4 * (v % 16), as: Int32.self), sum, "row sum \(v)")
        }
    }

    /// The fast trunk's repacked weights are exactly the dequantized GGUF weights (Q5_0, Q4_K and, with a scale per
    /// 16, Q6_K layers).
    func testInt8TrunkRepacksWeightsWithoutLoss() throws {
        let lm = try model()
        let weights = lm.model.weights
        var checked: Set<GGMLType> = []
        for layer in [0, 1, 17] {
            for tensor in [weights.layers[layer].query, weights.layers[layer].output, weights.layers[layer].down] {
                guard let packed = BlockInt8Matrix(tensor) else {
                    XCTAssertFalse(BlockInt8Matrix.losslessTypes.contains(tensor.type), "\(tensor.name) not repacked")
                    continue
                }
                checked.insert(tensor.type)
                let width = packed.width, blocks = width / 32
                var float = [Float](repeating: 0, count: width)
                for row in [0, 5, 16, packed.rows - 1] {
                    float.withUnsafeMutableBufferPointer { tensor.dequantizeRows(row..<row + 1, into: $0.baseAddress!) }
                    let panel = packed.panels + (row / 16) * packed.panelBytes
                    let scaleBytes = packed.scalePer16 ? 128 : 64
                    for i in 0..<width {
                        let block = panel + (i / 32) * (scaleBytes + 16 * 32)
                        let half = packed.scalePer16 ? i % 32 / 16 : 0
                        let scale = block.load(fromByteOffset: 64 * half + 4 * (row % 16), as: Float.self)
                        let q = block.load(
                            fromByteOffset: scaleBytes + (i % 32 / 2) * 32 + (row % 16) * 2 + i % 2, as: Int8.self)
                        let offset = packed.negatedOffsets?[row * blocks + i / 32] ?? 0
                        XCTAssertEqual(Float(q) * scale + offset, float[i], accuracy: 1e-6 * max(1e-3, abs(float[i])), "\(tensor.name) row \(row) col \(i)")
                    }
                }
            }
        }
        XCTAssertEqual(checked, [.q5_0, .q4_K, .q6_K], "the test model's layer types changed")
    }

    func testFoldMatchesDoublePrecisionLogSumExp() {
        var g = SplitMix64(seed: 42)
        let x = (0..<1000).map { _ in Float.random(in: -30...12, using: &g) }
        var m = -Float.infinity, s: Float = 0
        ck_fold_exp(x, 333, &m, &s)
        x.withUnsafeBufferPointer { ck_fold_exp($0.baseAddress! + 333, 667, &m, &s) }
        let top = Double(x.max()!)
        let reference = top + log(x.reduce(0.0) { $0 + exp(Double($1) - top) })
        XCTAssertEqual(m, x.max()!)
        XCTAssertEqual(Double(m) + log(Double(s)), reference, accuracy: 1e-5)
        var indices = [Int32](repeating: -1, count: x.count)
        let count = Int(ck_indices_above(x, Int32(x.count), 10, &indices))
        XCTAssertEqual(Array(indices[0..<count]), x.indices.filter { x[$0] > 10 }.map(Int32.init))
    }

    /// ck_max and ck_indices_above (vector paths on this CPU) give the scalar loops' results at every length,
    /// including tails shorter than a vector, and skip a NaN as the scalar loop does.
    func testMaxAndSelectionMatchScalarLoopsAtEveryLength() {
        var g = SplitMix64(seed: 7)
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 255, 256, 257] {
            var x = (0..<n).map { _ in Float.random(in: -20...20, using: &g) }
            if n > 5 { x[5] = .nan }
            var best = -Float.infinity
            for v in x where v > best { best = v }
            XCTAssertEqual(ck_max(x, Int32(n)), best, "n = \(n)")
            for threshold: Float in [-21, 0, 15, 21] {
                var indices = [Int32](repeating: -1, count: max(1, n))
                let count = Int(ck_indices_above(x, Int32(n), threshold, &indices))
                XCTAssertEqual(Array(indices[0..<count]), x.indices.filter { x[$0] > threshold }.map(Int32.init), "n = \(n)")
            }
        }
    }
}
