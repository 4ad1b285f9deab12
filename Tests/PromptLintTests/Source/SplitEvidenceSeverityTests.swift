import XCTest

@testable import PromptLint

/// A finding is a warning only when one value in it is both shown to change (evidence, not its name) and worth
/// a warning on its own (a long static tail after it). A value judged from its name alone before the long rules,
/// with a random pick later that has only a short tail after it, is a note: the evidence and the cost belong to
/// different values. The near miss: the same random pick before the long rules is a warning.
final class SplitEvidenceSeverityTests: XCTestCase {
    /// A prompt with `{user_name}` (per-user by its name) first, then `first`, then the long rules, a random tip
    /// `{tip}`, then `last`.
    private func bot(first: String, last: String) -> String {
        """
        import random
        from openai import OpenAI

        client = OpenAI()
        TIPS = ["Drink water.", "Stretch.", "Sleep early."]


        def reply(user_name, question):
            tip = random.choice(TIPS)
            system = f\"\"\"Hello {user_name}. \(first)
        \(SourceTest.longRules)
        Tip of the moment: {tip}
        \(last)\"\"\"
            return client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
        """
    }

    /// `line severity` of each PL001 finding of `text` under the default profile.
    private func defaultFindings(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["bot.py": text]).filter { $0.ruleID == "PL001" }.map { "\($0.line) \($0.severity)" }
    }

    func testANameBeforeTheLongTailAndARandomValueBeforeAShortOneIsANote() throws {
        XCTAssertEqual(try defaultFindings(bot(first: "", last: SourceTest.notedPolicy)), ["10 info"])
    }

    func testARandomValueBeforeTheLongTailIsAWarning() throws {
        XCTAssertEqual(try defaultFindings(bot(first: "Tip: {tip}", last: "")), ["10 warning"])
    }
}
