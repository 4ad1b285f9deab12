import CKernels
import PromptLintTestSupport
import XCTest

/// The block-int8 linear layer (int8 weights x int16 activations, CKernels) pinned to a float reference with a
/// bound derived from the quantization, and every path pinned bit for bit to the scalar one.
final class BlockInt8KernelTests: XCTestCase {
    /// A random layer: `16 · panelCount` rows of width `k`, `tokens` activation rows (one large outlier each).
    struct Problem {
        let k: Int, panelCount: Int, tokens: Int
        /// The weights as float (exactly scale × integer − offset when `lossless`).
        var weights: [Float]
        var blockScales: [Float]?
        var blockOffsets: [Float]?
        /// Q6_K-like: one scale per 16 weights (`blockScales` holds `k / 16` per row), `ck_block16_*`.
        var per16 = false
        var activations: [Float]
        let packed: UnsafeMutableRawPointer

        /// `lossless`: weights built as Q5_0-like (d × q, q in [-16, 15]) or, with `offsets`, Q4_K-like
        /// (d × q − m, q in [0, 15]) blocks and packed with their scales (and offsets); else random floats packed
        /// with max|w| / 127. `per16`: Q6_K-like blocks (a scale per 16 weights, d × q with q in [-32, 31]).
        init(
            k: Int, panelCount: Int, tokens: Int, seed: UInt64, lossless: Bool = false, offsets: Bool = false,
            per16: Bool = false
        ) {
            var g = SplitMix64(seed: seed)
            self.k = k
            self.panelCount = panelCount
            self.tokens = tokens
            self.per16 = per16
            let rows = 16 * panelCount, blocks = per16 ? k / 16 : k / 32
            if per16 {
                let scales = (0..<(rows * blocks)).map { _ in Float.random(in: 0.0005...0.01, using: &g) }
                weights = (0..<(rows * k)).map { i in
                    scales[(i / k) * blocks + (i % k) / 16] * Float(Int.random(in: -32...31, using: &g))
                }
                blockScales = scales
            } else if lossless {
                let scales = (0..<(rows * blocks)).map { _ in Float.random(in: 0.001...0.01, using: &g) }
                let mins = (0..<(rows * blocks)).map { _ in offsets ? Float.random(in: 0...0.05, using: &g) : 0 }
                weights = (0..<(rows * k)).map { i in
                    let b = (i / k) * blocks + (i % k) / 32
                    let q = offsets ? Float(Int.random(in: 0...15, using: &g)) : Float(Int.random(in: -16...15, using: &g))
                    return scales[b] * q - mins[b]
                }
                blockScales = scales
                blockOffsets = offsets ? mins : nil
            } else {
                weights = (0..<(rows * k)).map { _ in Float.random(in: -0.1...0.1, using: &g) }
            }
            activations = (0..<(tokens * k)).map { i in i % k == 17 ? 40 : Float.random(in: -2...2, using: &g) }
            let bytes = per16 ? ck_block16_panel_bytes(Int32(k)) : ck_block_panel_bytes(Int32(k))
            packed = UnsafeMutableRawPointer.allocate(byteCount: panelCount * bytes, alignment: 64)
            for p in 0..<panelCount {
                let at = p * 16 * k, sat = p * 16 * blocks
                weights.withUnsafeBufferPointer { w in
                    let scales = blockScales.map { Array($0[sat..<(sat + 16 * blocks)]) }
                    let offsets = blockOffsets.map { Array($0[sat..<(sat + 16 * blocks)]) }
                    if per16 {
                        ck_block16_pack_panel(w.baseAddress! + at, scales, 16, Int32(k), packed + p * bytes)
                    } else {
                        ck_block_pack_panel(w.baseAddress! + at, scales, offsets, 16, Int32(k), packed + p * bytes)
                    }
                }
            }
        }

        /// The kernel's output, plus Σ_b −offset_b · (block sum of the input) when there are offsets.
        func run(path: Int32) -> (status: Int32, out: [Float]) {
            let n = 16 * panelCount, blocks = k / 32
            var q = [Int16](repeating: 0, count: tokens * k)
            var scales = [Float](repeating: 0, count: tokens * blocks)
            var sums = [Float](repeating: 0, count: tokens * blocks)
            ck_block_quantize(activations, Int32(tokens), Int32(k), &q, &scales, &sums)
            var out = [Float](repeating: .nan, count: tokens * n)
            let kernel = per16 ? ck_block16_matmul : ck_block_matmul
            let status = out.withUnsafeMutableBufferPointer { o in
                kernel(packed, panelCount, Int32(k), q, scales, Int32(tokens), o.baseAddress!, n, path)
            }
            if let blockOffsets {
                for t in 0..<tokens {
                    for j in 0..<n {
                        for b in 0..<blocks { out[t * n + j] -= blockOffsets[j * blocks + b] * sums[t * blocks + b] }
                    }
                }
            }
            return (status, out)
        }

        /// Σ a·w in Double, and the error bound: half an int16 step of each activation block times Σ|w| over the
        /// block, plus half an int8 step of each weight block times Σ|a| when the weights were requantized, plus
        /// float rounding (1e-5 of Σ|a·w|).
        var reference: [(value: Double, bound: Double)] {
            let n = 16 * panelCount
            var out: [(Double, Double)] = []
            for t in 0..<tokens {
                for j in 0..<n {
                    var dot = 0.0, magnitude = 0.0, bound = 0.0
                    for b in 0..<(k / 32) {
                        var aMax = 0.0, wMax = 0.0, aAbs = 0.0, wAbs = 0.0
                        for i in (b * 32)..<(b * 32 + 32) {
                            let a = Double(activations[t * k + i]), w = Double(weights[j * k + i])
                            dot += a * w
                            magnitude += abs(a * w)
                            aMax = max(aMax, abs(a))
                            wMax = max(wMax, abs(w))
                            aAbs += abs(a)
                            wAbs += abs(w)
                        }
                        bound += aMax / 32767 / 2 * wAbs
                        if blockScales == nil { bound += wMax / 127 / 2 * aAbs }
                    }
                    out.append((dot, bound + 1e-5 * magnitude))
                }
            }
            return out
        }
    }

    static let shapes: [(k: Int, panels: Int, tokens: Int)] = [(640, 3, 13), (2048, 2, 6), (32, 1, 1), (1024, 5, 4)]

    func testScalarPathMatchesFloatReferenceWithinTheQuantizationBound() {
        for (index, shape) in Self.shapes.enumerated() {
            for (lossless, offsets, per16) in [(false, false, false), (true, false, false), (true, true, false), (true, false, true)] {
                let problem = Problem(
                    k: shape.k, panelCount: shape.panels, tokens: shape.tokens, seed: UInt64(index + 1),
                    lossless: lossless, offsets: offsets, per16: per16)
                defer { problem.packed.deallocate() }
                let (status, out) = problem.run(path: Int32(CK_PATH_SCALAR))
                XCTAssertEqual(status, 0)
                var worst = 0.0
                for (got, want) in zip(out, problem.reference) {
                    worst = max(worst, abs(Double(got) - want.value) / want.bound)
                }
                XCTAssertLessThanOrEqual(worst, 1, "shape \(shape), lossless \(lossless), offsets \(offsets), per 16 \(per16)")
            }
        }
    }

    func testLosslessPackingIsTighterThanRequantizing() {
        // The same weights packed with their own block scales must beat max|w| / 127 on the same inputs.
        assertOwnScalesBeatRequantizingPer32(Problem(k: 640, panelCount: 2, tokens: 5, seed: 9, lossless: true))
    }

    func testEverySupportedPathIsBitIdenticalToScalar() {
        let paths = [Int32(CK_PATH_AVX2), Int32(CK_PATH_AVX512VNNI), Int32(CK_PATH_AUTO)].filter { ck_path_supported($0) == 1 }
        #if arch(x86_64)
        XCTAssertTrue(paths.contains(Int32(CK_PATH_AVX2)), "AVX2 path not available on this x86-64 machine")
        #endif
        for (index, shape) in Self.shapes.enumerated() {
            for per16 in [false, true] {
                let problem = Problem(
                    k: shape.k, panelCount: shape.panels, tokens: shape.tokens, seed: UInt64(100 + index),
                    lossless: index % 2 == 1, offsets: index == 3 && !per16, per16: per16)
                defer { problem.packed.deallocate() }
                let scalar = problem.run(path: Int32(CK_PATH_SCALAR)).out
                for path in paths {
                    let (status, out) = problem.run(path: path)
                    XCTAssertEqual(status, 0)
                    XCTAssertEqual(out, scalar, "path \(path), shape \(shape), per 16 \(per16)")
                }
            }
        }
    }

    func testRejectsBadWidthAndUnknownPath() {
        var out = [Float](repeating: 0, count: 16)
        let q = [Int16](repeating: 1, count: 64), scales = [Float](repeating: 1, count: 2)
        let panel = UnsafeMutableRawPointer.allocate(byteCount: ck_block_panel_bytes(64), alignment: 64)
        defer { panel.deallocate() }
        XCTAssertEqual(ck_block_matmul(panel, 1, 48, q, scales, 1, &out, 16, Int32(CK_PATH_SCALAR)), -1)
        XCTAssertEqual(ck_block_matmul(panel, 1, 64, q, scales, 1, &out, 16, 99), -1)
        XCTAssertEqual(ck_block16_matmul(panel, 1, 48, q, scales, 1, &out, 16, Int32(CK_PATH_SCALAR)), -1)
    }

    /// A Q6_K-like layer (a scale per 16 weights) packed with those scales is at least 10x closer to the reference
    /// than the same weights packed per 32 with max|w| / 127.
    func testPer16PackingIsTighterThanPer32() {
        assertOwnScalesBeatRequantizingPer32(Problem(k: 640, panelCount: 2, tokens: 5, seed: 21, per16: true))
    }

    /// Packs `exact`'s weights again per block of 32 with max|w| / 127 and asserts that the scalar result of
    /// `exact` (packed with the weights' own scales) has at least 10x less total error against the reference.
    /// Takes ownership of `exact.packed`.
    private func assertOwnScalesBeatRequantizingPer32(
        _ exact: Problem, file: StaticString = #filePath, line: UInt = #line
    ) {
        defer { exact.packed.deallocate() }
        let k = 640, panels = 2
        let bytes = ck_block_panel_bytes(Int32(k))
        let repacked = UnsafeMutableRawPointer.allocate(byteCount: panels * bytes, alignment: 64)
        defer { repacked.deallocate() }
        for p in 0..<panels {
            exact.weights.withUnsafeBufferPointer {
                ck_block_pack_panel($0.baseAddress! + p * 16 * k, nil, nil, 16, Int32(k), repacked + p * bytes)
            }
        }
        let requantized = Problem(copying: exact, packed: repacked)
        func error(_ problem: Problem) -> Double {
            zip(problem.run(path: Int32(CK_PATH_SCALAR)).out, problem.reference).map { abs(Double($0) - $1.value) }.reduce(0, +)
        }
        XCTAssertLessThan(error(exact) * 10, error(requantized), file: file, line: line)
    }

    /// The activation rounding (AVX2 when the CPU has it) equals roundf(x · 32767 / max|x|) per block of 32,
    /// ties included, and the block sums are the in-order float sums.
    func testActivationQuantizationMatchesRoundf() {
        var g = SplitMix64(seed: 77)
        let k = 96, tokens = 3
        var x = (0..<(tokens * k)).map { _ in Float.random(in: -3...3, using: &g) }
        // Ties: with max|x| = 32767 the scale is 1, so x.5 values round away from zero.
        for i in 0..<32 { x[i] = Float(i) - 15.5 }
        x[31] = 32767
        x[40] = 0
        for i in 64..<96 { x[i] = 0 }  // an all-zero block
        var q = [Int16](repeating: 7, count: tokens * k)
        var scales = [Float](repeating: 0, count: tokens * k / 32), sums = scales
        ck_block_quantize(x, Int32(tokens), Int32(k), &q, &scales, &sums)
        for b in 0..<(tokens * k / 32) {
            let block = x[(b * 32)..<(b * 32 + 32)]
            let largest = block.map(abs).max()!
            XCTAssertEqual(scales[b], largest > 0 ? largest / 32767 : 0, "block \(b)")
            XCTAssertEqual(sums[b], block.reduce(0, +), "block \(b)")
            for i in (b * 32)..<(b * 32 + 32) {
                let want = largest > 0 ? Int16((x[i] * (32767 / largest)).rounded(.toNearestOrAwayFromZero)) : 0
                XCTAssertEqual(q[i], want, "element \(i)")
            }
        }
        XCTAssertEqual(q[0], -16)
        XCTAssertEqual(q[15], -1)
        XCTAssertEqual(q[16], 1)
    }
}

extension BlockInt8KernelTests.Problem {
    /// `other`'s weights and inputs over different packed panels (packed without block scales).
    /// (Packed per 32, so `per16` is off.)
    init(copying other: Self, packed: UnsafeMutableRawPointer) {
        self.init(k: other.k, panelCount: other.panelCount, tokens: other.tokens, weights: other.weights, activations: other.activations, packed: packed)
    }

    private init(k: Int, panelCount: Int, tokens: Int, weights: [Float], activations: [Float], packed: UnsafeMutableRawPointer) {
        self.k = k
        self.panelCount = panelCount
        self.tokens = tokens
        self.weights = weights
        self.blockScales = nil
        self.blockOffsets = nil
        self.activations = activations
        self.packed = packed
    }
}
