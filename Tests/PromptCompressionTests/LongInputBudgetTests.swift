import Foundation
import XCTest

@testable import PromptCompression
import PromptLintTestSupport

/// Long inputs (issue 18): past one window, the fine pass reuses the window scan's scores instead of scoring every
/// segment again, and an input the model would read more than `CompressionOptions.maxModelTokens` of is refused
/// before any scoring, in the library and on the command line (one line, exit 2).
final class LongInputBudgetTests: XCTestCase {
    /// The fine pass of `prompt` (pieces of every unit at rate 0.5) given a window scan of constant log p
    /// `plain` without the question and `plain + 1` with it, reported as taking `windows` windows.
    func finePass(_ prompt: String, plain: Float, windows: Int, compressor: PromptCompressor) throws -> FinePass.Outcome {
        let text = try PromptCompressor.segment(prompt, options: .init())
        let tokenizer = compressor.languageModel.tokenizer
        let map = TokenMap(text, tokenizer: tokenizer)
        let scan = WindowScan(
            plain: [Float](repeating: plain, count: map.ids.count),
            conditioned: [Float](repeating: plain + 1, count: map.ids.count), windows: windows)
        let fine = FinePass(
            model: compressor.languageModel.model, bos: tokenizer.bosID ?? 2, text: text, map: map,
            rates: [Double](repeating: 0.5, count: text.units.count),
            question: tokenizer.encode("Question: Who is the treasurer?\n", addBOS: false),
            segmentTokens: 64, windowTokens: 256, progress: nil, scan: scan, mode: .fast)
        return try fine.run()
    }

    func testPastOneWindowEveryWordIsScoredFromTheScan() throws {
        guard let compressor = TestModel.require() else { return }
        let prompt = TestTexts.prose(words: 300) + "\n"
        // Two scans that differ only in their constant surprisal (4 nats apart): a word scored from the scan
        // differs by exactly 4 between them; a word the model scored again does not differ at all.
        for windows in [2, 1] {
            let low = try finePass(prompt, plain: -3, windows: windows, compressor: compressor)
            let high = try finePass(prompt, plain: -7, windows: windows, compressor: compressor)
            let scored = low.scores.indices.filter { low.scores[$0] != nil }
            XCTAssertGreaterThan(scored.count, 200, "most words are scored")
            let fromScan = scored.filter { abs(high.scores[$0]! - low.scores[$0]! - 4) < 1e-9 }
            if windows > 1 {
                XCTAssertEqual(fromScan.count, scored.count, "every word's score comes from the scan")
            } else {
                // Within one window only the first segment reuses the scan; the others are scored again given the
                // compressed text before them (LLMLingua's iterative pass).
                XCTAssertGreaterThan(fromScan.count, 0)
                XCTAssertLessThan(fromScan.count, scored.count / 2)
            }
        }
    }

    func testAnInputAboveTheModelTokenLimitIsRefusedBeforeScoring() throws {
        guard let compressor = TestModel.require() else { return }
        let prompt = TestTexts.prose(words: 400) + "\n"
        let tokens = compressor.countTokens(prompt)
        var options = CompressionOptions(question: "Who is the treasurer?", maxModelTokens: 100)
        XCTAssertThrowsError(try compressor.compress(prompt, ratio: 0.5, options: options)) { error in
            guard case .inputTooLong(let read, let limit)? = error as? CompressionError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(limit, 100)
            XCTAssertEqual(read, tokens, "plain text: the model reads every token")
        }
        // At the limit, and with no limit, it compresses.
        options.maxModelTokens = tokens
        XCTAssertLessThan(try compressor.compress(prompt, ratio: 0.5, options: options).compressedTokens, tokens)
        options.maxModelTokens = nil
        XCTAssertLessThan(try compressor.compress(prompt, ratio: 0.5, options: options).compressedTokens, tokens)
        // Nothing to score (ratio 1): no refusal.
        options.maxModelTokens = 100
        let whole = try compressor.compress(prompt, ratio: 1, options: options)
        XCTAssertEqual(whole.compressedTokens, whole.originalTokens)
        XCTAssertEqual(CompressionOptions().maxModelTokens, CompressionOptions.defaultMaxModelTokens)
    }

    func testTheCommandLineRefusesManyMessagesAboveMaxTokensInOneLine() throws {
        let dir = NSTemporaryDirectory() + "promptcompress-long-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let messages = (0..<300).map { i in
            "{\"role\": \"\(i % 2 == 0 ? "user" : "assistant")\", \"content\": \"Message \(i): please keep the order id 4711 and tell me when the parcel ships.\"}"
        }
        try Data("{\"model\": \"m\", \"messages\": [\(messages.joined(separator: ", "))]}".utf8)
            .write(to: URL(fileURLWithPath: dir + "/request.json"))
        let tool = try BuiltTool.require("promptcompress")
        func run(_ arguments: String) throws -> BuiltTool.Run {
            try BuiltTool.runLimited(
                tool, arguments, redirections: "< /dev/null", cwd: dir, env: ["PROMPTLINT_MODEL": TestModel.path],
                memoryKB: 4_000_000)
        }
        let refused = try run("--ratio 0.5 --messages request.json --max-tokens 1000")
        XCTAssertEqual(refused.reason, .exit)
        XCTAssertEqual(refused.code, 2, refused.err)
        XCTAssertEqual(refused.err.split(separator: "\n").count, 1, refused.err)
        XCTAssertTrue(refused.err.hasPrefix("promptcompress: request.json: the model would read "), refused.err)
        XCTAssertTrue(refused.err.contains("above the limit of 1000: raise it with --max-tokens"), refused.err)
        let negative = try run("--ratio 0.5 --messages request.json --max-tokens -1")
        XCTAssertEqual(negative.code, 2, negative.err)
        XCTAssertEqual(negative.err.split(separator: "\n").count, 1, negative.err)
        // A short request under the same limit compresses.
        let short = "{\"messages\": [\(messages.prefix(6).joined(separator: ", "))]}"
        try Data(short.utf8).write(to: URL(fileURLWithPath: dir + "/short.json"))
        let compressed = try run("--ratio 0.5 --messages short.json --max-tokens 1000")
        XCTAssertEqual(compressed.code, 0, compressed.err)
        XCTAssertTrue(compressed.out.contains("\"messages\""), compressed.err)
    }
}
