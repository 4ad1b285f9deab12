import GGUF
import XCTest
import PromptLintTestSupport

/// Cross-checks against the real model: header facts and dequantized rows of every type in it, compared with
/// values computed by the reference Python reader (`RealModelFixture.swift`).
final class RealModelTests: XCTestCase {
    private func openModel() throws -> GGUFFile {
        try GGUFFile(path: try ModelFiles.requireGemma())
    }

    func testHeaderMatchesReference() throws {
        let gguf = try openModel()
        XCTAssertEqual(gguf.version, 3)
        XCTAssertEqual(gguf.tensors.count, ReferenceModel.tensorCount)
        XCTAssertEqual(gguf.metadata.count, ReferenceModel.keyCount)
        XCTAssertEqual(gguf.dataOffset, ReferenceModel.dataOffset)
        XCTAssertEqual(gguf.alignment, 32)
        var counts: [String: Int] = [:]
        for t in gguf.tensors { counts[t.type.description, default: 0] += 1 }
        XCTAssertEqual(counts, ReferenceModel.typeCounts)
        XCTAssertEqual(try gguf.requireString("general.architecture"), "gemma3")
        XCTAssertEqual(try gguf.requireInt("gemma3.embedding_length"), ReferenceModel.embeddingLength)
        XCTAssertEqual(gguf.metadata["gemma3.attention.layer_norm_rms_epsilon"]?.doubleValue.map(Float.init),
                       ReferenceModel.epsilon)
        guard case .strings(let tokens) = gguf.metadata["tokenizer.ggml.tokens"] else {
            return XCTFail("tokenizer.ggml.tokens is not an array of strings")
        }
        XCTAssertEqual(tokens.count, ReferenceModel.vocabularySize)
        XCTAssertEqual(Array(tokens.prefix(4)), ReferenceModel.firstTokens)
        guard case .floats(let scores) = gguf.metadata["tokenizer.ggml.scores"] else {
            return XCTFail("tokenizer.ggml.scores is not an array of floats")
        }
        XCTAssertEqual(Array(scores[1000..<1004]), ReferenceModel.scores1000.map(Float.init))
        guard case .ints(let types) = gguf.metadata["tokenizer.ggml.token_type"] else {
            return XCTFail("tokenizer.ggml.token_type is not an array of integers")
        }
        XCTAssertEqual(types.count, ReferenceModel.vocabularySize)
        XCTAssertEqual(gguf.metadata["tokenizer.ggml.add_bos_token"]?.boolValue, true)
    }

    func testDequantizedRowsMatchReference() throws {
        let gguf = try openModel()
        var typesSeen = Set<String>()
        for ref in referenceRows {
            let context = "\(ref.tensor) row \(ref.row)"
            let type = try XCTUnwrap(GGMLType.allCases.first { $0.description == ref.type }, context)
            let t = try gguf.requireTensor(ref.tensor, type: [type], dimensions: ref.dimensions)
            typesSeen.insert(ref.type)
            var row = [Float](repeating: .nan, count: t.rowLength)
            row.withUnsafeMutableBufferPointer { t.dequantizeRows(ref.row..<ref.row + 1, into: $0.baseAddress!) }
            func close(_ a: Float, _ b: Float) -> Bool { a == b || abs(a - b) <= abs(b) * 1e-6 }
            for (i, v) in ref.first.enumerated() {
                XCTAssertTrue(close(row[i], v), "\(context)[\(i)]: \(row[i]) != \(v)")
            }
            for (p, v) in zip(ref.probePositions, ref.probes) {
                XCTAssertTrue(close(row[p], v), "\(context)[\(p)]: \(row[p]) != \(v)")
            }
            var sum = 0.0, weighted = 0.0, maxAbs = 0.0
            for (i, v) in row.enumerated() {
                sum += Double(v)
                weighted += Double(v) * Double(i % 97 + 1)
                maxAbs = max(maxAbs, abs(Double(v)))
            }
            let scale = maxAbs * Double(row.count)
            XCTAssertEqual(sum, ref.sum, accuracy: 1e-9 * scale, "\(context) sum")
            XCTAssertEqual(weighted, ref.weightedSum, accuracy: 1e-9 * scale * 97, "\(context) weighted sum")
            XCTAssertEqual(maxAbs, ref.maxAbs, "\(context) max |x|")
        }
        XCTAssertEqual(typesSeen, Set(ReferenceModel.typeCounts.keys), "every type in the model is cross-checked")
    }

    func testEveryTensorLiesInsideTheFileAndDequantizesToFiniteValues() throws {
        let gguf = try openModel()
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: gguf.path)[.size] as? Int)
        for t in gguf.tensors {
            XCTAssertEqual(t.fileOffset % gguf.alignment, 0, t.name)
            XCTAssertGreaterThanOrEqual(t.fileOffset, gguf.dataOffset, t.name)
            XCTAssertLessThanOrEqual(t.fileOffset + t.byteCount, size, t.name)
            XCTAssertEqual(t.rowBytes * t.rowCount, t.byteCount, t.name)
            var row = [Float](repeating: .nan, count: t.rowLength)
            for r in Set([0, t.rowCount - 1]) {
                row.withUnsafeMutableBufferPointer { t.dequantizeRows(r..<r + 1, into: $0.baseAddress!) }
                XCTAssertTrue(row.allSatisfy(\.isFinite), "\(t.name) row \(r)")
            }
        }
    }

    func testRequireTensorChecksTheRole() throws {
        let gguf = try openModel()
        let embed = try gguf.requireTensor("token_embd.weight", type: [.q8_0, .f16], dimensions: [640, 262_144])
        XCTAssertEqual(embed.rowCount, 262_144)
        XCTAssertEqual(embed.rowBytes, 680)
        XCTAssertNoThrow(try gguf.requireTensor("output_norm.weight", type: [.f32], dimensions: [640, 1]))
        XCTAssertThrowsError(try gguf.requireTensor("token_embd.weight", dimensions: [262_144, 640])) { error in
            XCTAssertEqual((error as? GGUFError).map(GGUFErrorKind.init), .invalidTensor)
        }
        XCTAssertThrowsError(try gguf.requireTensor("token_embd.weight", type: [.f32], dimensions: [640, 262_144])) {
            XCTAssertEqual(($0 as? GGUFError).map(GGUFErrorKind.init), .invalidTensor)
        }
        XCTAssertThrowsError(try gguf.requireTensor("no.such.tensor", dimensions: [1])) {
            XCTAssertEqual(($0 as? GGUFError).map(GGUFErrorKind.init), .missingTensor)
        }
    }
}
