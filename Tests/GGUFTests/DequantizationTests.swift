import GGUF
import PromptLintTestSupport
import XCTest

/// Dequantizes `bytes` (whole blocks of `type`) through the public entry point.
func dequantize(_ bytes: [UInt8], as type: GGMLType) -> [Float] {
    let count = bytes.count / type.blockBytes * type.blockSize
    var out = [Float](repeating: .nan, count: count)
    bytes.withUnsafeBytes { src in
        out.withUnsafeMutableBufferPointer { dst in
            type.dequantize(src.baseAddress!, into: dst.baseAddress!, count: count)
        }
    }
    return out
}

/// The nibble pattern used by the hand-built blocks: low nibble j, high nibble 15 - j.
private func nibbles(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 & 15) | UInt8(15 - $0 & 15) << 4 } }

/// Hand-built blocks with hand-computed values (see each test's comment for the arithmetic).
final class HandBuiltBlockTests: XCTestCase {
    func testBlockTraitsMatchGGML() {
        // ggml type ids and block sizes from ggml.h / ggml-common.h.
        let expected: [(GGMLType, UInt32, Int, Int)] = [
            (.f32, 0, 1, 4), (.f16, 1, 1, 2), (.q4_0, 2, 32, 18), (.q4_1, 3, 32, 20), (.q5_0, 6, 32, 22),
            (.q8_0, 8, 32, 34), (.q4_K, 12, 256, 144), (.q5_K, 13, 256, 176), (.q6_K, 14, 256, 210),
            (.q8_K, 15, 256, 292), (.bf16, 30, 1, 2),
        ]
        XCTAssertEqual(expected.count, GGMLType.allCases.count)
        for (type, id, size, bytes) in expected {
            XCTAssertEqual(type.rawValue, id, "\(type)")
            XCTAssertEqual(type.blockSize, size, "\(type)")
            XCTAssertEqual(type.blockBytes, bytes, "\(type)")
        }
        XCTAssertEqual(GGMLType.q4_K.byteCount(forElements: 512), 288)
        XCTAssertNil(GGMLType.q4_K.byteCount(forElements: 100))
        XCTAssertNil(GGMLType.q8_0.byteCount(forElements: -32))
        XCTAssertNil(GGMLType.f32.byteCount(forElements: Int.max))
    }

    func testF32CopiesFromUnalignedSource() {
        var w = ByteWriter()
        w.u8(0xAA)  // one byte of skew
        for f: Float in [1.5, -2, .infinity, Float.leastNonzeroMagnitude * 3] { w.f32(f) }
        var out = [Float](repeating: 0, count: 4)
        w.bytes.withUnsafeBytes { src in
            out.withUnsafeMutableBufferPointer { GGMLType.f32.dequantize(src.baseAddress! + 1, into: $0.baseAddress!, count: 4) }
        }
        XCTAssertEqual(out, [1.5, -2, .infinity, Float.leastNonzeroMagnitude * 3])
    }

    func testF16() {
        let bits: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x8000, 0x3555, 0x7C00, 0xFC00]
        var w = ByteWriter()
        for b in bits { w.u16(b) }
        let y = dequantize(w.bytes, as: .f16)
        let expected: [Float] = [
            1, -2, 65504, 1.0 / 16_777_216 /* smallest subnormal, 2^-24 */, 1023.0 / 16_777_216 /* largest one */,
            1.0 / 16384 /* smallest normal, 2^-14 */, -0.0, 1365.0 / 4096 /* (1 + 0x155 / 1024) / 4 */, .infinity,
            -.infinity,
        ]
        XCTAssertEqual(y, expected)
        XCTAssertEqual(y[6].sign, .minus)
        w.u16(0x7E00)
        XCTAssertTrue(dequantize(w.bytes, as: .f16).last!.isNaN)
        // Every one of the 65,536 half values against the definition, bit for bit (NaN payloads kept).
        for h in UInt16(0)...UInt16.max {
            let sign: Float = h & 0x8000 != 0 ? -1 : 1
            let e = Int(h >> 10 & 0x1F), m = Int(h & 0x3FF)
            let expected: Float
            switch e {
            case 0: expected = sign * Float(m) * 0x1p-24
            case 31: expected = Float(bitPattern: UInt32(h & 0x8000) << 16 | 0x7F80_0000 | UInt32(m) << 13)
            default: expected = sign * (1 + Float(m) / 1024) * Float(sign: .plus, exponent: e - 15, significand: 1)
            }
            for got in [floatFromHalfBits(h), floatFromHalfBitsBranchFree(h)] where got.bitPattern != expected.bitPattern {
                XCTFail("half \(h): \(got) != \(expected)")
            }
        }
        // The half encoder used to build blocks rounds to nearest even and round-trips every half value.
        for h in UInt16(0)...UInt16.max where (h & 0x7C00) != 0x7C00 {
            XCTAssertEqual(halfBitsFromFloat(floatFromHalfBits(h)), h)
        }
        XCTAssertEqual(halfBitsFromFloat(1 + 1.0 / 2048), 0x3C00)  // tie to even (down)
        XCTAssertEqual(halfBitsFromFloat(1 + 3.0 / 2048), 0x3C02)  // tie to even (up)
        XCTAssertEqual(halfBitsFromFloat(70000), 0x7C00)
        XCTAssertEqual(halfBitsFromFloat(2.9802322e-08), 0x0000)  // 2^-25: tie to zero
        XCTAssertEqual(halfBitsFromFloat(2.99e-08), 0x0001)
    }

    func testBF16() {
        var w = ByteWriter()
        for b: UInt16 in [0x3F80, 0xC040, 0x4049, 0x7F80, 0x0001, 0x8000] { w.u16(b) }
        let y = dequantize(w.bytes, as: .bf16)
        XCTAssertEqual(y, [1, -3, 3.140625, .infinity, Float(bitPattern: 0x0001_0000) /* 2^-133 */, -0.0])
    }

    func testQ4_0() {
        // d = 0.5; qs[j] = j | (15 - j) << 4, so y[j] = (j - 8) / 2 and y[16 + j] = (7 - j) / 2.
        var w = ByteWriter()
        w.u16(0x3800)
        w.raw(nibbles(16))
        let expected: [Float] = [
            -4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5,
            3.5, 3, 2.5, 2, 1.5, 1, 0.5, 0, -0.5, -1, -1.5, -2, -2.5, -3, -3.5, -4,
        ]
        XCTAssertEqual(dequantize(w.bytes, as: .q4_0), expected)
    }

    func testQ4_1() {
        // d = 0.25, m = -1, same nibbles: y[j] = j / 4 - 1, y[16 + j] = (15 - j) / 4 - 1.
        var w = ByteWriter()
        w.u16(0x3400)
        w.u16(0xBC00)
        w.raw(nibbles(16))
        let low: [Float] = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75]
        XCTAssertEqual(dequantize(w.bytes, as: .q4_1), low + low.reversed())
    }

    func testQ5_0() {
        // d = 2, qs[j] = j | j << 4, qh = 0xAAAA5555: the fifth bit is set for even j in the low half and odd j in
        // the high half. y[j] = 2 * ((j | 16 * even) - 16), y[16 + j] = 2 * ((j | 16 * odd) - 16).
        var w = ByteWriter()
        w.u16(0x4000)
        w.u32(0xAAAA_5555)
        w.raw((0..<16).map { UInt8($0 | $0 << 4) })
        let expected: [Float] = [
            0, -30, 4, -26, 8, -22, 12, -18, 16, -14, 20, -10, 24, -6, 28, -2,
            -32, 2, -28, 6, -24, 10, -20, 14, -16, 18, -12, 22, -8, 26, -4, 30,
        ]
        XCTAssertEqual(dequantize(w.bytes, as: .q5_0), expected)
    }

    func testQ8_0() {
        // d = 0.5, qs[j] = 8j - 128 (from -128 up to 120): y[j] = 4j - 64. A second block with d = -2, qs = 1.
        var w = ByteWriter()
        w.u16(0x3800)
        for j in 0..<32 { w.u8(UInt8(bitPattern: Int8(8 * j - 128))) }
        w.u16(0xC000)
        for _ in 0..<32 { w.u8(1) }
        let y = dequantize(w.bytes, as: .q8_0)
        XCTAssertEqual(Array(y[0..<32]), (0..<32).map { Float(4 * $0 - 64) })
        XCTAssertEqual(Array(y[32...]), [Float](repeating: -2, count: 32))
    }

    /// The 12 scale bytes used by the Q4_K and Q5_K blocks: scales 1, 2, 3, 4, 33, 40, 63, 17 and mins 0, 1, 2,
    /// 3, 34, 5, 63, 16, packed by hand (sub-blocks 4-7 keep their top two bits in bytes 0-7's high bits).
    private let kScales: [UInt8] = [0x81, 0x82, 0xC3, 0x44, 0x80, 0x01, 0xC2, 0x43, 0x21, 0x58, 0xFF, 0x01]

    func testKScalePacking() {
        let scales: [UInt8] = [1, 2, 3, 4, 33, 40, 63, 17], mins: [UInt8] = [0, 1, 2, 3, 34, 5, 63, 16]
        kScales.withUnsafeBytes { p in
            for j in 0..<8 {
                let (s, m) = kQuantScaleMin(j, p.baseAddress!)
                XCTAssertEqual(s, scales[j], "scale \(j)")
                XCTAssertEqual(m, mins[j], "min \(j)")
            }
        }
        XCTAssertEqual(BlockEncoder.packScalesAndMins(scales.map(Int.init), mins.map(Int.init)), kScales)
    }

    func testQ4_K() {
        // d = 1, dmin = 0.5: sub-block j has scale s_j and offset m_j / 2 = 0, .5, 1, 1.5, 17, 2.5, 31.5, 8.
        // Each 32 qs bytes hold sub-blocks 2c (low nibbles, l & 15) and 2c + 1 (high nibbles, 15 - l & 15).
        var w = ByteWriter()
        w.u16(0x3C00)
        w.u16(0x3800)
        w.raw(kScales)
        w.raw(nibbles(128))
        let y = dequantize(w.bytes, as: .q4_K)
        let expected: [Int: Float] = [
            0: 0, 5: 5, 31: 15, 32: 29.5, 33: 27.5, 63: -0.5, 64: -1, 70: 17, 96: 58.5, 127: -1.5, 128: -17,
            140: 379, 160: 597.5, 175: -2.5, 192: -31.5, 207: 913.5, 224: 247, 230: 145, 255: -8,
        ]
        for (i, v) in expected { XCTAssertEqual(y[i], v, "y[\(i)]") }
        XCTAssertEqual(y.count, 256)
    }

    func testQ5_K() {
        // As Q4_K, with qh[l] = 0x55 for even l (the fifth bit of sub-blocks 0, 2, 4, 6) and 0xAA for odd l
        // (sub-blocks 1, 3, 5, 7).
        var w = ByteWriter()
        w.u16(0x3C00)
        w.u16(0x3800)
        w.raw(kScales)
        w.raw((0..<32).map { $0 % 2 == 0 ? 0x55 : 0xAA })
        w.raw(nibbles(128))
        let y = dequantize(w.bytes, as: .q5_K)
        let expected: [Int: Float] = [
            0: 16, 1: 1, 32: 29.5, 33: 59.5, 128: 511, 129: 16, 206: 1858.5, 207: 913.5, 254: 9, 255: 264,
        ]
        for (i, v) in expected { XCTAssertEqual(y[i], v, "y[\(i)]") }
    }

    func testQ6_K() {
        // d = 0.5, scales 1, -1, 2, -2, ..., 8, -8; ql nibbles as above, qh = 0xE4 (high bits 0, 1, 2, 3 for the
        // four 32-weight groups of each half). y = d * scale * ((low | high << 4) - 32).
        var w = ByteWriter()
        w.raw(nibbles(128))
        w.raw([UInt8](repeating: 0xE4, count: 64))
        for k in 1...8 { w.raw([UInt8(bitPattern: Int8(k)), UInt8(bitPattern: Int8(-k))]) }
        w.u16(0x3800)
        let y = dequantize(w.bytes, as: .q6_K)
        let expected: [Int: Float] = [
            0: -16, 15: -8.5, 16: 16, 31: 8.5, 32: -16, 47: -1, 48: 16, 64: 22.5, 79: 0, 80: -22.5, 96: 62,
            127: -32, 128: -80, 200: 24.5, 224: 124, 255: -64,
        ]
        for (i, v) in expected { XCTAssertEqual(y[i], v, "y[\(i)]") }
    }

    func testQ8_K() {
        // d = 0.25 (f32), qs[j] = j - 128: y[j] = (j - 128) / 4; the bsums are not used to dequantize.
        var w = ByteWriter()
        w.f32(0.25)
        for j in 0..<256 { w.u8(UInt8(bitPattern: Int8(j - 128))) }
        w.raw([UInt8](repeating: 0xFF, count: 32))
        let y = dequantize(w.bytes, as: .q8_K)
        XCTAssertEqual(y, (0..<256).map { Float($0 - 128) / 4 })
        XCTAssertEqual(y[0], -32)
        XCTAssertEqual(y[255], 31.75)
    }
}

/// Round trips through the test encoders: error bounds per type, and exactness where the format allows it.
final class RoundTripTests: XCTestCase {
    /// Relative RMS error bounds (error RMS over signal RMS) for Gaussian data, about 1.3 times what the simple
    /// encoders reach (measured: F16 2.1e-4, BF16 1.7e-3, Q8_0 0.0054, Q8_K 0.0073, Q6_K 0.019, Q5_0 0.044,
    /// Q5_K 0.040, Q4_0 0.088, Q4_1 0.079, Q4_K 0.080; theory for a uniform quantizer: step / sqrt(12)).
    private let bounds: [GGMLType: Double] = [
        .f32: 0, .f16: 2.8e-4, .bf16: 2.2e-3, .q8_0: 0.007, .q8_K: 0.0095, .q6_K: 0.025, .q5_0: 0.057, .q5_K: 0.052,
        .q4_0: 0.115, .q4_1: 0.103, .q4_K: 0.104,
    ]

    private func gaussian(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in rng.gaussian() }
    }

    func testRoundTripErrorIsBounded() {
        for type in GGMLType.allCases {
            for seed: UInt64 in [1, 2, 3] {
                let x = gaussian(4096, seed: seed).map { $0 * Float(seed) * 0.02 }
                let y = dequantize(BlockEncoder.encode(x, as: type), as: type)
                XCTAssertEqual(y.count, x.count)
                var err = 0.0, sig = 0.0
                for (a, b) in zip(x, y) {
                    err += Double(a - b) * Double(a - b)
                    sig += Double(a) * Double(a)
                }
                let relative = (err / sig).squareRoot()
                XCTAssertLessThanOrEqual(relative, bounds[type]!, "\(type) seed \(seed): relative RMSE \(relative)")
            }
        }
    }

    func testValuesOnTheGridRoundTripExactly() {
        // Values on each format's grid (with a scale that half precision holds exactly) come back exactly.
        let q8 = (0..<64).map { Float($0 % 32 * 8 - 127) * 0.5 }  // max magnitude 63.5 gives d = 0.5
        XCTAssertEqual(dequantize(BlockEncoder.encode(q8, as: .q8_0), as: .q8_0), q8)
        let q4 = (0..<32).map { Float($0 % 16 - 8) }  // max magnitude -8 gives d = 1
        XCTAssertEqual(dequantize(BlockEncoder.encode(q4, as: .q4_0), as: .q4_0), q4)
        let q5 = (0..<32).map { Float($0 - 16) }
        XCTAssertEqual(dequantize(BlockEncoder.encode(q5, as: .q5_0), as: .q5_0), q5)
    }

    func testZeroBlocksDequantizeToZero() {
        for type in GGMLType.allCases {
            let n = type.blockSize * 2
            let y = dequantize(BlockEncoder.encode([Float](repeating: 0, count: n), as: type), as: type)
            XCTAssertEqual(y, [Float](repeating: 0, count: n), "\(type)")
        }
    }

    func testRowFunctionsWriteExactlyCountValues() {
        // A guard band after the destination stays untouched, and only `count` weights are read.
        for type in GGMLType.allCases {
            let n = type.blockSize * 3
            let x = gaussian(n, seed: 9)
            let bytes = BlockEncoder.encode(x, as: type)
            var out = [Float](repeating: 42, count: n + 8)
            bytes.withUnsafeBytes { src in
                out.withUnsafeMutableBufferPointer {
                    type.dequantize(src.baseAddress!, into: $0.baseAddress!, count: type.blockSize * 2)
                }
            }
            XCTAssertEqual(Array(out[(type.blockSize * 2)...]), [Float](repeating: 42, count: type.blockSize + 8), "\(type)")
            XCTAssertEqual(Array(out[0..<type.blockSize * 2]), Array(dequantize(bytes, as: type)[0..<type.blockSize * 2]))
        }
    }
}
