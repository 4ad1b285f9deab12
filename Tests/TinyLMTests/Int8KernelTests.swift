import CKernels
import PromptLintTestSupport
import XCTest

/// The int8 logits kernels (CKernels) pinned to a float reference and to each other, on random matrices.
final class Int8KernelTests: XCTestCase {
    /// A random problem: `panels` packed panels of width `k`, `tokens` activation rows.
    struct Problem {
        let k: Int, panelCount: Int, tokens: Int
        var weights: [Int8]  // (16 · panelCount) × k
        var rowScales: [Float]
        var activations: [Int8]  // tokens × k
        var tokenScales: [Float]
        let packed: UnsafeMutableRawPointer

        init(k: Int, panelCount: Int, tokens: Int, seed: UInt64) {
            var g = SplitMix64(seed: seed)
            self.k = k
            self.panelCount = panelCount
            self.tokens = tokens
            let rows = 16 * panelCount
            // Extremes included: ±CK_WEIGHT_MAX everywhere in the first row, -127 and 127 in the first two tokens, to
            // probe saturation (255 x 63 pairs on the AVX2 path).
            let top = Int8(CK_WEIGHT_MAX)
            weights = (0..<(rows * k)).map { $0 < k ? ($0 % 2 == 0 ? top : -top) : Int8.random(in: -top...top, using: &g) }
            activations = (0..<(tokens * k)).map {
                $0 < k ? -127 : ($0 < 2 * k ? 127 : Int8.random(in: -127...127, using: &g))
            }
            rowScales = (0..<rows).map { _ in Float.random(in: 0.001...0.02, using: &g) }
            tokenScales = (0..<tokens).map { _ in Float.random(in: 0.01...0.1, using: &g) }
            let bytes = ck_panel_bytes(Int32(k))
            packed = UnsafeMutableRawPointer.allocate(byteCount: panelCount * bytes, alignment: 64)
            for p in 0..<panelCount {
                weights.withUnsafeBufferPointer { w in
                    rowScales.withUnsafeBufferPointer { s in
                        ck_pack_panel(w.baseAddress! + p * 16 * k, s.baseAddress! + p * 16, Int32(k), packed + p * bytes)
                    }
                }
            }
        }

        func run(path: Int32) -> (status: Int32, out: [Float]) {
            let n = 16 * panelCount
            var out = [Float](repeating: .nan, count: tokens * n)
            let biased = activations.map { UInt8(bitPattern: $0) ^ 0x80 }
            let status = out.withUnsafeMutableBufferPointer { o in
                ck_int8_logits(packed, panelCount, Int32(k), activations, biased, tokenScales, Int32(tokens), o.baseAddress!, n, path)
            }
            return (status, out)
        }

        /// The float reference: (Σ a·w in Double) · row scale · token scale.
        var reference: [Double] {
            let n = 16 * panelCount
            var out = [Double](repeating: 0, count: tokens * n)
            for t in 0..<tokens {
                for j in 0..<n {
                    var dot = 0.0
                    for i in 0..<k { dot += Double(activations[t * k + i]) * Double(weights[j * k + i]) }
                    out[t * n + j] = dot * Double(rowScales[j]) * Double(tokenScales[t])
                }
            }
            return out
        }
    }

    static let shapes: [(k: Int, panels: Int, tokens: Int)] = [(640, 3, 13), (64, 2, 6), (4, 1, 1), (128, 5, 4)]

    func testScalarPathMatchesFloatReference() {
        for (index, shape) in Self.shapes.enumerated() {
            let problem = Problem(k: shape.k, panelCount: shape.panels, tokens: shape.tokens, seed: UInt64(index + 1))
            defer { problem.packed.deallocate() }
            let (status, out) = problem.run(path: Int32(CK_PATH_SCALAR))
            XCTAssertEqual(status, 0)
            for (got, want) in zip(out, problem.reference) {
                XCTAssertEqual(Double(got), want, accuracy: 1e-5 * max(1, abs(want)), "shape \(shape)")
            }
        }
    }

    func testEverySupportedPathIsBitIdenticalToScalar() throws {
        let paths = [Int32(CK_PATH_AVX2), Int32(CK_PATH_AVX512VNNI), Int32(CK_PATH_AUTO)].filter { ck_path_supported($0) == 1 }
        #if arch(x86_64)
        // The development and CI machines have AVX2; a path silently missing there would hide a broken kernel.
        XCTAssertTrue(paths.contains(Int32(CK_PATH_AVX2)), "AVX2 path not available on this x86-64 machine")
        #endif
        for (index, shape) in Self.shapes.enumerated() {
            let problem = Problem(k: shape.k, panelCount: shape.panels, tokens: shape.tokens, seed: UInt64(100 + index))
            defer { problem.packed.deallocate() }
            let scalar = problem.run(path: Int32(CK_PATH_SCALAR)).out
            for path in paths {
                let (status, out) = problem.run(path: path)
                XCTAssertEqual(status, 0)
                XCTAssertEqual(out, scalar, "path \(path), shape \(shape)")
            }
        }
    }

    func testRejectsBadWidthAndUnknownPath() {
        let problem = Problem(k: 8, panelCount: 1, tokens: 1, seed: 7)
        defer { problem.packed.deallocate() }
        var out = [Float](repeating: 0, count: 16)
        XCTAssertEqual(ck_int8_logits(problem.packed, 1, 6, problem.activations, nil, problem.tokenScales, 1, &out, 16, Int32(CK_PATH_SCALAR)), -1)
        XCTAssertEqual(ck_int8_logits(problem.packed, 1, 8, problem.activations, nil, problem.tokenScales, 1, &out, 16, 99), -1)
        XCTAssertEqual(ck_best_path() == Int32(CK_PATH_SCALAR) || ck_path_supported(ck_best_path()) == 1, true)
    }
}
