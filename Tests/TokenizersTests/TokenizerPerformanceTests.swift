import Foundation
import GGUF
import PromptLintTestSupport
import Tokenizers
import XCTest

/// Load time and encode throughput (thread CPU time), printed for the record (run with `-c release` for real figures).
/// Only absurd regressions fail: the machine is shared, so the bounds are loose.
final class TokenizerPerformanceTests: XCTestCase {
    /// CPU seconds of this thread spent in `body`: unlike wall time, not inflated when the machine is busy.
    private func seconds(_ body: () throws -> Void) rethrows -> Double { try TestFiles.cpuSeconds(body) }

    func testSentencePieceLoadAndEncodeSpeed() throws {
        let modelPath = try ModelFiles.requireGemma()
        var file: GGUFFile?
        let open = try seconds { file = try GGUFFile(path: modelPath) }
        var tokenizer: SentencePieceTokenizer?
        var load = Double.infinity
        for _ in 0..<3 {
            load = min(load, try seconds { tokenizer = try SentencePieceTokenizer(gguf: XCTUnwrap(file)) })
        }
        let tok = try XCTUnwrap(tokenizer)
        let text = BenchmarkText.prose
        var count = 0
        let rounds = 10
        let encode = seconds { for _ in 0..<rounds { count = tok.encode(text).count } }
        let bytes = Double(text.utf8.count * rounds)
        print(String(
            format: "SPM: GGUF open %.3f s, tokenizer init %.3f s (best of 3), encode %.2f MB/s, %.0f tokens/s (%d tokens)",
            open, load, bytes / encode / 1e6, Double(count * rounds) / encode, count))
        XCTAssertLessThan(load, 30, "debug builds are slow; release takes well under 0.15 s")
    }

    func testTiktokenLoadAndCountSpeed() throws {
        guard let url = TiktokenBPE.defaultRankFileURL() else {
            return XCTFail("cl100k_base rank file not found: run Scripts/fetch-tokenizers.sh")
        }
        var bpe: TiktokenBPE?
        var load = Double.infinity
        for _ in 0..<3 { load = min(load, try seconds { bpe = try TiktokenBPE(rankFile: url) }) }
        let tok = try XCTUnwrap(bpe)
        let text = BenchmarkText.prose
        var count = 0
        let rounds = 10
        let time = seconds { for _ in 0..<rounds { count = tok.count(text) } }
        print(String(
            format: "cl100k: rank file load %.3f s (best of 3), count %.2f MB/s, %.0f tokens/s (%d tokens)",
            load, Double(text.utf8.count * rounds) / time / 1e6, Double(count * rounds) / time, count))
        XCTAssertLessThan(load, 30)
    }
}
