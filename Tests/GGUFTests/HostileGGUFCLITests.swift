import Foundation
import GGUF
import PromptLintTestSupport
import XCTest

/// Every hostile GGUF file, and model files that are valid GGUF but wrong for Gemma 3 (a missing tensor, a tensor
/// of the wrong shape or type for its role, a vocabulary that does not match the embedding), handed to the built
/// `promptcompress score --model FILE`: exit status 2, one line on stderr, nothing on stdout, never a signal.
/// (Scripts/fuzz.sh replays the same set through the reader under AddressSanitizer.)
final class HostileGGUFCLITests: XCTestCase {
    func score(model: String, in dir: TemporaryDirectory) throws -> BuiltTool.Run {
        let binary = try BuiltTool.require("promptcompress")
        let text = try dir.write(Array("Hello world, this is a test.\n".utf8), name: "input.txt")
        return try BuiltTool.run(binary, ["score", text, "--model", model])
    }

    func assertRefused(_ run: BuiltTool.Run, _ name: String, mentions: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.reason, .exit, "\(name): killed by signal \(run.code)", file: file, line: line)
        XCTAssertEqual(run.code, 2, "\(name): exit \(run.code), stderr: \(run.err)", file: file, line: line)
        XCTAssertEqual(run.out, "", "\(name): printed output", file: file, line: line)
        let lines = run.err.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "\(name): not one line: \(run.err.debugDescription)", file: file, line: line)
        XCTAssertEqual(lines.last, "", "\(name): no trailing newline", file: file, line: line)
        XCTAssertTrue(run.err.hasPrefix("promptcompress: "), "\(name): \(run.err)", file: file, line: line)
        XCTAssertLessThan(run.err.utf8.count, 2000, "\(name): message too long", file: file, line: line)
        if let mentions {
            XCTAssertTrue(run.err.contains(mentions), "\(name): \(run.err) does not mention \(mentions)", file: file, line: line)
        }
    }

    func testEveryHostileFileIsRefusedWithOneLine() throws {
        let dir = try TemporaryDirectory()
        for (name, bytes) in HostileGGUF.seedCorpus {
            let path = try dir.write(bytes, name: name + ".gguf")
            // The valid seed is a GGUF of architecture "tiny": refused as a model, not as a file.
            assertRefused(try score(model: path, in: dir), name, mentions: name == "valid" ? "tiny" : nil)
        }
    }

    func testUnreadableModelPathsAreRefusedWithOneLine() throws {
        let dir = try TemporaryDirectory()
        assertRefused(try score(model: dir.url.path, in: dir), "directory")
        assertRefused(try score(model: dir.url.appendingPathComponent("missing.gguf").path, in: dir), "missing")
        let loop = dir.url.appendingPathComponent("loop.gguf").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        assertRefused(try score(model: loop, in: dir), "symlink loop")
    }

    // MARK: Valid GGUF, wrong for Gemma 3

    /// A Gemma 3 model small enough to write by hand (d = 32, one block, eight tokens), with `edit` applied.
    static func tinyGemma(_ edit: (inout [String: (GGMLType, [Int])], inout TinyGGUFWriter) -> Void = { _, _ in })
        -> [UInt8]
    {
        var w = TinyGGUFWriter()
        w.add("general.architecture", .string("gemma3"))
        w.add("gemma3.embedding_length", .u32(32))
        w.add("gemma3.block_count", .u32(1))
        w.add("gemma3.feed_forward_length", .u32(32))
        w.add("gemma3.attention.head_count", .u32(2))
        w.add("gemma3.attention.head_count_kv", .u32(1))
        w.add("gemma3.attention.key_length", .u32(16))
        w.add("tokenizer.ggml.model", .string("llama"))
        let tokens = ["<pad>", "<eos>", "<bos>", "<unk>", "\u{2581}", "a", "b", "\u{2581}a"]
        w.add("tokenizer.ggml.tokens", .array(.string, tokens.map { .string($0) }))
        w.add("tokenizer.ggml.scores", .array(.float32, tokens.indices.map { .f32(-Float($0)) }))
        w.add("tokenizer.ggml.token_type", .array(.int32, [3, 3, 3, 2, 1, 1, 1, 1].map { .i32($0) }))
        var shapes: [String: (GGMLType, [Int])] = [
            "token_embd.weight": (.f32, [32, 8]), "output_norm.weight": (.f32, [32]),
            "blk.0.attn_norm.weight": (.f32, [32]), "blk.0.attn_q.weight": (.f32, [32, 32]),
            "blk.0.attn_k.weight": (.f32, [32, 16]), "blk.0.attn_v.weight": (.f32, [32, 16]),
            "blk.0.attn_q_norm.weight": (.f32, [16]), "blk.0.attn_k_norm.weight": (.f32, [16]),
            "blk.0.attn_output.weight": (.f32, [32, 32]), "blk.0.post_attention_norm.weight": (.f32, [32]),
            "blk.0.ffn_norm.weight": (.f32, [32]), "blk.0.ffn_gate.weight": (.f32, [32, 32]),
            "blk.0.ffn_up.weight": (.f32, [32, 32]), "blk.0.ffn_down.weight": (.f32, [32, 32]),
            "blk.0.post_ffw_norm.weight": (.f32, [32]),
        ]
        edit(&shapes, &w)
        for (name, (type, dims)) in shapes.sorted(by: { $0.key < $1.key }) {
            let count = dims.reduce(1, *)
            if type == .f32 {
                w.addTensor(name, floats: (0..<count).map { Float($0 % 7) * 0.01 }, dimensions: dims)
            } else {
                let bytes = count / type.blockSize * type.blockBytes
                var data = [UInt8](repeating: 0, count: bytes)
                if type == .q8_0 { for b in stride(from: 0, to: bytes, by: 34) { data[b + 1] = 0x38 } }  // d = 0.5
                w.addTensor(name, type: type, dimensions: dims, data: data)
            }
        }
        return w.bytes()
    }

    func testModelsWrongForGemma3AreRefusedWithOneLine() throws {
        let dir = try TemporaryDirectory()
        let cases: [(String, [UInt8], String)] = [
            ("missing tensor", Self.tinyGemma { s, _ in s["blk.0.ffn_down.weight"] = nil }, "blk.0.ffn_down.weight"),
            ("missing output norm", Self.tinyGemma { s, _ in s["output_norm.weight"] = nil }, "output_norm.weight"),
            ("query of the wrong shape", Self.tinyGemma { s, _ in s["blk.0.attn_q.weight"] = (.f32, [32, 16]) },
             "blk.0.attn_q.weight"),
            ("norm given as a matrix", Self.tinyGemma { s, _ in s["blk.0.attn_norm.weight"] = (.f32, [32, 1]) },
             "blk.0.attn_norm.weight"),
            ("embedding of a type no row fits", Self.tinyGemma { s, _ in s["token_embd.weight"] = (.q8_0, [32, 8]) }
                .replacingTensorType("token_embd.weight", with: 15), "token_embd.weight"),
            ("embedding smaller than the vocabulary", Self.tinyGemma { s, _ in s["token_embd.weight"] = (.f32, [32, 7]) },
             "token_embd.weight"),
            ("block count past the tensors",
            Self.tinyGemma { _, w in
                w.pairs[w.pairs.firstIndex { $0.key == "gemma3.block_count" }!].value = .u32(2)
            }, ""),
        ]
        for (name, bytes, mention) in cases {
            let path = try dir.write(bytes, name: "model.gguf")
            assertRefused(try score(model: path, in: dir), name, mentions: mention.isEmpty ? nil : mention)
        }
    }
}

extension Array where Element == UInt8 {
    /// The file with the type code of tensor `name` replaced (the data stays as written for the old type).
    func replacingTensorType(_ name: String, with code: UInt32) -> [UInt8] {
        let needle = Array(name.utf8)
        guard let at = (0...(count - needle.count)).first(where: { self[$0..<$0 + needle.count].elementsEqual(needle) })
        else { return self }
        var b = self
        let dimsCount = Int(b[at + needle.count])  // n_dims (u32 LE, small)
        let typeOffset = at + needle.count + 4 + 8 * dimsCount
        Swift.withUnsafeBytes(of: code.littleEndian) { for (i, x) in $0.enumerated() { b[typeOffset + i] = x } }
        return b
    }
}
