import Foundation
@testable import PromptCompression
import XCTest

/// Chat requests: the last user message (the user's question) is kept verbatim and is the question for the rest,
/// unless `compressLastUser` asks for the old behaviour.
final class LastUserMessageTests: XCTestCase {
    /// The README's Python client example (the bicycle shop), as the JSON the client sends.
    static let question = "I bought a helmet 12 days ago and wore it once. Can I still return it?"
    static let request = """
        {"model": "gpt-4.1-mini", "messages": [{"role": "system", "content": "You answer questions about the returns \
        policy of a bicycle shop. Items can be returned within 30 days with the receipt, unused and in their original \
        packaging. Helmets and saddles cannot be returned once worn, for hygiene reasons. Refunds go back to the \
        original payment method within five working days; store credit is issued at once. Custom-built wheels are \
        made to order and are never refundable, but they carry a two-year warranty against manufacturing defects."}, \
        {"role": "user", "content": "\(question)"}]}
        """

    private func messages(_ json: String) throws -> [[String: Any]] {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
        return try XCTUnwrap(object["messages"] as? [[String: Any]], json)
    }

    func testReadmeExampleKeepsTheQuestionByteForByte() throws {
        guard let c = TestModel.require() else { return }
        let r = try c.compressMessages(Self.request, ratio: 0.5)
        XCTAssertTrue(r.text.contains("{\"role\": \"user\", \"content\": \"\(Self.question)\"}"), r.text)
        let out = try messages(r.text)
        XCTAssertEqual(out[1]["content"] as? String, Self.question)
        let system = try XCTUnwrap(out[0]["content"] as? String)
        XCTAssertLessThan(system.count, (try messages(Self.request)[0]["content"] as? String ?? "").count)
        XCTAssertLessThanOrEqual(abs(r.ratio - 0.5), 0.02 + 1e-9, "the ratio is of the compressed messages only")
        // The kept message is the question: the same as giving it explicitly.
        let explicit = try c.compressMessages(Self.request, ratio: 0.5, options: .init(question: Self.question))
        XCTAssertEqual(r, explicit)
    }

    func testCompressLastUserGivesTheOldBehaviour() throws {
        guard let c = TestModel.require() else { return }
        let r = try c.compressMessages(Self.request, ratio: 0.5, options: .init(compressLastUser: true))
        let user = try XCTUnwrap(try messages(r.text)[1]["content"] as? String, r.text)
        XCTAssertLessThan(user.count, Self.question.count, "the last user message is compressed too: \(r.text)")
        let kept = try c.compressMessages(Self.request, ratio: 0.5)
        XCTAssertGreaterThan(r.originalTokens, kept.originalTokens, "its tokens count in the ratio")
    }

    /// Without the model: which message is kept and what the question is.
    func testSelectionKeepsTheLastUserMessageOfEitherProvider() throws {
        let anthropic = """
            {"system": "Be brief.", "messages": [{"role": "user", "content": "First question?"},
             {"role": "assistant", "content": "An answer."},
             {"role": "user", "content": [{"type": "text", "text": "Context here."}, {"type": "text", "text": "Second question?"}]},
             {"role": "assistant", "content": "Prefill"}]}
            """
        let bytes = Array(anthropic.utf8)
        let values = try JSONStringScanner.scan(bytes)
        let selection = try MessagesSelection.selection(bytes, roles: ["user", "system"], compressLastUser: false)
        XCTAssertEqual(selection.keptQuestion, "Context here.\nSecond question?")
        let chosen = values.filter(selection.select).map { String(decoding: bytes[$0.content], as: UTF8.self) }
        XCTAssertEqual(chosen, ["Be brief.", "First question?"])
        let all = try MessagesSelection.selection(bytes, roles: ["user", "system"], compressLastUser: true)
        XCTAssertNil(all.keptQuestion)
        XCTAssertEqual(values.filter(all.select).count, 4)
    }

    func testALongLastMessageGivesItsEndAsTheQuestion() {
        let long = String(repeating: "é context ", count: 1000) + "What is the answer?"
        let question = MessagesSelection.questionSized(long)
        XCTAssertLessThanOrEqual(question?.utf8.count ?? .max, CompressionOptions.maxQuestionBytes)
        XCTAssertTrue(question?.hasSuffix("What is the answer?") == true)
        XCTAssertNil(MessagesSelection.questionSized("  \n "))
    }
}
