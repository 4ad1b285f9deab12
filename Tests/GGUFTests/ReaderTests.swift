import GGUF
import PromptLintTestSupport
import XCTest

/// Files built by `TinyGGUFWriter`, read back: every metadata type, alignment, tensor lookup and rows.
final class ReaderTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory = nil }

    private func open(_ writer: TinyGGUFWriter) throws -> GGUFFile {
        try GGUFFile(path: try writer.write(in: directory))
    }

    func testScalarMetadataOfEveryType() throws {
        var w = TinyGGUFWriter()
        w.add("u8", .u8(255))
        w.add("i8", .i8(-128))
        w.add("u16", .u16(65535))
        w.add("i16", .i16(-32768))
        w.add("u32", .u32(4_000_000_000))
        w.add("i32", .i32(-2_000_000_000))
        w.add("u64", .u64(.max))
        w.add("i64", .i64(.min))
        w.add("f32", .f32(0.1))
        w.add("f64", .f64(-1e300))
        w.add("yes", .bool(true))
        w.add("no", .bool(false))
        w.add("s", .string("héllo\u{0}world"))
        w.add("empty", .string(""))
        let g = try open(w)
        XCTAssertEqual(g.metadata.count, 14)
        XCTAssertEqual(g.metadata["u8"], .uint(255))
        XCTAssertEqual(g.metadata["i8"], .int(-128))
        XCTAssertEqual(g.metadata["u16"], .uint(65535))
        XCTAssertEqual(g.metadata["i16"], .int(-32768))
        XCTAssertEqual(try g.requireInt("u32"), 4_000_000_000)
        XCTAssertEqual(try g.requireInt("i32"), -2_000_000_000)
        XCTAssertEqual(g.metadata["u64"], .uint(.max))
        XCTAssertNil(g.metadata["u64"]?.intValue, "a uint64 above Int.max is not an Int")
        XCTAssertEqual(g.metadata["i64"]?.intValue, Int(Int64.min))
        XCTAssertEqual(g.metadata["f32"]?.doubleValue, Double(Float(0.1)))
        XCTAssertEqual(g.metadata["f64"], .float(-1e300))
        XCTAssertEqual(g.metadata["yes"]?.boolValue, true)
        XCTAssertEqual(g.metadata["no"]?.boolValue, false)
        XCTAssertEqual(try g.requireString("s"), "héllo\u{0}world")
        XCTAssertEqual(try g.requireString("empty"), "")
        XCTAssertThrowsError(try g.requireInt("s")) { XCTAssertEqual($0 as? GGUFError, .missingKey(path: g.path, key: "s")) }
        XCTAssertThrowsError(try g.requireString("absent")) {
            XCTAssertEqual($0 as? GGUFError, .missingKey(path: g.path, key: "absent"))
        }
        XCTAssertTrue(g.tensors.isEmpty)
    }

    func testArrays() throws {
        var w = TinyGGUFWriter()
        w.add("strings", .array(.string, [.string("<pad>"), .string(""), .string("▁the"), .string("\n")]))
        w.add("floats", .array(.float32, [.f32(-1000), .f32(0.5), .f32(.infinity)]))
        w.add("doubles", .array(.float64, [.f64(0.25), .f64(-3)]))
        w.add("ints", .array(.int32, [.i32(1), .i32(-2), .i32(.max)]))
        w.add("bytes", .array(.uint8, [.u8(0), .u8(255)]))
        w.add("i8s", .array(.int8, [.i8(-1)]))
        w.add("u16s", .array(.uint16, [.u16(65535)]))
        w.add("i16s", .array(.int16, [.i16(-300)]))
        w.add("u32s", .array(.uint32, [.u32(.max)]))
        w.add("u64s", .array(.uint64, [.u64(7), .u64(.max)]))
        w.add("i64s", .array(.int64, [.i64(.min)]))
        w.add("bools", .array(.bool, [.bool(true), .bool(false)]))
        w.add("empty", .array(.string, []))
        w.add("nested", .array(.array, [.array(.int32, [.i32(1), .i32(2)]), .array(.string, [.string("x")])]))
        w.add("deep", .array(.array, [.array(.array, [.array(.array, [.array(.float32, [.f32(2)])])])]))
        let g = try open(w)
        XCTAssertEqual(g.metadata["strings"], .strings(["<pad>", "", "▁the", "\n"]))
        XCTAssertEqual(g.metadata["floats"], .floats([-1000, 0.5, .infinity]))
        XCTAssertEqual(g.metadata["doubles"], .floats([0.25, -3]))
        XCTAssertEqual(g.metadata["ints"], .ints([1, -2, Int64(Int32.max)]))
        XCTAssertEqual(g.metadata["bytes"], .ints([0, 255]))
        XCTAssertEqual(g.metadata["i8s"], .ints([-1]))
        XCTAssertEqual(g.metadata["u16s"], .ints([65535]))
        XCTAssertEqual(g.metadata["i16s"], .ints([-300]))
        XCTAssertEqual(g.metadata["u32s"], .ints([Int64(UInt32.max)]))
        XCTAssertEqual(g.metadata["u64s"], .ints([7, -1]), "uint64 above Int64.max wraps, as documented")
        XCTAssertEqual(g.metadata["i64s"], .ints([.min]))
        XCTAssertEqual(g.metadata["bools"], .values([.bool(true), .bool(false)]))
        XCTAssertEqual(g.metadata["empty"], .strings([]))
        XCTAssertEqual(g.metadata["nested"], .values([.ints([1, 2]), .strings(["x"])]))
        XCTAssertEqual(g.metadata["deep"], .values([.values([.values([.floats([2])])])]))
        XCTAssertNil(g.metadata["strings"]?.stringValue)
    }

    func testInvalidUTF8IsRepaired() throws {
        var w = TinyGGUFWriter()
        w.add("bad", .raw(typeCode: TinyGGUFWriter.TypeCode.string.rawValue, bytes: [3, 0, 0, 0, 0, 0, 0, 0, 0x61, 0xFF, 0x62]))
        XCTAssertEqual(try open(w).requireString("bad"), "a\u{FFFD}b")
    }

    private func tensorWriter(alignment: Int) -> (TinyGGUFWriter, [[Float]]) {
        var w = TinyGGUFWriter()
        w.alignment = alignment
        if alignment != 32 { w.add("general.alignment", .u32(UInt32(alignment))) }
        w.add("general.architecture", .string("tiny"))
        var rng = SplitMix64(seed: 7)
        let norm: [Float] = (0..<5).map { Float($0) + 0.5 }
        w.addTensor("norm", floats: norm, dimensions: [5])
        let a = (0..<(32 * 3)).map { _ in rng.gaussian() }
        w.addTensor("a.q8", type: .q8_0, dimensions: [32, 3], data: BlockEncoder.encode(a, as: .q8_0))
        let b = (0..<(256 * 2 * 2)).map { _ in rng.gaussian() }
        w.addTensor("b.q4k", type: .q4_K, dimensions: [256, 2, 2], data: BlockEncoder.encode(b, as: .q4_K))
        let c = (0..<(256 * 3)).map { _ in rng.gaussian() }
        w.addTensor("c.q6k", type: .q6_K, dimensions: [256, 3], data: BlockEncoder.encode(c, as: .q6_K))
        let d = (0..<(32 * 2)).map { _ in rng.gaussian() }
        w.addTensor("d.q5", type: .q5_0, dimensions: [64], data: BlockEncoder.encode(d, as: .q5_0))
        let e = (0..<4).map { Float($0) - 1.5 }
        w.addTensor("e.f16", type: .f16, dimensions: [2, 2], data: BlockEncoder.encode(e, as: .f16))
        return (w, [norm, a, b, c, d, e])
    }

    func testTensorsLookupShapesAndRows() throws {
        for alignment in [32, 1, 8, 64, 4096] {
            let (w, values) = tensorWriter(alignment: alignment)
            let g = try open(w)
            XCTAssertEqual(g.alignment, alignment)
            XCTAssertEqual(g.dataOffset % alignment, 0)
            XCTAssertEqual(g.dataOffset, w.layout.dataOffset)
            XCTAssertEqual(g.tensors.map(\.name), ["norm", "a.q8", "b.q4k", "c.q6k", "d.q5", "e.f16"])
            for (t, offset) in zip(g.tensors, w.layout.tensorDataOffsets) {
                XCTAssertEqual(t.fileOffset, offset, t.name)
                XCTAssertEqual(t.fileOffset % alignment, 0, t.name)
            }
            let b = try XCTUnwrap(g.tensor(named: "b.q4k"))
            XCTAssertEqual(b.dimensions, [256, 2, 2])
            XCTAssertEqual(b.type, .q4_K)
            XCTAssertEqual(b.rowLength, 256)
            XCTAssertEqual(b.rowCount, 4)
            XCTAssertEqual(b.rowBytes, 144)
            XCTAssertEqual(b.elementCount, 1024)
            XCTAssertEqual(b.byteCount, 576)
            XCTAssertNil(g.tensor(named: "B.q4k"))
            XCTAssertThrowsError(try g.requireTensor("missing")) {
                XCTAssertEqual($0 as? GGUFError, .missingTensor(path: g.path, name: "missing"))
            }
            for (t, x) in zip(g.tensors, values) {
                // The whole tensor, and each row on its own, equal the encoder's bytes dequantized.
                let expected = dequantize(BlockEncoder.encode(x, as: t.type), as: t.type)
                XCTAssertEqual(t.dequantized(), expected, t.name)
                for r in 0..<t.rowCount {
                    var row = [Float](repeating: .nan, count: t.rowLength)
                    row.withUnsafeMutableBufferPointer { t.dequantizeRows(r..<r + 1, into: $0.baseAddress!) }
                    XCTAssertEqual(row, Array(expected[r * t.rowLength..<(r + 1) * t.rowLength]), "\(t.name) row \(r)")
                }
                let raw = UnsafeRawBufferPointer(start: t.rawPointer, count: t.byteCount)
                XCTAssertEqual(Array(raw), BlockEncoder.encode(x, as: t.type), t.name)
            }
            XCTAssertEqual(try XCTUnwrap(g.tensor(named: "norm")).dequantized(), values[0])
        }
    }

    func testRequireTensorWithShapeAndType() throws {
        let (w, _) = tensorWriter(alignment: 32)
        let g = try open(w)
        XCTAssertEqual(try g.requireTensor("a.q8", type: [.q8_0], dimensions: [32, 3]).name, "a.q8")
        XCTAssertNoThrow(try g.requireTensor("a.q8", dimensions: [32, 3]))
        XCTAssertNoThrow(try g.requireTensor("a.q8", type: [.q4_K, .q8_0, .f16], dimensions: [32, 3, 1]))
        XCTAssertNoThrow(try g.requireTensor("norm", type: [.f32], dimensions: [5, 1]))
        XCTAssertNoThrow(try g.requireTensor("b.q4k", type: nil, dimensions: [256, 2, 2]))
        let wrongShape = [[3, 32], [32], [32, 3, 2], [32, 4], [1, 32, 3]]
        for dims in wrongShape {
            XCTAssertThrowsError(try g.requireTensor("a.q8", type: [.q8_0], dimensions: dims), "\(dims)") { error in
                guard case .invalidTensor(let path, let name, let what)? = error as? GGUFError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(path, g.path)
                XCTAssertEqual(name, "a.q8")
                XCTAssertTrue(what.contains("shape"), what)
            }
        }
        XCTAssertThrowsError(try g.requireTensor("a.q8", type: [.f32, .f16], dimensions: [32, 3])) { error in
            guard case .invalidTensor(_, _, let what)? = error as? GGUFError else { return XCTFail("\(error)") }
            XCTAssertEqual(what, "type Q8_0, expected one of F16, F32")
            XCTAssertEqual(
                (error as? GGUFError)?.errorDescription,
                "\(g.path): invalid tensor 'a.q8': type Q8_0, expected one of F16, F32")
        }
        XCTAssertThrowsError(try g.requireTensor("nope", type: [.f32], dimensions: [1])) {
            XCTAssertEqual($0 as? GGUFError, .missingTensor(path: g.path, name: "nope"))
        }
    }

    func testFileWithoutTensorsMayOmitTheDataPadding() throws {
        var w = TinyGGUFWriter()
        w.add("general.architecture", .string("x"))  // header ends at byte 24 + 28 + 13 = 65, not aligned
        let bytes = w.bytes()
        let path = try directory.write(Array(bytes.prefix(65)), name: "unpadded.gguf")
        let g = try GGUFFile(path: path)
        XCTAssertTrue(g.tensors.isEmpty)
        XCTAssertEqual(try g.requireString("general.architecture"), "x")
    }

    func testUnreadablePaths() throws {
        let missing = directory.url.appendingPathComponent("absent.gguf").path
        XCTAssertThrowsError(try GGUFFile(path: missing)) { error in
            guard case .unreadable(let path, let reason)? = error as? GGUFError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing)
            XCTAssertEqual(reason, "no such file")
        }
        XCTAssertThrowsError(try GGUFFile(path: directory.url.path)) { error in
            XCTAssertEqual(
                error as? GGUFError, .unreadable(path: directory.url.path, reason: "is a directory, not a regular file"))
        }
    }

    func testTensorsOutliveTheFileValue() throws {
        let (w, values) = tensorWriter(alignment: 32)
        var tensor: GGUFTensor?
        do { tensor = try open(w).tensor(named: "c.q6k") }
        let t = try XCTUnwrap(tensor)
        XCTAssertEqual(t.dequantized(), dequantize(BlockEncoder.encode(values[3], as: .q6_K), as: .q6_K))
    }
}
