import Foundation
import PromptCompression
import XCTest

/// Compression with the real model: protection rules, ratio bounds, determinism, JSON, concurrency.
final class CompressionModelTests: XCTestCase {
    private func check(_ r: CompressionResult, ratio: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(abs(r.ratio - ratio), 0.02 + 1e-9,
                                 "ratio \(r.ratio) for \(ratio) (\(r.compressedTokens)/\(r.originalTokens))", file: file, line: line)
    }

    func testPlaceholdersSurvive() throws {
        guard let c = TestModel.require() else { return }
        let prompt = "Hello {{ customer_name }}, thank you for your order {order_id} placed with ${store}. " + TestTexts.paragraph
            + " Reply to {{$agent}} with {% if vip %}priority{% endif %} care."
        let r = try c.compress(prompt, ratio: 0.4)
        for p in ["{{ customer_name }}", "{order_id}", "${store}", "{{$agent}}", "{% if vip %}", "{% endif %}"] {
            XCTAssertTrue(r.text.contains(p), "\(p) lost: \(r.text)")
        }
        check(r, ratio: 0.4)
    }

    func testKeepAndLLMLinguaSpansSurviveWithoutMarkers() throws {
        guard let c = TestModel.require() else { return }
        let prompt = TestTexts.paragraph + " <keep>Never refund gift cards, under any circumstances.</keep> "
            + TestTexts.paragraph + " <llmlingua, compress=False>Answer in French only.</llmlingua>"
        let r = try c.compress(prompt, ratio: 0.5)
        XCTAssertTrue(r.text.contains("Never refund gift cards, under any circumstances."), r.text)
        XCTAssertTrue(r.text.contains("Answer in French only."), r.text)
        XCTAssertFalse(r.text.contains("<keep>") || r.text.contains("</keep>") || r.text.contains("llmlingua"), r.text)
        check(r, ratio: 0.5)
    }

    func testKeepDigitsAndForceWords() throws {
        guard let c = TestModel.require() else { return }
        let r = try c.compress(TestTexts.paragraph, ratio: 0.5,
                               options: CompressionOptions(keepDigits: true, forceWords: ["cottage", "regional park"]))
        for w in ["1862", "214", "1979", "cottage", "regional park"] { XCTAssertTrue(r.text.contains(w), "\(w) lost: \(r.text)") }
        check(r, ratio: 0.5)
    }

    func testWordsAreNeverCut() throws {
        guard let c = TestModel.require() else { return }
        let r = try c.compress(TestTexts.paragraph, ratio: 0.33)
        let original = Set(TestTexts.paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for w in r.text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            XCTAssertTrue(original.contains(String(w)), "\(w) is not a word of the input")
        }
        // Kept ranges are ascending and spell the output.
        let bytes = Array(TestTexts.paragraph.utf8)
        XCTAssertEqual(r.kept.flatMap { bytes[$0] }, Array(r.text.utf8))
        for (a, b) in zip(r.kept, r.kept.dropFirst()) { XCTAssertLessThan(a.upperBound, b.lowerBound) }
    }

    func testCodeBlocksKeptOrDroppedWholeAndStructureSurvives() throws {
        guard let c = TestModel.require() else { return }
        let code = "```python\ndef total(items):\n    return sum(i.price for i in items)\n```"
        let prompt = "# Checkout rules\n\n" + TestTexts.paragraph + "\n\n## Steps\n\n- Validate the basket contents carefully before payment.\n"
            + "- Apply the discount codes that are still valid today.\n- Charge the card and send the receipt by e-mail.\n\n"
            + code + "\n\n" + TestTexts.paragraph
        for ratio in [0.3, 0.6] {
            let r = try c.compress(prompt, ratio: ratio)
            let hasFence = r.text.contains("```")
            XCTAssertTrue(!hasFence || r.text.contains(code), "code block cut at \(ratio): \(r.text)")
            for line in r.text.split(separator: "\n") where line.hasPrefix("-") {
                XCTAssertTrue(line.hasPrefix("- "), "list line damaged: \(line)")
            }
            XCTAssertFalse(r.text.contains("\n-  "), r.text)
            for line in r.text.split(separator: "\n") where line.contains("#") { XCTAssertTrue(line.hasPrefix("#"), "heading moved: \(line)") }
            check(r, ratio: ratio)
        }
    }

    func testJSONStaysValidAndKeysSurvive() throws {
        guard let c = TestModel.require() else { return }
        let object: [String: Any] = [
            "title": "Lighthouse notes", "id": "lh-42",
            "body": TestTexts.paragraph, "tags": ["history", "coast"],
            "sections": [["heading": "Visiting", "text": "The tower opens every weekend from April to October, weather permitting, and guided tours start at ten."]],
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        let json = String(decoding: data, as: UTF8.self)
        let r = try c.compress(json, ratio: 0.6)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [String: Any], r.text)
        XCTAssertEqual(Set(parsed.keys), Set(object.keys))
        XCTAssertEqual(parsed["id"] as? String, "lh-42")
        XCTAssertLessThan((parsed["body"] as? String ?? "").count, TestTexts.paragraph.count)
        check(r, ratio: 0.6)
    }

    func testMessagesRequestStaysValid() throws {
        guard let c = TestModel.require() else { return }
        let request = """
            {"model": "gpt-4o", "messages": [
              {"role": "system", "content": "You are a careful assistant for the regional park authority. Answer questions about the lighthouse using only the notes."},
              {"role": "user", "content": "Notes:\\n\(TestTexts.paragraph)\\n\\nWhen was the light automated?"},
              {"role": "assistant", "content": "Let me check the notes for you right away."}
            ]}
            """
        let r = try c.compressMessages(request, ratio: 0.5, options: .init(compressLastUser: true))
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [String: Any], r.text)
        let messages = try XCTUnwrap(parsed["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.count, 3)
        XCTAssertEqual(messages[2]["content"] as? String, "Let me check the notes for you right away.")
        XCTAssertEqual(parsed["model"] as? String, "gpt-4o")
        check(r, ratio: 0.5)
        XCTAssertThrowsError(try c.compressMessages("{not json", ratio: 0.5))
    }

    func testRatioOnShortMediumAndLongInputs() throws {
        guard let c = TestModel.require() else { return }
        let short = "Please summarise the attached report in three bullet points for the board."  // ~15-20 tokens
        let shortTwice = short + " " + short
        let medium = TestTexts.prose(words: 400)
        let long = TestTexts.prose(words: 2200)
        for (text, ratios) in [(shortTwice, [0.5]), (medium, [0.5, 0.2]), (long, [0.33])] {
            for ratio in ratios {
                let options = CompressionOptions(windowTokens: 1024)
                let r = try c.compress(text, ratio: ratio, options: options)
                XCTAssertGreaterThanOrEqual(r.originalTokens, 20)
                check(r, ratio: ratio)
                XCTAssertEqual(c.countTokens(r.text), r.compressedTokens)
            }
        }
        let t = try c.compress(medium, targetTokens: 100)
        XCTAssertLessThanOrEqual(abs(t.compressedTokens - 100), max(1, t.originalTokens / 50))
    }

    func testRatioHoldsAtTwentyThousandTokens() throws {
        guard let c = TestModel.require() else { return }
        let text = TestTexts.prose(words: 15_500)
        let r = try c.compress(text, ratio: 0.33)
        XCTAssertGreaterThan(r.originalTokens, 18_000)
        XCTAssertLessThan(r.originalTokens, 22_000)
        check(r, ratio: 0.33)
    }

    func testProtectedContentOverBudgetIsReported() throws {
        guard let c = TestModel.require() else { return }
        let prompt = "<keep>" + TestTexts.paragraph + "</keep> and a few more words here."
        let r = try c.compress(prompt, ratio: 0.3)
        XCTAssertTrue(r.protectedExceedsBudget)
        XCTAssertTrue(r.text.contains(TestTexts.paragraph))
    }

    func testQuestionAwareKeepsTheAnswer() throws {
        guard let c = TestModel.require() else { return }
        let r = try c.compress(TestTexts.paragraph, ratio: 0.33,
                               options: CompressionOptions(question: "How many steps does the spiral staircase have?"))
        XCTAssertTrue(r.text.contains("214"), r.text)
        check(r, ratio: 0.33)
    }

    func testWithoutAQuestionNumbersAndNamesGoLastAndPhrasesStayWhole() throws {
        guard let c = TestModel.require() else { return }
        let r = try c.compress(TestTexts.paragraph, ratio: 0.5)
        for w in ["1862", "214", "1979", "Marguerite Aubry", "Pointe Sombre", "Henry-Lepaute"] {
            XCTAssertTrue(r.text.contains(w), "\(w) lost: \(r.text)")
        }
        // Articles open the noun phrase after them ("the engineer", `PhraseTests.testArticlesOpenTheirNounPhrase`)
        // and "of" between two content words joins them ("staircase of 214 steps",
        // `PhraseTests.testPossessivesAndOfJoinNounPhrases`), so they go with their phrase; the other function
        // words go first.
        for w in [" by ", " which "] { XCTAssertFalse(r.text.contains(w), "\(w) kept: \(r.text)") }
        check(r, ratio: 0.5)
        // A transcript: labels kept with their line, fillers dropped first.
        let talk = (0..<12).map { i in
            i % 2 == 0 ? "Project Manager: Yeah . Okay . So the prototype budget is \(20 + i) Euros , um , per unit ."
                : "Marketing: Uh , mm-hmm . The survey in Lyon found that \(40 + i) percent of people want speech control ."
        }.joined(separator: "\n")
        let t = try c.compress(talk, ratio: 0.5)
        let lines = t.text.split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("Project Manager:") || $0.hasPrefix("Marketing:") }, t.text)
        for filler in ["Yeah", "Okay", " um ", "Uh", "mm-hmm"] { XCTAssertFalse(t.text.contains(filler), "\(filler): \(t.text)") }
        for i in 0..<12 { XCTAssertTrue(t.text.contains(String(i % 2 == 0 ? 20 + i : 40 + i)), "number \(i): \(t.text)") }
        check(t, ratio: 0.5)
    }

    func testDeterministicAndConcurrent() async throws {
        guard let c = TestModel.require() else { return }
        let a = try c.compress(TestTexts.paragraph, ratio: 0.5)
        let b = try c.compress(TestTexts.paragraph, ratio: 0.5)
        XCTAssertEqual(a, b)
        async let x = Task.detached { try c.compress(TestTexts.paragraph, ratio: 0.5) }.value
        async let y = Task.detached { try c.compress(TestTexts.paragraph, ratio: 0.5) }.value
        let (rx, ry) = try await (x, y)
        XCTAssertEqual(Array(rx.text.utf8), Array(a.text.utf8))
        XCTAssertEqual(Array(ry.text.utf8), Array(a.text.utf8))
    }

    func testBadInput() throws {
        guard let c = TestModel.require() else { return }
        XCTAssertThrowsError(try c.compress("text", ratio: 0)) { XCTAssertEqual($0 as? CompressionError, .invalidRatio(0)) }
        XCTAssertThrowsError(try c.compress("text", ratio: 1.5))
        XCTAssertThrowsError(try c.compress("   \n", ratio: 0.5)) { XCTAssertEqual($0 as? CompressionError, .emptyInput) }
        XCTAssertEqual(try c.compress(TestTexts.paragraph, ratio: 1).text, TestTexts.paragraph)
    }
}
