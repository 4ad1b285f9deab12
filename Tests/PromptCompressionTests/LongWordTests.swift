import XCTest

@testable import PromptCompression
import PromptLintTestSupport

/// A "word" of thousands of tokens (a letter with 20,000 combining marks, issue 18) costs the model a bounded
/// number of tokens: it is kept or dropped whole, so only its first tokens are scored, and a unit longer than a
/// window is scored window by window instead of in one quadratic call.
final class LongWordTests: XCTestCase {
    /// One letter followed by `marks` combining acute accents.
    static func stacked(_ marks: Int) -> String { "a" + String(repeating: "\u{0301}", count: marks) }

    func testTheModelReadsAtMostACappedPrefixOfOnePiece() throws {
        guard let compressor = TestModel.require() else { return }
        let text = try PromptCompressor.segment("Keep this " + Self.stacked(20_000) + " and that.\n", options: .init())
        let map = TokenMap(text, tokenizer: compressor.languageModel.tokenizer)
        let long = try XCTUnwrap(text.pieces.indices.max { map.cost($0) < map.cost($1) })
        XCTAssertGreaterThan(map.cost(long), 10_000, "the stacked letter is thousands of tokens")
        XCTAssertEqual(map.modelTokens(long).count, TokenMap.maxModelTokensPerPiece)
        XCTAssertEqual(map.modelTokens(long).lowerBound, map.pieceTokens[long].lowerBound)
        for p in text.pieces.indices where p != long { XCTAssertEqual(map.modelTokens(p), map.pieceTokens[p]) }
    }

    func testStackedMarksAmongWordsCompressToWholeWords() throws {
        guard let compressor = TestModel.require() else { return }
        let words = TestTexts.prose(words: 120)
        let prompt = words + " " + Self.stacked(20_000) + " " + words + " " + Self.stacked(3_000) + "\n"
        for question in [nil, "Who is the treasurer?"] {
            // Small windows, so a unit holding the long words is longer than a window and scored in chunks.
            let options = CompressionOptions(question: question, segmentTokens: 64, windowTokens: 256)
            let result = try compressor.compress(prompt, ratio: 0.5, options: options)
            XCTAssertGreaterThan(result.compressedTokens, 0)
            XCTAssertLessThan(result.compressedTokens, result.originalTokens)
            // Every output word is a whole input word: the long ones are kept or dropped entire.
            let inputWords = Set(prompt.split(whereSeparator: \.isWhitespace))
            for word in result.text.split(whereSeparator: \.isWhitespace) {
                XCTAssertTrue(inputWords.contains(word), "broken word of \(word.unicodeScalars.count) scalars")
            }
        }
    }

    func testManyStackedLettersCompress() throws {
        guard let compressor = TestModel.require() else { return }
        let prompt = (0..<40).map { Self.stacked(500 + $0) }.joined(separator: " ") + "\n"
        let result = try compressor.compress(prompt, ratio: 0.5)
        let kept = result.text.split(whereSeparator: \.isWhitespace)
        XCTAssertFalse(kept.isEmpty)
        XCTAssertLessThan(kept.count, 40)
        let inputWords = Set(prompt.split(whereSeparator: \.isWhitespace))
        for word in kept { XCTAssertTrue(inputWords.contains(word)) }
    }
}
