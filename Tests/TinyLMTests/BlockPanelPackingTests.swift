import CKernels
import PromptLintTestSupport
import XCTest

/// `ck_block_pack_panel` and `ck_block16_pack_panel` with given scales (the int8 trunk's lossless repack; AVX2 when
/// the CPU has it) pinned byte for byte to their documented arithmetic, recomputed here: each weight (w + offset) /
/// scale rounded half away from zero and clamped to [-127, 127], including exact ties and values past the clamp.
final class BlockPanelPackingTests: XCTestCase {
    func check(per16: Bool, withOffsets: Bool, rows: Int, seed: UInt64) {
        var g = SplitMix64(seed: seed)
        let k = 128, sub = per16 ? 16 : 32, subs = k / sub, blocks = k / 32
        // Sub-block scales: powers of two (so (m + 0.5) · scale is an exact tie) or random; every fifth one 0
        // (packed with max|w| / 127 instead; not checked here).
        let scales: [Float] = (0..<(16 * subs)).map { i in
            i % 5 == 4 ? 0 : i % 2 == 0 ? Float(1) / Float(1 << Int.random(in: 2...9, using: &g)) : Float.random(in: 0.001...0.05, using: &g)
        }
        let offsets: [Float]? = withOffsets ? (0..<(16 * blocks)).map { _ in Float.random(in: 0...0.02, using: &g) } : nil
        var weights = [Float](repeating: 0, count: 16 * k)
        for r in 0..<rows {
            for i in 0..<k {
                let s = scales[r * subs + i / sub]
                let offset = offsets?[r * blocks + i / 32] ?? 0
                let m = Float(Int.random(in: -140...140, using: &g))
                weights[r * k + i] = (i % 3 == 0 ? (m + 0.5) * s : Float.random(in: -140...140, using: &g) * s) - offset
            }
        }
        let bytes = per16 ? ck_block16_panel_bytes(Int32(k)) : ck_block_panel_bytes(Int32(k))
        let panel = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { panel.deallocate() }
        if per16 {
            ck_block16_pack_panel(weights, scales, Int32(rows), Int32(k), panel)
        } else if let offsets {
            ck_block_pack_panel(weights, scales, offsets, Int32(rows), Int32(k), panel)
        } else {
            ck_block_pack_panel(weights, scales, nil, Int32(rows), Int32(k), panel)
        }
        let blockBytes = bytes / blocks, scaleBytes = per16 ? 128 : 64
        var checked = 0
        for r in 0..<rows {
            for i in 0..<k where scales[r * subs + i / sub] > 0 {
                let s = scales[r * subs + i / sub]
                let shifted = weights[r * k + i] + (offsets?[r * blocks + i / 32] ?? 0)
                let want = Int8(max(-127, min(127, (shifted / s).rounded(.toNearestOrAwayFromZero))))
                let at = (i / 32) * blockBytes + scaleBytes + ((i % 32) / 2) * 32 + r * 2 + i % 2
                XCTAssertEqual(panel.load(fromByteOffset: at, as: Int8.self), want, "row \(r) col \(i)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, rows * k / 2)
    }

    func testPer32ScalesMatchTheDefinition() { check(per16: false, withOffsets: false, rows: 16, seed: 11) }
    func testPer32ScalesWithOffsetsMatchTheDefinition() { check(per16: false, withOffsets: true, rows: 13, seed: 12) }
    func testPer16ScalesMatchTheDefinition() { check(per16: true, withOffsets: false, rows: 16, seed: 13) }
}
