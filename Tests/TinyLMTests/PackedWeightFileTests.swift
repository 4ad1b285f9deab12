import Foundation
import PromptLintTestSupport
import XCTest
@testable import TinyLM

/// The packed-weight cache: used only when it matches the model file, the packing code and the layout, and checks
/// out; rebuilt (and rewritten) otherwise.
final class PackedWeightFileTests: XCTestCase {
    private var folder = ""
    private var modelPath = ""
    private var cachePath = ""
    private let sizes = [1000, 64, 4097]

    override func setUpWithError() throws {
        folder = try TestFiles.temporaryDirectory(prefix: "packed-weights")
        modelPath = try TestFiles.write("stands in for a model file", "model.gguf", in: folder)
        cachePath = folder + "/model.gguf.test.pack"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Fills section s (of `sizes[s]` bytes) with bytes depending on s, i and `seed`.
    private func fill(_ sections: [UnsafeMutableRawPointer], sizes: [Int], seed: UInt8) {
        for (s, section) in sections.enumerated() {
            for i in 0..<sizes[s] { section.storeBytes(of: UInt8(truncatingIfNeeded: i * 31 + s) &+ seed, toByteOffset: i, as: UInt8.self) }
        }
    }

    private func bytes(_ file: PackedWeightFile) -> [[UInt8]] {
        zip(file.sections, sizes).map { Array(UnsafeRawBufferPointer(start: $0, count: $1)) }
    }

    private func load(kind: String = "test", sizes: [Int]? = nil, seed: UInt8 = 7) -> (PackedWeightFile, builds: Int) {
        var builds = 0
        let sizes = sizes ?? self.sizes
        let file = PackedWeightFile.loadOrBuild(
            kind: kind, modelPath: modelPath, sectionSizes: sizes, cachePath: cachePath
        ) { sections in
            builds += 1
            fill(sections, sizes: sizes, seed: seed)
        }
        return (file, builds)
    }

    func testSecondLoadMapsTheSameBytesWithoutBuilding() throws {
        let (first, firstBuilds) = load()
        XCTAssertEqual(firstBuilds, 1)
        XCTAssertEqual(first.origin, .built)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cachePath))
        let (second, secondBuilds) = load(seed: 99)
        XCTAssertEqual(secondBuilds, 0, "a valid cache file is mapped, not rebuilt")
        XCTAssertEqual(second.origin, .loaded)
        XCTAssertEqual(bytes(second), bytes(first))
        for section in second.sections { XCTAssertEqual(Int(bitPattern: section) % 64, 0, "sections are 64-byte aligned") }
    }

    func testDamagedFileIsRebuiltAndRewritten() throws {
        _ = load()
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: cachePath))
        try handle.seek(toOffset: UInt64(PackedWeightFile.headerBytes + 1500))
        let old = try XCTUnwrap(handle.readData(ofLength: 1).first)
        try handle.seek(toOffset: UInt64(PackedWeightFile.headerBytes + 1500))
        handle.write(Data([old ^ 0x10]))
        try handle.close()
        let (rebuilt, builds) = load(seed: 3)
        XCTAssertEqual(builds, 1, "a damaged payload fails its checksum")
        XCTAssertEqual(rebuilt.origin, .built)
        let (again, againBuilds) = load(seed: 50)
        XCTAssertEqual(againBuilds, 0)
        XCTAssertEqual(bytes(again), bytes(rebuilt), "the rebuilt bytes replaced the damaged file")
    }

    func testTruncatedFileIsRebuilt() throws {
        _ = load()
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: cachePath)[.size] as? Int)
        XCTAssertEqual(truncate(cachePath, off_t(size - 1)), 0)
        XCTAssertEqual(load().builds, 1)
    }

    func testAnotherModelFileKindOrLayoutIsRebuilt() throws {
        _ = load()
        XCTAssertEqual(load(kind: "other").builds, 1, "another kind")
        XCTAssertEqual(load(kind: "test").builds, 1, "written again for this kind")
        XCTAssertEqual(load(sizes: [1000, 64, 4096]).builds, 1, "another layout")
        XCTAssertEqual(load().builds, 1)
        // The model file replaced by another (a new inode and modification time).
        try FileManager.default.removeItem(atPath: modelPath)
        try TestFiles.write("another model file of another size", "model.gguf", in: folder)
        XCTAssertEqual(load().builds, 1, "another model file")
        XCTAssertEqual(load().builds, 0)
    }

    func testMissingCacheFolderStillBuilds() throws {
        cachePath = folder + "/missing/model.gguf.test.pack"
        let (file, builds) = load()
        XCTAssertEqual(builds, 1)
        XCTAssertEqual(bytes(file).map(\.count), sizes)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cachePath))
    }

    func testChecksumSeesEveryByteAndTheLength() {
        var data = [UInt8](repeating: 0, count: 9 << 20)
        for i in data.indices { data[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        let base = data.withUnsafeBytes { PackedWeightFile.checksum($0.baseAddress!, count: $0.count) }
        for at in [0, 3, 4 << 20, data.count - 1] {
            data[at] ^= 1
            XCTAssertNotEqual(data.withUnsafeBytes { PackedWeightFile.checksum($0.baseAddress!, count: $0.count) }, base, "byte \(at)")
            data[at] ^= 1
        }
        XCTAssertNotEqual(data.withUnsafeBytes { PackedWeightFile.checksum($0.baseAddress!, count: $0.count - 1) }, base)
    }

    /// The real model's int8 head and trunk mapped from a cache file are byte for byte the ones packed in memory.
    func testModelWeightsFromTheCacheEqualFreshlyPacked() throws {
        let lm = try LanguageModel(path: try ModelFiles.requireGemma())
        let path = lm.path
        let embedding = lm.model.weights.tokenEmbedding
        let headCache = folder + "/head.pack"
        let built = Int8OutputHead(embedding: embedding, modelPath: path, cachePath: headCache)
        let loaded = Int8OutputHead(embedding: embedding, modelPath: path, cachePath: headCache)
        XCTAssertEqual(built.packed.origin, .built)
        XCTAssertEqual(loaded.packed.origin, .loaded)
        XCTAssertEqual(memcmp(built.panels, loaded.panels, built.panelCount * built.panelBytes), 0, "head panels")

        let trunkCache = folder + "/trunk.pack"
        let trunk = Int8Trunk(weights: lm.model.weights, modelPath: path, cachePath: trunkCache)
        let mapped = Int8Trunk(weights: lm.model.weights, modelPath: path, cachePath: trunkCache)
        XCTAssertEqual(trunk.packed.origin, .built)
        XCTAssertEqual(mapped.packed.origin, .loaded)
        var compared = 0
        for (a, b) in zip(trunk.layers, mapped.layers) {
            for (x, y) in [(a.query, b.query), (a.key, b.key), (a.value, b.value), (a.output, b.output), (a.gate, b.gate), (a.up, b.up), (a.down, b.down)] {
                guard let x, let y else {
                    XCTAssertNil(x)
                    XCTAssertNil(y)
                    continue
                }
                XCTAssertEqual(memcmp(x.panels, y.panels, x.panelCount * x.panelBytes), 0)
                if let xo = x.negatedOffsets {
                    let yo = try XCTUnwrap(y.negatedOffsets)
                    XCTAssertEqual(memcmp(xo, yo, x.rows * x.width / 32 * 4), 0)
                }
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 100)
        // And both equal a matrix packed on its own, as before the cache existed.
        let own = try XCTUnwrap(BlockInt8Matrix(lm.model.weights.layers[3].down))
        let cached = try XCTUnwrap(mapped.layers[3].down)
        XCTAssertEqual(memcmp(own.panels, cached.panels, own.panelCount * own.panelBytes), 0)
    }
}
