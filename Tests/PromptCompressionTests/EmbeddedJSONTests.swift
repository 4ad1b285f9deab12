import Foundation
import XCTest

@testable import PromptCompression

/// JSON written inside text (issue 18, item 3): found as one block, kept or dropped whole, never cut word by word.
final class EmbeddedJSONTests: XCTestCase {
    private func blocks(_ s: String) -> [String] {
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        return t.pieces.filter { $0.kind == .code }.map {
            String(decoding: t.bytes[($0.range.lowerBound + $0.leadingSpace)..<$0.range.upperBound], as: UTF8.self)
        }
    }

    func testObjectsAndArraysInProseAreBlocks() {
        let s = """
            The weather tool returned {"city": "Lyon", "temp": 21.5, "tags": ["dry", "windy"]} for today, and the \
            list was ["alpha", {"b": null}] (see [1]).
            Config:
            {
              "retries": 3,
              "name": "nightly"
            }
            Then we stopped.
            """
        XCTAssertEqual(blocks(s), [
            #"{"city": "Lyon", "temp": 21.5, "tags": ["dry", "windy"]}"#,
            #"["alpha", {"b": null}]"#,
            "{\n  \"retries\": 3,\n  \"name\": \"nightly\"\n}",
        ])
        // The pieces still partition the input.
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        var cursor = 0
        for p in t.pieces {
            XCTAssertEqual(p.range.lowerBound, cursor)
            cursor = p.range.upperBound
        }
        XCTAssertEqual(cursor, s.utf8.count)
    }

    func testWhatIsNotJSONStaysWords() {
        XCTAssertEqual(blocks("See [1] and [2, 3], a set {x}, a {{ name }} and {'a': 1}."), [])
        XCTAssertEqual(blocks(#"Broken {"a": 1, "b" here and {"c": [1, 2} there."#), [])
    }

    func testNestingBeyondThePolicyAndManyBracketsStayLinear() {
        let deep = String(repeating: "[", count: 100_000) + "\"x\"" + String(repeating: "]", count: 100_000)
        XCTAssertEqual(blocks("Look: " + deep + " end"), [])
        let many = Array(repeating: #"["a"]"#, count: 20_000).joined(separator: " ")
        XCTAssertEqual(blocks(many).count, 20_000)
    }

    func testJSONInsideAMessageStringIsReadThroughItsEscapes() throws {
        let request = #"{"messages": [{"role": "user", "content": "The tool said {\"temp\": 21, \"unit\": \"C\"} so please summarise it for the team today."}]}"#
        let text = try PromptCompressor.segment(request, options: .init(format: .json))
        let code = text.pieces.filter { $0.kind == .code }.map { String(decoding: text.bytes[$0.range], as: UTF8.self) }
        XCTAssertEqual(code, [#" {\"temp\": 21, \"unit\": \"C\"}"#])
    }

    func testCompressionKeepsOrDropsEachSpanWhole() throws {
        guard let compressor = TestModel.require() else { return }
        let spans = [
            #"{"order_id": "A-1093", "status": "shipped", "items": [{"sku": "X1", "qty": 2}]}"#,
            #"["red", "green", "blue"]"#,
            "{\n  \"region\": \"eu-west-1\",\n  \"replicas\": 4\n}",
        ]
        let prompt = TestTexts.prose(words: 60) + " The lookup returned " + spans[0] + " after a long wait, and the "
            + "palette was " + spans[1] + " as agreed.\n\nDeployment settings follow.\n" + spans[2] + "\n"
            + TestTexts.prose(words: 60) + "\n"
        for ratio in [0.2, 0.5, 0.8] {
            let result = try compressor.compress(prompt, ratio: ratio)
            let bytes = Array(prompt.utf8)
            for span in spans {
                let found = try XCTUnwrap(prompt.range(of: span))
                let lower = prompt.utf8.distance(from: prompt.startIndex, to: found.lowerBound)
                let range = lower..<(lower + span.utf8.count)
                XCTAssertEqual(Array(bytes[range]), Array(span.utf8))
                let covered = result.kept.reduce(0) { $0 + $1.clamped(to: range).count }
                XCTAssertTrue(covered == 0 || covered == range.count, "ratio \(ratio): \(span) cut (\(covered) bytes kept)")
                if covered > 0 {
                    XCTAssertTrue(result.text.contains(span))
                    XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(span.utf8)))
                }
            }
        }
    }
}
