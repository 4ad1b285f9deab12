import Foundation
import PromptLintTestSupport
import Tokenizers
import XCTest

/// Evaluation group: both tokenizers on `../shared/golden/bench_2k.txt` (SQuAD article text, third-party: read in
/// place, never copied), against the reference ids and count recorded in the fixtures. Run by `.ci/run`; fails when
/// the data is missing.
final class EvalTokenizerBenchTests: XCTestCase {
    private func benchText() throws -> String {
        try String(contentsOfFile: try SharedData.require("golden/bench_2k.txt"), encoding: .utf8)
    }

    func testGemmaIDsMatchLlamaCpp() throws {
        let tokenizer = try XCTUnwrap(ModelLocation.tokenizer())
        let text = try benchText()
        XCTAssertEqual(tokenizer.encode(text).count, bench2kTokenCount)
        XCTAssertEqual(tokenizer.encode(text), bench2kIDs.split(separator: " ").map { Int32($0)! })
    }

    func testCl100kCountMatchesTiktoken() throws {
        let bpe = try TiktokenBPE.cl100k()
        XCTAssertEqual(bpe.count(try benchText()), bench2kCl100kCount)
    }
}
