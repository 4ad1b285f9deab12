import Tokenizers
import XCTest

/// The merge step, byte fallback and special-token splitting on tiny hand-made vocabularies (no model).
final class SentencePieceUnitTests: XCTestCase {
    /// Byte tokens `<0x00>`…`<0xFF>` for ids 3…258, after `<unk>`, `<s>`, `</s>`.
    private static let base: [String] = ["<unk>", "<s>", "</s>"] + (0..<256).map { String(format: "<0x%02X>", $0) }
    private static let baseTypes: [SentencePieceTokenType] = [.unknown, .control, .control]
        + [SentencePieceTokenType](repeating: .byte, count: 256)

    private func make(
        _ pieces: [(String, Float, SentencePieceTokenType)], spacePrefix: Bool = false, byteTokens: Bool = true
    ) throws -> SentencePieceTokenizer {
        let head = byteTokens ? Self.base : Array(Self.base.prefix(3))
        let headTypes = byteTokens ? Self.baseTypes : Array(Self.baseTypes.prefix(3))
        return try SentencePieceTokenizer(
            tokens: head + pieces.map(\.0), scores: [Float](repeating: 0, count: head.count) + pieces.map(\.1),
            types: headTypes + pieces.map(\.2), special: SpecialTokenIDs(bos: 1, eos: 2, unknown: 0),
            options: SentencePieceOptions(addBOS: true, addEOS: false, addSpacePrefix: spacePrefix))
    }

    private func pieces(_ t: SentencePieceTokenizer, _ text: String, special: Bool = false) -> [String] {
        t.encode(text, addBOS: false, parseSpecial: special).map { t.storedPiece($0) ?? "?" }
    }

    func testHigherScoreMergesFirst() throws {
        let rightFirst = try make([("a", -1, .normal), ("b", -1, .normal), ("c", -1, .normal),
                                   ("ab", -5, .normal), ("bc", -2, .normal)])
        XCTAssertEqual(pieces(rightFirst, "abc"), ["a", "bc"])
        let leftFirst = try make([("a", -1, .normal), ("b", -1, .normal), ("c", -1, .normal),
                                  ("ab", -2, .normal), ("bc", -5, .normal)])
        XCTAssertEqual(pieces(leftFirst, "abc"), ["ab", "c"])
    }

    func testEqualScoresMergeLeftmostFirst() throws {
        let t = try make([("a", -1, .normal), ("aa", -2, .normal)])
        XCTAssertEqual(pieces(t, "aaa"), ["aa", "a"])
        XCTAssertEqual(pieces(t, "aaaaa"), ["aa", "aa", "a"])
    }

    func testMergesNeedEveryIntermediatePiece() throws {
        // "abc" is a token but neither "ab" nor "bc" is, so it can never be formed.
        let t = try make([("a", -1, .normal), ("b", -1, .normal), ("c", -1, .normal), ("abc", 10, .normal)])
        XCTAssertEqual(pieces(t, "abc"), ["a", "b", "c"])
        let chained = try make([("a", -1, .normal), ("b", -1, .normal), ("c", -1, .normal),
                                ("bc", -3, .normal), ("abc", -4, .normal)])
        XCTAssertEqual(pieces(chained, "abc"), ["abc"])
    }

    func testSpacesBecomeLowerOneEighthBlock() throws {
        let t = try make([("▁", -1, .normal), ("a", -1, .normal), ("▁a", -2, .normal)])
        XCTAssertEqual(pieces(t, "a a"), ["a", "▁a"])
        XCTAssertEqual(t.decode(t.encode("a a")), "a a")
        let prefixed = try make([("▁", -1, .normal), ("a", -1, .normal), ("▁a", -2, .normal)], spacePrefix: true)
        XCTAssertEqual(pieces(prefixed, "a a"), ["▁a", "▁a"])
        XCTAssertEqual(prefixed.decode(prefixed.encode("a a", addBOS: false)), "a a", "the prefix space is dropped again")
        // As in llama_detokenize, only the very first token loses its space, and BOS is that token here.
        XCTAssertEqual(prefixed.decode(prefixed.encode("a a")), " a a")
    }

    func testByteFallbackSpellsUnknownCharactersAsBytes() throws {
        let t = try make([("a", -1, .normal)])
        let spans = t.encodeWithOffsets("aé", addBOS: false)
        XCTAssertEqual(spans.map(\.id), [259, 3 + 0xC3, 3 + 0xA9])
        XCTAssertEqual(spans.map(\.byteRange), [0..<1, 1..<2, 2..<3])
        XCTAssertEqual(t.decode(spans.map(\.id)), "aé")
        XCTAssertEqual(t.tokenBytes(3 + 0xC3), [0xC3])
    }

    func testWithoutByteTokensFallsBackToUnknown() throws {
        let t = try make([("a", -1, .normal)], byteTokens: false)
        XCTAssertEqual(t.encode("aé", addBOS: false), [3, 0, 0])
    }

    func testUserDefinedTokensAreAlwaysSplitControlOnlyWhenParsingSpecials() throws {
        let t = try make([("a", -1, .normal), ("<", -1, .normal), (">", -1, .normal), ("b", -1, .normal),
                          ("<b>", 0, .userDefined), ("<c>", 0, .control), ("c", -1, .normal)])
        let ab = t.encodeWithOffsets("a<b>a", addBOS: false)
        XCTAssertEqual(ab.map { t.storedPiece($0.id)! }, ["a", "<b>", "a"])
        XCTAssertEqual(ab.map(\.byteRange), [0..<1, 1..<4, 4..<5])
        XCTAssertEqual(pieces(t, "a<c>a"), ["a", "<", "c", ">", "a"])
        XCTAssertEqual(pieces(t, "a<c>a", special: true), ["a", "<c>", "a"])
        XCTAssertEqual(t.decode(t.encode("a<c>a", parseSpecial: true)), "aa", "control tokens render as nothing")
    }

    func testLongerSpecialTokensWin() throws {
        let t = try make([("x", -1, .normal), ("  ", 0, .userDefined), ("   ", 0, .userDefined),
                          ("▁", -1, .normal)])
        XCTAssertEqual(pieces(t, "x" + String(repeating: " ", count: 8) + "x"), ["x", "   ", "   ", "  ", "x"])
    }

    func testBOSAndEOSFollowTheOptions() throws {
        let t = try SentencePieceTokenizer(
            tokens: ["<unk>", "<s>", "</s>", "a"], types: [.unknown, .control, .control, .normal],
            special: SpecialTokenIDs(bos: 1, eos: 2, unknown: 0),
            options: SentencePieceOptions(addBOS: true, addEOS: true, addSpacePrefix: false))
        XCTAssertEqual(t.encode("a"), [1, 3, 2])
        XCTAssertEqual(t.encode("a", addBOS: false), [3])
        XCTAssertEqual(t.encode(""), [1, 2])
        XCTAssertTrue(t.isControl(1))
        XCTAssertFalse(t.isControl(3))
    }

    func testConstructionErrors() {
        XCTAssertThrowsError(try SentencePieceTokenizer(tokens: [])) {
            XCTAssertEqual($0 as? TokenizerError, .emptyVocabulary)
        }
        XCTAssertThrowsError(try SentencePieceTokenizer(tokens: ["a", "b", "a"])) {
            XCTAssertEqual($0 as? TokenizerError, .duplicateToken(text: "a", firstID: 0, secondID: 2))
        }
        XCTAssertThrowsError(try SentencePieceTokenizer(tokens: ["a"], special: SpecialTokenIDs(bos: 5))) {
            XCTAssertEqual($0 as? TokenizerError, .invalidSpecialID(name: "BOS", id: 5, vocabularySize: 1))
        }
        XCTAssertThrowsError(try SentencePieceTokenizer(tokens: ["a", "b"], scores: [1])) {
            XCTAssertNotNil(($0 as? LocalizedError)?.errorDescription)
        }
    }

    func testLongFragmentsAreNotCutWhereATokenCrossesASpace() throws {
        // "b▁a" crosses spaces, so a 3,000-byte line may not be cut before a space that follows "b".
        let t = try make([("a", -1, .normal), ("b", -1, .normal), ("▁", -1, .normal), ("ab", -3, .normal),
                          ("b▁", -2, .normal), ("b▁a", -2.5, .normal), ("c", -1, .normal), ("▁c", -1.5, .normal)])
        let line = String(repeating: "ab ", count: 1000)
        XCTAssertEqual(pieces(t, line), ["a"] + Array(repeating: "b▁a", count: 999) + ["b▁"])
        // Spaces after "c" are safe cuts: the long line gives the tokens of its parts.
        let safe = String(repeating: "c c ", count: 1000)
        XCTAssertEqual(pieces(t, safe), ["c"] + Array(repeating: "▁c", count: 1999) + ["▁"])
        let spans = t.encodeWithOffsets(safe, addBOS: false)
        XCTAssertEqual(spans.last?.byteRange, (safe.utf8.count - 1)..<safe.utf8.count)
    }
}
