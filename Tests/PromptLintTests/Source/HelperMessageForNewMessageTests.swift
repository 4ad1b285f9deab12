import XCTest

@testable import PromptLint

/// A helper of the same class that is given the request's new message and returns one message object
/// (`return { role: "system", content: … }`), pushed before the stored conversation: what it writes was picked for
/// this message, so the conversation after it is never read from the cache (holdout27: a WhatsApp service pushed
/// the products matched against the customer's message before the last stored turns). The same helper placed
/// after the conversation, given only constants, or returning a message it kept from an earlier request stays
/// quiet. Own text.
final class HelperMessageForNewMessageTests: XCTestCase {
    /// A service that sends `order` (pushes, one a line) with the helper called as `call`, whose body opens with `guardLine`.
    private func service(_ order: String, call: String = "this.buildNotes(text)", guardLine: String = "") -> String {
        """
        import OpenAI from "openai";
        const client = new OpenAI();

        export class ShopChat {
          private kept: { role: string; content: string } | null = null;

          async reply(text: string, history: { role: string; content: string }[]): Promise<string> {
            const notes = await \(call);
            const messages: any[] = [{ role: "system", content: "You are a shop assistant. Answer briefly and politely, in the customer's language." }];
        \(order)
            const r = await client.chat.completions.create({ model: "gpt-4o", messages });
            return r.choices[0].message.content ?? "";
          }

          private async buildNotes(query: string): Promise<{ role: string; content: string } | null> {
            \(guardLine)
            const found = await lookUp(query);
            if (found.length === 0) return null;
            return { role: "system", content: `Notes:\\n${found.join("\\n")}` };
          }
        }
        """
    }

    /// The PL001 lines of `promptlint check .` on a folder holding `text` as `chat.ts` (the default profile, where a
    /// value nothing traces stays quiet).
    private func reported(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["chat.ts": text]).filter { $0.ruleID == "PL001" }.map { "PL001@\($0.line)" }
    }

    private let before = """
            if (notes) messages.push(notes);
            messages.push(...history);
            messages.push({ role: "user", content: text });
        """

    func testTheHelpersMessageBeforeTheConversationIsReported() throws {
        XCTAssertEqual(try reported(service(before)), ["PL001@21"])
    }

    func testTheHelpersMessageAfterTheConversationStaysSilent() throws {
        let order = """
                messages.push(...history);
                if (notes) messages.push(notes);
                messages.push({ role: "user", content: text });
            """
        XCTAssertEqual(try reported(service(order)), [])
    }

    func testAHelperGivenOnlyAConstantStaysSilent() throws {
        let text = service(before, call: "this.buildNotes(\"opening hours\")")
        XCTAssertEqual(try reported(text), [])
    }

    func testAHelperReturningAKeptMessageStaysSilent() throws {
        let text = service(before, guardLine: "if (this.kept) return this.kept;")
        XCTAssertEqual(try reported(text), [])
    }
}
