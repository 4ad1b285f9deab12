import Foundation
import Tokenizers
import XCTest

/// The Gemma tokenizer against llama.cpp's ids (needs the model file; fails when it is missing).
final class SentencePieceGoldenTests: XCTestCase {
    private func check(_ cases: [GoldenTokenizeCase], _ label: String) throws {
        let tokenizer = try XCTUnwrap(ModelLocation.tokenizer())
        for (i, c) in cases.enumerated() {
            let what = "\(label) case \(i) \(c.text.debugDescription)"
            XCTAssertEqual(tokenizer.encode(c.text), c.withBOS, "ids_with_bos, \(what)")
            XCTAssertEqual(tokenizer.encode(c.text, addBOS: false), c.noBOS, "ids_no_bos, \(what)")
            XCTAssertEqual(tokenizer.encode(c.text, parseSpecial: true), c.special, "ids_special, \(what)")
        }
    }

    func testGoldenCases() throws {
        XCTAssertEqual(goldenTokenizeCases.count, 15)
        try check(goldenTokenizeCases, "golden")
    }

    func testOracleCases() throws {
        try check(oracleTokenizeCases, "oracle")
    }

    func testRoundTrip() throws {
        let tokenizer = try XCTUnwrap(ModelLocation.tokenizer())
        for c in goldenTokenizeCases + oracleTokenizeCases {
            XCTAssertEqual(tokenizer.decode(tokenizer.encode(c.text, addBOS: false)), c.text, c.text.debugDescription)
            // BOS renders as nothing.
            XCTAssertEqual(tokenizer.decode(c.withBOS), c.text, c.text.debugDescription)
        }
    }

    func testOffsetsCoverTheInput() throws {
        let tokenizer = try XCTUnwrap(ModelLocation.tokenizer())
        for c in goldenTokenizeCases + oracleTokenizeCases {
            for parseSpecial in [false, true] {
                let spans = tokenizer.encodeWithOffsets(c.text, parseSpecial: parseSpecial)
                XCTAssertEqual(spans.map(\.id), parseSpecial ? c.special : c.withBOS)
                XCTAssertEqual(spans.first?.byteRange, 0..<0, "BOS covers nothing")
                var cursor = 0
                let bytes = Array(c.text.utf8)
                for span in spans.dropFirst() {
                    XCTAssertEqual(span.byteRange.lowerBound, cursor, "gap or overlap in \(c.text.debugDescription)")
                    XCTAssertFalse(span.byteRange.isEmpty, "empty span in \(c.text.debugDescription)")
                    cursor = span.byteRange.upperBound
                    // Each span's bytes are what its token stands for (byte tokens: one byte each).
                    let piece = tokenizer.tokenBytes(span.id)
                    XCTAssertEqual(Array(bytes[span.byteRange]), piece, "span of \(span.id) in \(c.text.debugDescription)")
                }
                XCTAssertEqual(cursor, bytes.count, "spans end early in \(c.text.debugDescription)")
            }
        }
    }

    func testVocabularyFacts() throws {
        let tokenizer = try XCTUnwrap(ModelLocation.tokenizer())
        XCTAssertEqual(tokenizer.vocabularySize, 262_144)
        XCTAssertEqual(tokenizer.bosID, 2)
        XCTAssertEqual(tokenizer.eosID, 1)
        XCTAssertEqual(tokenizer.specialIDs.unknown, 3)
        XCTAssertEqual(tokenizer.specialIDs.padding, 0)
        XCTAssertEqual(tokenizer.specialIDs.endOfTurn, 106)
        XCTAssertFalse(tokenizer.options.addSpacePrefix)
        XCTAssertTrue(tokenizer.isControl(2))
        XCTAssertTrue(tokenizer.isControl(105))
        XCTAssertTrue(tokenizer.isControl(212), "</s> is made a control token by name, as in llama.cpp")
        XCTAssertFalse(tokenizer.isControl(9259))
        XCTAssertFalse(tokenizer.isControl(-1))
        XCTAssertTrue(tokenizer.isByte(248))
        XCTAssertEqual(tokenizer.tokenText(2), "<bos>")
        XCTAssertEqual(tokenizer.tokenText(26352), " Hello")
        XCTAssertEqual(tokenizer.tokenBytes(248), [0x0A])
        XCTAssertEqual(tokenizer.storedPiece(26352), "▁Hello")
        XCTAssertEqual(tokenizer.decode([2, 105, 9259]), "Hello")
        XCTAssertEqual(tokenizer.decode([2, 105, 9259], renderSpecial: true), "<bos><start_of_turn>Hello")
        XCTAssertTrue(tokenizer.endOfGenerationIDs.isSuperset(of: [1, 106]))
    }
}
