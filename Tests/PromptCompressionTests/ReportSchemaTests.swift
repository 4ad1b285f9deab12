import Foundation
import PromptCompression
import PromptLintTestSupport
@testable import TinyLM
import XCTest

/// The JSON reports `promptcompress --format json` and `promptcompress score --format json` write (the server answers
/// with the same JSON, decoded into types generated from its API document) match that document's schemas, so a field
/// added to a report cannot make the server answer 500 unnoticed: this runs in `Scripts/test.sh`, without the server.
final class ReportSchemaTests: XCTestCase {
    func testCompressionReportMatchesCompressResult() throws {
        let schemas = try OpenAPISchemas.server()
        var result = CompressionResult(
            text: "{\"messages\": [\"short \\\"text\\\"\"]}", originalTokens: 40, compressedTokens: 20, targetTokens: 20,
            kept: [0..<10, 14..<30], protectedExceedsBudget: false, protectedTokens: 3)
        result.droppedBlocks = 1
        XCTAssertEqual(schemas.problems(result.json, schema: "CompressResult"), [], result.json)
        // Every field the document lists is one the report writes: the two agree both ways.
        let keys = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any]).keys
        XCTAssertEqual(Set(keys), schemas.propertyNames("CompressResult"))
    }

    func testScoreReportMatchesScoreResult() throws {
        let schemas = try OpenAPISchemas.server()
        let tokens = [
            ScoredToken(id: 2, text: "<bos>", byteRange: 0..<0, logProbability: nil),
            ScoredToken(id: 9259, text: "Hello", byteRange: 0..<5, logProbability: -3.25),
        ]
        let json = TokenScoreReport.json(model: "gemma-3-270m", tokens: tokens)
        XCTAssertEqual(schemas.problems(json, schema: "ScoreResult"), [], json)
    }

    /// The checker itself: a report with a field the document lacks, a missing field or a wrong type is caught.
    func testCheckerFindsDriftFromTheDocument() throws {
        let schemas = try OpenAPISchemas.server()
        var result = CompressionResult(
            text: "x", originalTokens: 2, compressedTokens: 1, targetTokens: 1, kept: [0..<1],
            protectedExceedsBudget: true, protectedTokens: 0)
        result.droppedBlocks = 0
        var added = result.json
        added.removeLast(2)  // "}\n"
        XCTAssertEqual(schemas.problems(added + ", \"new_field\": 1}", schema: "CompressResult"),
                       ["$: field \"new_field\" is not in the document (additionalProperties is false)"])
        let missing = result.json.replacingOccurrences(of: ", \"dropped_blocks\": 0", with: "")
        XCTAssertEqual(schemas.problems(missing, schema: "CompressResult"), ["$: required field \"dropped_blocks\" is missing"])
        let wrongType = result.json.replacingOccurrences(of: "\"original_tokens\": 2", with: "\"original_tokens\": true")
        XCTAssertEqual(schemas.problems(wrongType, schema: "CompressResult"),
                       ["$.original_tokens: a boolean where the document says integer"])
        let wrongItem = result.json.replacingOccurrences(of: "[[0, 1]]", with: "[[0, \"1\"]]")
        XCTAssertEqual(schemas.problems(wrongItem, schema: "CompressResult"),
                       ["$.kept[0][1]: a string where the document says integer"])
    }
}
