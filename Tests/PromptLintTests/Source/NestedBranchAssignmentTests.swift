import XCTest

@testable import PromptLint

/// A message list chosen by an if statement whose last branch keeps the plain list: the path that prepends a
/// per-request value may be an earlier branch nested in another (`if search_on: if found: prepared = [...]`)
/// or the first of an `if`/`elif`/`else`, and it is the one read. A branch that prepends only fixed text
/// breaks nothing.
final class NestedBranchAssignmentTests: XCTestCase {
    /// A handler that prepends `note` as a system message in a branch nested in the outer `if`, with plain
    /// `else` branches after it, and sends the list with the stored turns.
    private func nested(_ note: String) -> String {
        """
        from openai import OpenAI

        client = OpenAI()


        def reply(history, question, search_on):
            messages = [{"role": "system", "content": "You answer questions about the shop."}] + history
            prepared = messages
            if search_on:
                found = client.embeddings.create(model="e", input=question)
                if found:
                    prepared = [{"role": "system", "content": \(note)}] + messages
                else:
                    prepared = messages
            else:
                prepared = messages
            return client.chat.completions.create(model="gpt-4o", messages=prepared)
        """
    }

    func testARequestValuePrependedInANestedBranchBeforeTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(nested("\"Search results: \" + str(found)")), ["PL001@12"])
    }

    func testFixedTextPrependedInANestedBranchBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(nested("\"Use the search results.\"")), [])
    }

    func testARequestValueInTheFirstOfThreeBranches() throws {
        let text = """
            from datetime import datetime

            from openai import OpenAI

            client = OpenAI()


            def reply(history, mode):
                base = [{"role": "system", "content": "You answer questions about the shop."}] + history
                if mode == "clock":
                    prepared = [{"role": "system", "content": "Now: " + datetime.now().isoformat()}] + base
                elif mode == "short":
                    prepared = base[-4:]
                else:
                    prepared = base
                return client.chat.completions.create(model="gpt-4o", messages=prepared)
            """
        XCTAssertEqual(try SourceTest.findingLines(text), ["PL001@11"])
    }
}
