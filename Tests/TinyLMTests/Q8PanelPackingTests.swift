import CKernels
import GGUF
import PromptLintTestSupport
import XCTest

/// `ck_pack_q8_0_panel` (the int8 output head's packing, AVX2 when the CPU has it) pinned byte for byte to its
/// documented arithmetic, recomputed here: one scale per row, max|d·q| / 63 (`CK_WEIGHT_MAX`), each weight
/// (q·d)·(63 / max)
/// rounded half away from zero, and the row sums.
final class Q8PanelPackingTests: XCTestCase {
    func testPanelBytesMatchTheScalarDefinition() {
        var g = SplitMix64(seed: 5)
        let k = 640, blocks = k / 32, rowBytes = blocks * 34
        for rows in [16, 11] {
            // Q8_0 rows: f16 d (some negative, one block all zero), then 32 int8 (including -128).
            var raw = [UInt8](repeating: 0, count: 16 * rowBytes)
            for r in 0..<rows {
                for b in 0..<blocks {
                    let at = r * rowBytes + b * 34
                    let d = Float16(Float.random(in: 0.0005...0.02, using: &g) * (b % 3 == 0 ? -1 : 1))
                    let bits = d.bitPattern
                    raw[at] = UInt8(bits & 0xff)
                    raw[at + 1] = UInt8(bits >> 8)
                    for j in 0..<32 {
                        let q = (r == 2 && b == 4) ? 0 : Int8.random(in: -128...127, using: &g)
                        raw[at + 2 + j] = UInt8(bitPattern: q)
                    }
                }
            }
            let panel = UnsafeMutableRawPointer.allocate(byteCount: ck_panel_bytes(Int32(k)), alignment: 64)
            defer { panel.deallocate() }
            raw.withUnsafeBytes { ck_pack_q8_0_panel($0.baseAddress!, rowBytes, Int32(rows), Int32(k), panel) }
            for r in 0..<16 {
                var d = [Float](repeating: 0, count: blocks), largest: Float = 0
                for b in 0..<blocks where r < rows {
                    let at = r * rowBytes + b * 34
                    d[b] = floatFromHalfBits(UInt16(raw[at]) | UInt16(raw[at + 1]) << 8)
                    let peak = (0..<32).map { abs(Int(Int8(bitPattern: raw[at + 2 + $0]))) }.max()!
                    largest = max(largest, abs(d[b]) * Float(peak))
                }
                let top = Float(CK_WEIGHT_MAX)
                let scale: Float = largest > 0 ? largest / top : 0, inverse: Float = largest > 0 ? top / largest : 0
                XCTAssertEqual(panel.load(fromByteOffset: 64 + 4 * r, as: Float.self), scale, "rows \(rows) row \(r) scale")
                var sum: Int32 = 0
                for i in 0..<k {
                    var want: Int8 = 0
                    if r < rows {
                        let q = Int8(bitPattern: raw[r * rowBytes + (i / 32) * 34 + 2 + i % 32])
                        let x = Float(q) * (d[i / 32] * inverse)
                        want = Int8(max(-Int(CK_WEIGHT_MAX), min(Int(CK_WEIGHT_MAX), Int(x + (x >= 0 ? 0.5 : -0.5)))))
                    }
                    sum += Int32(want)
                    let got = panel.load(fromByteOffset: 128 + (i / 4) * 64 + r * 4 + i % 4, as: Int8.self)
                    XCTAssertEqual(got, want, "rows \(rows) row \(r) col \(i)")
                }
                XCTAssertEqual(panel.load(fromByteOffset: 4 * r, as: Int32.self), sum, "rows \(rows) row \(r) sum")
            }
        }
    }
}
