import Foundation
import XCTest

import PromptCompression
import TinyLM
import PromptLintTestSupport

/// Issue 18 leftovers: a one-word prompt never compresses to nothing, and with standard error not a terminal
/// the tools print no progress bytes (the output is exactly what the library returns).
final class ShortAndProgressTests: XCTestCase {
    func testOneWordPromptKeepsItsWord() throws {
        guard let compressor = TestModel.require() else { return }
        // Single words of several tokens each: at ratio 0.5 the target is smaller than the word.
        for word in ["Summarize", "Antidisestablishmentarianism", "hydroxychloroquine", "Übersetzungsanfrage", "x7Q9zK"] {
            let tokens = compressor.languageModel.tokenizer.encode(word, addBOS: false).count
            for ratio in [0.5, 0.34] {
                let result = try compressor.compress(word, ratio: ratio)
                XCTAssertEqual(result.text.trimmingCharacters(in: .whitespacesAndNewlines), word,
                               "\(word) (\(tokens) tokens) at \(ratio)")
                XCTAssertEqual(result.compressedTokens, tokens)
            }
        }
        // A longer text can still lose whole words.
        let two = try compressor.compress("Summarize the following report carefully please", targetTokens: 2)
        XCTAssertFalse(two.text.isEmpty)
    }

    func testNoProgressBytesWhenStandardErrorIsNotATerminal() throws {
        guard let compressor = TestModel.require() else { return }
        let dir = NSTemporaryDirectory() + "promptcompress-progress-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Over the 2,000 bytes from which a terminal would get a progress line.
        let text = TestTexts.prose(words: 600)
        XCTAssertGreaterThan(text.utf8.count, 2000)
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/long.txt"))
        let tool = try BuiltTool.require("promptcompress")
        let run = try BuiltTool.run(tool, ["--ratio", "0.5", "long.txt"], cwd: dir, env: ["PROMPTLINT_MODEL": TestModel.path])
        XCTAssertEqual(run.code, 0, run.err)
        XCTAssertEqual(run.err, "", "nothing on a standard error that is a pipe")
        let expected = try compressor.compress(text, ratio: 0.5).text
        XCTAssertEqual(Data(run.out.utf8), Data((expected.hasSuffix("\n") ? expected : expected + "\n").utf8))
        let score = try BuiltTool.run(tool, ["score", "long.txt"], cwd: dir, env: ["PROMPTLINT_MODEL": TestModel.path])
        XCTAssertEqual(score.code, 0, score.err)
        XCTAssertEqual(score.err, "")
        XCTAssertEqual(score.out.split(separator: "\n").count,
                       compressor.languageModel.tokenizer.encode(text, addBOS: true).count)
    }
}
