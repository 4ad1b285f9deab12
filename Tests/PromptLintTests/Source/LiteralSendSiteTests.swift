import XCTest

@testable import PromptLint

/// A prompt built in a variable and sent wrapped in a message literal (`systemInstruction: { role: "model", parts:
/// [{ text: instructions }] }`, then `startChat({ history })`) is one prefix break, as when the variable is sent
/// bare: the send site's finding is folded into the placeholder's (`Finding.isLiteralValue`,
/// `PromptLinter.isWholeValue`). Holdout28's therapy companion had a second finding at each such send site.
final class LiteralSendSiteTests: XCTestCase {
    /// The clock opens `instructions`, followed by `copies` copies of the policy; the prompt is sent as a Gemini
    /// system instruction literal before the stored conversation.
    private func literalSendSite(copies: Int) -> String {
        let rules = Array(repeating: SourceTest.policy, count: copies).joined(separator: " ")
        return """
            import { GoogleGenerativeAI } from "@google/generative-ai";

            const gemini = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);

            export async function reply(history: any[], message: string) {
              const now = new Date().toISOString();
              let instructions = `It is ${now}.
            \(rules)`;
              instructions += "\\nAnswer briefly.";
              const model = gemini.getGenerativeModel({
                model: "gemini-2.0-flash",
                systemInstruction: {
                  role: "model",
                  parts: [{ text: instructions }],
                },
              });
              const chat = model.startChat({ history });
              return chat.sendMessage(message);
            }

            """
    }

    private func prefixFindings(_ text: String) throws -> [Finding] {
        try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "chat.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" }
    }

    func testALiteralSendSiteIsFoldedIntoThePlaceholder() throws {
        let found = try prefixFindings(literalSendSite(copies: 16))
        XCTAssertEqual(found.map(\.line), [7], "\(found.map(\.message))")
        XCTAssertTrue(found.first?.message.contains("sent at line 12") == true, "\(found.map(\.message))")
    }

    /// Near miss: the placeholder's own tail is too short for a finding; the send site, where the conversation
    /// follows the clock, stays the one report.
    func testALiteralSendSiteWithoutAPlaceholderFindingStays() throws {
        let found = try prefixFindings(literalSendSite(copies: 1))
        XCTAssertEqual(found.map(\.line), [12], "\(found.map(\.message))")
    }

    /// A placeholder is not a literal value, whatever its braces: `${now}` and `{now}` are read inside text.
    func testPlaceholdersAreNotLiteralValues() {
        XCTAssertTrue(DynamicPrefixCheck.isLiteralCollection("{ role: \"model\" }"))
        XCTAssertFalse(DynamicPrefixCheck.isLiteralCollection("${now}"))
        XCTAssertFalse(DynamicPrefixCheck.isLiteralCollection("now"))
    }
}
