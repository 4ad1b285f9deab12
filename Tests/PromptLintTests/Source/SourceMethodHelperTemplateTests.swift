import XCTest

@testable import PromptLint

/// A template file rendered through a method of a prompt manager object: `utils/prompts.py` defines a class
/// whose `render(self, template_name, **kwargs)` loads `prompts/<template_name>` from a Jinja environment and
/// renders it with the keyword arguments, and makes one instance at import; the chat handler imports that
/// instance and calls `prompt_manager.render("answer.jinja2", context=…)`. The call names the file and the
/// values that fill its variables, as a plain helper function's call does.
final class SourceMethodHelperTemplateTests: XCTestCase {
    private let manager = """
        import os
        from jinja2 import Environment, FileSystemLoader


        class PromptManager:
            def __init__(self):
                folder = os.path.join(os.path.dirname(os.path.dirname(__file__)), "prompts")
                self.env = Environment(loader=FileSystemLoader(folder))

            def render(self, template_name: str, **kwargs) -> str:
                template = self.env.get_template(template_name)
                return template.render(**kwargs)


        prompt_manager = PromptManager()
        """

    /// The handler: renders `answer.jinja2` with `value` for `variable` and sends it as the system message,
    /// followed by the stored conversation when `history` is true (else by the question alone).
    private func handler(variable: String, value: String, history: Bool) -> String {
        let messages = history
            ? "[{\"role\": \"system\", \"content\": system}] + history"
            : "[{\"role\": \"system\", \"content\": system}, {\"role\": \"user\", \"content\": question}]"
        return """
            from datetime import datetime

            from openai import OpenAI

            from app.settings import settings
            from utils.prompts import prompt_manager
            from utils.store import knowledge

            client = OpenAI()


            def answer(question: str, history: list) -> str:
                chunks = knowledge.search(question)
                system = prompt_manager.render("answer.jinja2", \(variable)=\(value))
                messages = \(messages)
                return client.chat.completions.create(model="gpt-4o", messages=messages)
            """
    }

    private func folder(template: String, variable: String, value: String, history: Bool = true) -> [String: String] {
        [
            "utils/__init__.py": "",
            "utils/prompts.py": manager,
            "prompts/answer.jinja2": template,
            "app/chat.py": handler(variable: variable, value: value, history: history),
        ]
    }

    private func lines(_ files: [String: String]) throws -> [Int] {
        try SourceTest.folderFindings(files).filter { $0.path == "prompts/answer.jinja2" && $0.ruleID == "PL001" }.map(\.line)
    }

    /// The time of the request fills a slot above the long instructions.
    private let clockFirst = "Local time: {{ now }}\n\n" + SourceTest.longRules

    func testAClockPassedThroughAManagerMethodBreaksTheTemplatesPrefix() throws {
        XCTAssertEqual(try lines(folder(template: clockFirst, variable: "now", value: "datetime.now().strftime(\"%H:%M\")")), [1])
    }

    func testASettingsValuePassedThroughTheSameMethodIsNotCalledPerRequest() throws {
        // Near miss: the slot holds the deployment's company name, the same for every request. The call site's
        // constant does not yet resolve the slot (it stays an `info` of unknown provenance, as an unlinked
        // template's slot does), but nothing is traced to the request and nothing fails CI.
        let companyFirst = "Company: {{ company }}\n\n" + SourceTest.longRules
        let found = try SourceTest.folderFindings(folder(template: companyFirst, variable: "company", value: "settings.company_name"))
            .filter { $0.path == "prompts/answer.jinja2" && $0.ruleID == "PL001" }
        XCTAssertTrue(found.allSatisfy { $0.severity == .info && !$0.message.contains("per-request") }, "\(found.map(\.message))")
    }

    /// Retrieved chunks fill the last slot, after all the instructions.
    private let contextLast = SourceTest.longRules + "\n{% if context %}\nContext:\n{{ context }}\n{% endif %}\n"

    func testRetrievedContextAtTheEndIsFlaggedWhenTheConversationFollows() throws {
        let value = "\"\\n\".join(chunk[\"text\"] for chunk in chunks)"
        XCTAssertEqual(try lines(folder(template: contextLast, variable: "context", value: value)), [24])
        // Near miss: the same system message followed by the question alone; nothing cached comes after the slot.
        XCTAssertEqual(try lines(folder(template: contextLast, variable: "context", value: value, history: false)), [])
    }
}
