import Foundation
import GGUF
import PromptLintTestSupport
import XCTest

/// Dequantization throughput, printed as elements per second and GB/s of floats written (and of blocks read).
///
/// Meaningful in a release build (`swift test -c release --filter GGUFTests.DequantThroughputTests`); a debug
/// build runs a small pass that only checks the tiles against whole-row dequantization.
final class DequantThroughputTests: XCTestCase {
    private static let release = !_isDebugAssertConfiguration()

    /// Dequantizes `rows` rows of `rowLength` weights tile by tile (as the runtime walks the embedding) and returns
    /// the best elements-per-second over a few passes.
    private func measure(_ type: GGMLType, rowLength: Int, rows: Int, tileRows: Int, passes: Int) -> Double {
        var rng = SplitMix64(seed: 5)
        let sampleRows = 64
        let sample = BlockEncoder.encode((0..<(rowLength * sampleRows)).map { _ in rng.gaussian() }, as: type)
        // Repeat the encoded sample to the full size (the content does not change the speed).
        var source = [UInt8]()
        source.reserveCapacity(sample.count * (rows / sampleRows))
        for _ in 0..<(rows / sampleRows) { source += sample }
        let rowBytes = type.byteCount(forElements: rowLength)!
        var tile = [Float](repeating: 0, count: tileRows * rowLength)
        var best = 0.0
        var checksum: Float = 0
        source.withUnsafeBytes { src in
            tile.withUnsafeMutableBufferPointer { dst in
                for _ in 0..<passes {
                    let start = DispatchTime.now().uptimeNanoseconds
                    var r = 0
                    while r < rows {
                        let n = min(tileRows, rows - r)
                        type.dequantize(src.baseAddress! + r * rowBytes, into: dst.baseAddress!, count: n * rowLength)
                        checksum += dst[0]
                        r += n
                    }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    best = max(best, Double(rows * rowLength) / seconds)
                }
            }
        }
        XCTAssertTrue(checksum.isFinite)
        // The last tile equals the same rows dequantized on their own.
        let lastRows = (rows - 1) / tileRows * tileRows
        let expected = dequantize(Array(source[(lastRows * rowBytes)...]), as: type)
        XCTAssertEqual(Array(tile[0..<expected.count]), expected, "\(type)")
        return best
    }

    func testDequantizationThroughput() {
        let shapes: [(GGMLType, Int)] = [(.q8_0, 640), (.q4_K, 1024), (.q6_K, 2048), (.q5_0, 640), (.f16, 640)]
        var lines: [String] = []
        for (type, rowLength) in shapes {
            let rows = Self.release ? 65_536 : 256
            let perSecond = measure(type, rowLength: rowLength, rows: rows, tileRows: 256, passes: Self.release ? 5 : 1)
            let outGB = perSecond * 4 / 1e9
            let inGB = perSecond * Double(type.blockBytes) / Double(type.blockSize) / 1e9
            lines.append(
                String(format: "%@ rows of %d: %.0f M elements/s, %.2f GB/s floats written, %.2f GB/s blocks read",
                       type.description, rowLength, perSecond / 1e6, outGB, inGB))
        }
        let mode = Self.release ? "release" : "debug (not representative)"
        print("GGUF dequantization throughput, \(mode):\n  " + lines.joined(separator: "\n  "))
    }
}
