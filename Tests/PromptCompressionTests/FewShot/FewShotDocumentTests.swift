import XCTest
@testable import PromptCompression

/// Reading and writing example lists: no model.
final class FewShotDocumentTests: XCTestCase {
    func testJSONListPassesExtraKeysThroughAndRendersInItsOwnForm() throws {
        let text = """
            [
              {"input": "a?", "output": "A", "label": "x", "id": 1, "meta": {"k": [1.50, true]}},
              {"input": "b?", "output": "B", "label": 7},
              {"id": "c", "input": "c?", "output": "C"}
            ]

            """
        let doc = try FewShotDocument.parse(text)
        XCTAssertEqual(doc.format, .json)
        XCTAssertEqual(doc.examples.map(\.input), ["a?", "b?", "c?"])
        XCTAssertEqual(doc.examples.map(\.label), ["x", "7", nil])
        XCTAssertEqual(doc.examples[0].extra.map(\.key), ["id", "meta"])
        XCTAssertEqual(doc.examples[0].json.serialized, #"{"input": "a?", "output": "A", "label": "x", "id": 1, "meta": {"k": [1.50, true]}}"#)
        XCTAssertEqual(doc.examples[2].json.serialized, #"{"id": "c", "input": "c?", "output": "C"}"#)
        XCTAssertEqual(doc.warnings, [.partialLabels(unlabelled: 1)])
        XCTAssertEqual(doc.render(keeping: [0, 1, 2]), text)
        XCTAssertEqual(doc.render(keeping: [2, 0]), """
            [
              {"input": "a?", "output": "A", "label": "x", "id": 1, "meta": {"k": [1.50, true]}},
              {"id": "c", "input": "c?", "output": "C"}
            ]

            """)
        XCTAssertEqual(doc.render(keeping: [1]), "[\n  {\"input\": \"b?\", \"output\": \"B\", \"label\": 7}\n]\n")
    }

    func testJSONLinesKeepTheirLines() throws {
        let text = "{\"input\": \"1\", \"output\": \"one\"}\n\n{\"input\": \"2\", \"output\": \"two\", \"x\": null}\n{\"input\": \"3\", \"output\": \"three\"}\n"
        let doc = try FewShotDocument.parse(text)
        XCTAssertEqual(doc.format, .jsonl)
        XCTAssertEqual(doc.examples.count, 3)
        XCTAssertEqual(doc.render(keeping: [1, 2]), "{\"input\": \"2\", \"output\": \"two\", \"x\": null}\n{\"input\": \"3\", \"output\": \"three\"}\n")
        XCTAssertEqual(doc.render(keeping: [0, 1, 2]), text.replacingOccurrences(of: "\n\n", with: "\n"))
    }

    func testMalformedInputNamesTheLine() {
        XCTAssertThrowsError(try FewShotDocument.parse("{\"input\": \"a\", \"output\": \"b\"}\n{\"input\": \"a\" \"output\": \"b\"}\n")) {
            guard case .malformedJSONL(let line, _) = $0 as? FewShotError else { return XCTFail("\($0)") }
            XCTAssertEqual(line, 2)
        }
        XCTAssertThrowsError(try FewShotDocument.parse("[\n  {\"input\": \"a\", \"output\": \"b\"},\n  {\"input\": \"a\",,}\n]")) {
            guard case .malformedJSON(let line, let column, _) = $0 as? FewShotError else { return XCTFail("\($0)") }
            XCTAssertEqual(line, 3)
            XCTAssertEqual(column, 17)
        }
        XCTAssertThrowsError(try FewShotDocument.parse("[{\"input\": \"a\", \"output\": \"b\"},\n {\"input\": \"c\"}]")) {
            XCTAssertEqual($0 as? FewShotError, .missingField(field: "output", example: 2, line: 2))
            XCTAssertEqual(($0 as? FewShotError)?.errorDescription, "example 2 (line 2) has no \"output\" field")
        }
        XCTAssertThrowsError(try FewShotDocument.parse("[{\"input\": 3, \"output\": \"b\"}]")) {
            XCTAssertEqual($0 as? FewShotError, .wrongFieldType(field: "input", example: 1, line: 1, expected: "a string", found: "a number"))
        }
        XCTAssertThrowsError(try FewShotDocument.parse("[1]")) {
            XCTAssertEqual($0 as? FewShotError, .notAnObject(example: 1, line: 1, found: "a number"))
        }
        for empty in ["[]", " [ ]\n", "", "\n\n"] {
            XCTAssertThrowsError(try FewShotDocument.parse(empty)) { XCTAssertEqual($0 as? FewShotError, .emptyList, "\(empty.debugDescription)") }
        }
        XCTAssertThrowsError(try FewShotDocument.parse("a\n\nb", splitPattern: "(")) {
            guard case .invalidSplitPattern = $0 as? FewShotError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try FewShotDocument.parse("a\n\nb", splitPattern: "x*")) {
            guard case .invalidSplitPattern = $0 as? FewShotError else { return XCTFail("\($0)") }
        }
    }

    /// A `--split` pattern that backtracks catastrophically is stopped by the shared regex budget (issue 18).
    func testCatastrophicSplitPatternIsRefused() {
        let text = "Example: " + String(repeating: "x", count: 5_000) + "\n\nExample: two\n"
        XCTAssertThrowsError(try FewShotDocument.parse(text, splitPattern: "(x+x+)+y")) {
            guard case .invalidSplitPattern(_, let reason) = $0 as? FewShotError else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("matching budget"), reason)
        }
        XCTAssertEqual(try FewShotDocument.parse(text, splitPattern: "Example: ").examples.count, 2)
    }

    func testEveryErrorIsOneLine() {
        let errors: [FewShotError] = [
            .emptyList, .malformedJSON(line: 1, column: 2, reason: "r"), .malformedJSONL(line: 3, reason: "r"),
            .notAnObject(example: 1, line: 1, found: "a number"), .missingField(field: "input", example: 1, line: 1),
            .invalidSplitPattern(pattern: "(", reason: "r"), .invalidKeep(0), .invalidBudget(0),
            .budgetTooSmall(budget: 1, smallestExample: 5), .emptyQuery, .model("m"),
        ]
        for e in errors { XCTAssertFalse(e.errorDescription!.contains("\n")) }
    }

    func testPlainPromptSplitsBeforeHeadersAndKeepsThePreamble() throws {
        let text = """
            Answer the questions.

            Question: 2+2?
            Let's think step by step
            The answer is 4

            Question: 3+3?

            It is 6.

            Q: 5+5?
            A: 10
            """ + "\n"
        let doc = try FewShotDocument.parse(text)
        XCTAssertEqual(doc.format, .plain)
        XCTAssertEqual(doc.prefix, "Answer the questions.")
        XCTAssertEqual(doc.examples.map(\.input), ["2+2?", "3+3?", "5+5?"])
        XCTAssertEqual(doc.examples.map(\.output), ["Let's think step by step\nThe answer is 4", "It is 6.", "A: 10"])
        XCTAssertEqual(doc.render(keeping: [0, 1, 2]), text)
        XCTAssertEqual(doc.render(keeping: [2]), "Answer the questions.\n\nQ: 5+5?\nA: 10\n")
        XCTAssertEqual(doc.render(keeping: [1, 2]), "Answer the questions.\n\nQuestion: 3+3?\n\nIt is 6.\n\nQ: 5+5?\nA: 10\n")
    }

    func testCustomSplitPattern() throws {
        let doc = try FewShotDocument.parse("one -> 1\n---\ntwo -> 2\n---\nthree -> 3", splitPattern: #"\n---\n"#)
        XCTAssertEqual(doc.examples.map(\.source), ["one -> 1", "two -> 2", "three -> 3"])
        XCTAssertEqual(doc.render(keeping: [0, 2]), "one -> 1\n---\nthree -> 3")
        XCTAssertEqual(doc.render(keeping: [2, 1]), "two -> 2\n---\nthree -> 3")
        let single = try FewShotDocument.parse("just one", splitPattern: "@@")
        XCTAssertEqual(single.warnings, [.singleBlock])
    }

    func testFormatGuess() {
        XCTAssertEqual(FewShotDocument.guessFormat("  [ {"), .json)
        XCTAssertEqual(FewShotDocument.guessFormat("\n{\"input\""), .jsonl)
        XCTAssertEqual(FewShotDocument.guessFormat("Question: x"), .plain)
    }

    func testJSONParserHandlesEscapesAndUnicode() throws {
        let value = try FewShotJSONParser.parse(#"{"a": "\u00e9\ud83d\ude00\n\"", "b": [-0.5e3, null, false]}"#)
        XCTAssertEqual(value["a"], .string("é😀\n\""))
        XCTAssertEqual(value.serialized, #"{"a": "é😀\n\"", "b": [-0.5e3, null, false]}"#)
        XCTAssertThrowsError(try FewShotJSONParser.parse("[01]"))
        XCTAssertThrowsError(try FewShotJSONParser.parse(#""\ud800""#))
    }
}
