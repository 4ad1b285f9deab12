import XCTest

@testable import PromptLint

/// A renderer module whose function loads one template named in full and fills it with its own parameter by
/// keyword (`get_template("answer.j2").render(facts=facts)`), called by a use case that passes retrieved text
/// and hands the result to the project's model facade as `system_prompt=` with `messages=[*history, turn]`:
/// the retrieved text is in the template's system prompt before the stored conversation, so the template's
/// `{{ facts }}` is reported (holdout27: a clean-architecture chatbot whose port is `generate(system_prompt,
/// messages)`). A constant passed for the value, or a facade call without a conversation, reports nothing.
/// Own text.
final class FixedTemplateFacadeTests: XCTestCase {
    private let template = "You answer questions about the shop using only these facts.\n\nFacts:\n{{ facts }}\n"

    private let renderer = """
        from pathlib import Path
        from jinja2 import Environment, FileSystemLoader

        def render_answer_prompt(folder: Path, facts: str) -> str:
            env = Environment(loader=FileSystemLoader(str(folder)))
            return env.get_template("answer.j2").render(facts=facts)

        """

    private func useCase(facts: String, messages: String) -> String {
        """
        from app.renderer import render_answer_prompt
        from app.model import Message

        def answer(question, store, llm, folder, chats, chat_id):
            found = store.search(question, top_k=3)
            facts = \(facts)
            system_prompt = render_answer_prompt(folder, facts=facts)
            history = chats.get_history(chat_id)
            turn = Message(role="user", content=question)
            return llm.generate(system_prompt=system_prompt, messages=\(messages))

        """
    }

    private func findings(facts: String, messages: String) throws -> [String] {
        try SourceTest.folderFindings([
            "prompts/answer.j2": template,
            "app/renderer.py": renderer,
            "app/model.py": "from dataclasses import dataclass\n\n@dataclass\nclass Message:\n    role: str\n    content: str\n",
            "app/answer.py": "import anthropic\n" + useCase(facts: facts, messages: messages),
        ]).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line) \($0.severity)" }
    }

    func testRetrievedTextBeforeTheFacadesConversationIsReportedOnTheTemplate() throws {
        XCTAssertEqual(try findings(facts: "\"\\n\".join(c.text for c in found)", messages: "[*history, turn]"),
                       ["prompts/answer.j2@4 warning"])
    }

    func testAConstantOrNoConversationReportsNothing() throws {
        XCTAssertEqual(try findings(facts: "\"Open daily.\"", messages: "[*history, turn]"), [])
        XCTAssertEqual(try findings(facts: "\"\\n\".join(c.text for c in found)", messages: "[turn]"), [])
    }
}
