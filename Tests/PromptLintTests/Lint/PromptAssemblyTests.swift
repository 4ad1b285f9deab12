import Foundation
import XCTest

@testable import PromptLint

/// Prompts assembled from several pieces: Markdown personas importing sections (`@sections/x.md`), Jinja
/// environments whose variables are `${NAME}`, LangChain templates with the retrieved context before the
/// chat history, a per-day value before a short tail and the conversation, and prompt folders named by a
/// compound (`agent-personas`).
final class PromptAssemblyTests: XCTestCase {
    private func pl001(_ text: String, path: String, format: TemplateFormat? = nil, partials: [String: String] = [:])
        throws -> [Finding]
    {
        var linter = try LintTest.linter(LintTest.costConfiguration)
        linter.partials = InMemoryPartialSource(partials)
        return try linter.lint(text: text, path: path, format: format).findings.filter { $0.ruleID == "PL001" }
    }

    func testMarkdownSectionImportCountsAtItsLine() throws {
        let persona = "You are Ada, a coding agent.\n\n@sections/environment.md\n\n" + CostProfileTests.prose(700) + "\n"
        let environment = "## Environment\n- Date: {{{system.sessionDate}}}\n- Branch: {{{git.branch}}}\n"
        let found = try pl001(persona, path: "personas/ada.md", format: .mustache,
                              partials: ["sections/environment.md": environment])
        XCTAssertEqual(found.map(\.line), [3])
        XCTAssertTrue(found.first?.message.contains("sections/environment.md") == true, found.first?.message ?? "")
        // The same persona with a static section: nothing breaks the prefix.
        XCTAssertEqual(try pl001(persona, path: "personas/ada.md", format: .mustache,
                                 partials: ["sections/environment.md": "## Environment\nA Linux container.\n"]).map(\.line), [])
    }

    func testLinesThatNameNoReadableFileStayText() {
        let segments = LineIncludes.split("Ask @maria.\n@sections/gone.md\n  @sections/here.md  \n", at: .start) {
            $0 == "sections/here.md"
        }
        let includes = segments.compactMap { segment -> TemplateSlot? in
            if case .slot(let slot) = segment { return slot }
            return nil
        }
        XCTAssertEqual(includes.map(\.expression), ["@sections/here.md"])
        XCTAssertEqual(includes.map(\.position.line), [3])
        XCTAssertNil(LineIncludes.importedName("@maria"))
        XCTAssertNil(LineIncludes.importedName("@/etc/passwd.md"))
        XCTAssertEqual(LineIncludes.importedName(" @a/b-c_d.md "), "a/b-c_d.md")
    }

    func testJinjaWithDollarVariablesReadsThemAsSlots() throws {
        let text = "You are an assistant on ${OS_NAME}.\n{% if EXTRA %}Extra: ${EXTRA}{% endif %}\n"
            + "The current time is ${CURRENT_TIME}.\n" + CostProfileTests.prose(700) + "\n"
        let template = TemplateReading.read(path: "agents/system.md", text: text)
        XCTAssertEqual(template.format, .jinja)
        XCTAssertEqual(template.slots.filter { !$0.isConditional }.map(\.expression), ["OS_NAME", "EXTRA", "CURRENT_TIME"])
        XCTAssertEqual(try pl001(text, path: "agents/system.md").map(\.line), [3])
        // With `{{ }}` expressions, `${…}` is text (shell or JavaScript in an example).
        let mixed = "Hello {{ name }}. Run `echo ${HOME}`.\n"
        XCTAssertEqual(TemplateReading.read(path: "p.j2", text: mixed).slots.map(\.expression), ["name"])
    }

    func testRetrievedContextBeforeTheChatHistoryBreaksEvenWithAShortTail() throws {
        let answer = "Answer from the context below.\n<context>\n{context}\n</context>\n<chat_history>\n{chat_history}\n</chat_history>\nQuestion: {question}\n"
        let found = try pl001(answer, path: "prompts/answer.txt", format: .fstring)
        XCTAssertEqual(found.map(\.line), [3])
        XCTAssertTrue(found.first?.message.contains("chat_history") == true, found.first?.message ?? "")
        // The question before the history is the task of the turn: no break.
        let condense = "Rephrase the follow-up.\nFollow up: {question}\n<chat_history>\n{chat_history}\n</chat_history>\n"
        XCTAssertEqual(try pl001(condense, path: "prompts/condense.txt", format: .fstring).map(\.line), [])
    }

    func testTemplateLiteralOfALangChainTemplateHasFields() throws {
        let text = """
            import { PromptTemplate } from "@langchain/core/prompts";
            const ANSWER = `Use the context.
            <context>
            {context}
            </context>
            <chat_history>
            {chat_history}
            </chat_history>
            Question: {question}`;
            export const answerPrompt = PromptTemplate.fromTemplate(ANSWER);
            """
        XCTAssertEqual(try pl001(text, path: "app/route.ts").map(\.line), [4])
    }

    func testPerDayValueBeforeAShortTailIsNoFindingEvenWhenTheConversationFollows() throws {
        // The date keeps one prefix for the whole conversation of a day (no history arm), and ~100 static tokens
        // are far below the threshold: nothing to report, with or without the history after it.
        func request(history: Bool) -> String {
            """
            from datetime import datetime
            from openai import OpenAI
            def ask(question, history):
                return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                    {"role": "system", "content": f"Today: {datetime.now():%Y-%m-%d}. \(CostProfileTests.prose(100))"},
                    \(history ? "*history," : "")
                    {"role": "user", "content": question}])
            """
        }
        XCTAssertEqual(try pl001(request(history: false), path: "app.py").map(\.line), [])
        XCTAssertEqual(try pl001(request(history: true), path: "app.py").map(\.line), [])
    }

    func testCompoundPromptFolderNames() {
        for name in ["agent-personas", "personas", "chat_prompts", "prompts", "system-prompts"] {
            XCTAssertTrue(DiscoveryRules.isPromptFolderName(name), name)
        }
        for name in ["persona", "prompting", "components", "prompts-old"] {
            XCTAssertFalse(DiscoveryRules.isPromptFolderName(name), name)
        }
    }
}
