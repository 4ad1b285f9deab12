import XCTest

@testable import PromptLint

/// Classes of construct behind misses of the whole-repository sets (session 16): a prompt helper that joins its
/// sentences into a name and returns the name, and a prompt file loaded by a getter named for what it loads.
final class Holdout11MissTests: XCTestCase {
    /// `path:RULE@line` of the PL001 findings of `promptlint check .` on a folder holding `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.ruleID)@\($0.line)" }
    }

    /// A bot whose system message comes from a method that joins sentences and returns the joined name.
    private func joinedHelper(stamp: String) -> String {
        """
        from datetime import datetime
        import openai


        class Helper:
            def system_text(self, who):
                stamp = \(stamp)
                sentences = [
                    f"You are {who}, the helper of this workspace.",
                    f"It is now {stamp}.",
                    "\(SourceTest.policy)",
                ]
                text = " ".join(sentences)
                return text

            def answer(self, messages):
                messages.insert(0, {"role": "system", "content": self.system_text("Ada")})
                return openai.ChatCompletion.create(model="m", messages=messages)
        """
    }

    func testAHelperReturningAJoinedNameIsReportedWhereTheValueIsWritten() throws {
        let findings = try check(["bot/helper.py": joinedHelper(stamp: "datetime.now().strftime(\"%H:%M:%S\")")])
        // The clock's sentence (line 10), not the call that inserts the system message (line 17).
        XCTAssertEqual(findings, ["bot/helper.py:PL001@10"])
    }

    func testAHelperReturningAJoinedNameOfConstantsStaysClean() throws {
        XCTAssertEqual(try check(["bot/helper.py": joinedHelper(stamp: "\"the release day\"")]), [])
    }

    /// A tutor whose system prompt file is loaded by `getter` and formatted with a retrieved passage per question.
    private func tutor(getter: String) -> [String: String] {
        [
            "server/prompts/tutor.txt": "You tutor students of one course.\nFound: {search_context}\n\(SourceTest.notedPolicy)\n",
            "server/prompts/util.py": """
                def \(getter)(name):
                    with open("server/prompts/" + name) as f:
                        return f.read()
                """,
            "server/chat.py": """
                from langchain_core.messages import SystemMessage
                from server.prompts.util import \(getter)


                class Tutor:
                    def __init__(self, model, index):
                        self._model = model
                        self._index = index
                        self._prompt = \(getter)("tutor.txt")

                    def reply(self, question, history):
                        found, where = self._index.query(question)
                        messages = [SystemMessage(content=self._prompt.format(search_context=found))] + history
                        return self._model.invoke(messages)
                """,
        ]
    }

    func testAPromptFileLoadedByAGetterIsLinkedToTheHistorySentAfterIt() throws {
        XCTAssertEqual(try check(tutor(getter: "get_system_prompt")), ["server/prompts/tutor.txt:PL001@2"])
    }

    func testAFileLoadedByAGetterNotNamedForAPromptIsNotLinked() throws {
        // Without the link nothing says the history follows, and ~300 tokens after a value judged by its name
        // alone are not reported.
        XCTAssertEqual(try check(tutor(getter: "get_text")), [])
    }

    /// A Markdown prompt that shows the model an output format in single braces, beside `other`.
    private func agentFolder(other: String) -> [String: String] {
        [
            "bot/prompts/agent/system.md": "# Diet coach\n\nAfter logging a meal, reply with:\n\n"
                + "Today: {eaten.kcal}/{goal.kcal} kcal, {left.kcal} left\n\n" + SourceTest.longRules,
            "bot/prompts/agent/context.md": other,
        ]
    }

    func testSingleBracesBesideADoubleBracePromptAreLiteralText() throws {
        XCTAssertEqual(try check(agentFolder(other: "- user: {{user_id}}\n- chat: {{chat_id}}\n")), [])
    }

    func testSingleBracesBesideAStrFormatPromptStayFields() throws {
        // The sibling escapes a literal brace as `{{` but has a field too: the folder is `str.format`.
        let findings = try check(agentFolder(other: "User {user_id} sent {{\"kind\": \"note\"}}.\n"))
        XCTAssertEqual(findings, ["bot/prompts/agent/system.md:PL001@5"])
    }

    /// A Gemini bot whose persona file gets the time of the user's last message, then a chat or one request.
    private func geminiBot(send: String) -> [String: String] {
        [
            "src/ai.ts": """
                import { GoogleGenerativeAI } from "@google/generative-ai";
                import * as fs from "fs";

                const client = new GoogleGenerativeAI(process.env.GEMINI_KEY || "");

                export const reply = async (text: string, saved: any[]) => {
                  let persona: string = fs.readFileSync("persona.txt").toString();
                  persona = persona.replace("$LAST_SEEN", new Date().toISOString());
                  const model = client.getGenerativeModel({ model: "gemini-2.0-flash", systemInstruction: persona });
                  \(send)
                };
                """,
        ]
    }

    func testAChatSessionResendsTheSystemInstructionBeforeItsHistory() throws {
        let findings = try check(geminiBot(send: "return (await model.startChat({ history: saved }).sendMessage(text)).response.text();"))
        XCTAssertEqual(findings, ["src/ai.ts:PL001@8"])
    }

    func testAOneShotRequestWithTheSameInstructionStaysClean() throws {
        XCTAssertEqual(try check(geminiBot(send: "return (await model.generateContent(text)).response.text();")), [])
    }
}
