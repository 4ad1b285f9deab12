import Foundation
import PromptCompression
import XCTest

/// Blocks (JSON written in text, fenced code) are what a prompt is about: kept whole while the budget can hold
/// them, beside part of the instructions, and reported when one is dropped (issue 17). Real model.
final class BlockCompressionTests: XCTestCase {
    static let record = #"{"order": "A-1042", "customer": "Ines Duarte", "total": 84.5, "status": "shipped"}"#

    static let jsonPrompt = "Read the order record below and write a short, polite status e-mail to the customer. "
        + "Mention the order number and the total, and say when the parcel should arrive.\n\nRecord: " + record
        + "\n\n" + TestTexts.prose(words: 90)

    static let code = "```python\ndef total(items, discount):\n    subtotal = sum(i.price for i in items)\n"
        + "    return subtotal - discount\n```"

    static let codePrompt = "Review the function below. Explain why the total can become negative when a discount "
        + "is larger than the basket, and propose a fix.\n\n" + code + "\n\n" + TestTexts.prose(words: 90)

    private func assertKeepsBlock(_ block: String, in prompt: String, instructionWords: [String]) throws {
        guard let c = TestModel.require() else { return }
        for ratio in [0.5, 0.33] {
            for question in [nil, "What should the reply say?"] {
                let r = try c.compress(prompt, ratio: ratio, options: CompressionOptions(question: question))
                let label = "ratio \(ratio), question \(question ?? "none"): \(r.text)"
                XCTAssertTrue(r.text.contains(block), "block not kept whole, " + label)
                XCTAssertEqual(r.droppedBlocks, 0, label)
                XCTAssertTrue(instructionWords.contains { r.text.contains($0) }, "instructions dropped, " + label)
                XCTAssertLessThanOrEqual(abs(r.ratio - ratio), 0.02 + 1e-9, label)
            }
        }
    }

    func testJSONRecordKeptWholeBesideTheInstruction() throws {
        try assertKeepsBlock(Self.record, in: Self.jsonPrompt, instructionWords: ["e-mail", "status", "customer", "order number"])
        guard let c = TestModel.require() else { return }
        let r = try c.compress(Self.jsonPrompt, ratio: 0.5)
        XCTAssertTrue(r.json.contains("\"dropped_blocks\": 0"), r.json)
    }

    func testCodeKeptWholeBesideTheInstruction() throws {
        try assertKeepsBlock(Self.code, in: Self.codePrompt, instructionWords: ["negative", "discount", "fix", "Explain"])
    }

    func testABlockTheBudgetCannotHoldIsReported() throws {
        guard let c = TestModel.require() else { return }
        let big = "```text\n" + TestTexts.prose(words: 200) + "\n```"
        let r = try c.compress("Summarise the log below in one line.\n\n" + big, ratio: 0.33)
        XCTAssertFalse(r.text.contains("```"), r.text)
        XCTAssertEqual(r.droppedBlocks, 1, r.text)
        XCTAssertTrue(r.json.contains("\"dropped_blocks\": 1"), r.json)
    }
}
