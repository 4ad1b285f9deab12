import XCTest

@testable import PromptLint

/// Prompts built in one module and sent from another: a context builder given the passages a caller's vector
/// search retrieves, a Gemini instruction builder formatting the clock into a template kept elsewhere, and a
/// handler handing a stored session with a clock-stamped system message in front to an imported agent class's
/// method that sends it; and a block shown when the posted basket has items. Each finding belongs where the
/// value enters the prompt, before the conversation sent after it.
final class CallerFilledBuilderTests: XCTestCase {
    /// About 800 tokens of rules on one line, so the fixtures' line numbers stay those written.
    private let rulesLine = String(repeating: "Always answer politely and follow the sales policy in every detail. ", count: 60)

    /// `path@line` of each PL001 finding of `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    /// A route quoting each item of the posted basket in a block chosen by `condition` (the empty text first).
    private func shop(condition: String) -> String {
        """
        import { streamText } from "ai";

        export async function POST(req: Request) {
          const body = await req.json();
          const basket = body.basket;
          const basketBlock = \(condition)
            ? "The basket is empty."
            : `Basket: ${basket.map((i) => i.name).join(", ")}`;
          const system = `You are a shop assistant.
        ${basketBlock}
        \(SourceTest.longRules)`;
          return streamText({ model: "m", system, messages: body.messages });
        }
        """
    }

    func testABlockPresentWhenTheBasketHasItemsIsTheBasketsSlot() throws {
        XCTAssertEqual(try check(["app/api/chat/route.ts": shop(condition: "basket.length === 0")]), ["app/api/chat/route.ts@8"])
    }

    func testABlockChosenByAnotherFlagStaysOneOfTwoTexts() throws {
        XCTAssertEqual(try check(["app/api/chat/route.ts": shop(condition: "body.compact")]), [])
    }

    /// A handler putting a system message whose opening line holds `stamp` in front of the stored session and
    /// handing the list to a method of an imported agent class that sends it.
    private func agent(stamp: String) -> [String: String] {
        [
            "services/clock.py": """
                from datetime import datetime


                def now_text():
                    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                """,
            "services/loop.py": """
                from openai import OpenAI


                class AgentLoop:
                    def __init__(self, model):
                        self.model = model

                    def run(self, messages):
                        client = OpenAI()
                        return client.chat.completions.create(model=self.model, messages=messages)
                """,
            "services/handler.py": """
                from services.clock import now_text

                RULES = \"\(rulesLine)\"


                def handle(store, key, text):
                    session = store.load(key)
                    system_msg = {"role": "system", "content": f"\(stamp)\\n{RULES}"}
                    session.messages.insert(0, system_msg)
                    session.messages.append({"role": "user", "content": text})
                    from services.loop import AgentLoop
                    loop = AgentLoop(model="m")
                    return loop.run(session.messages)
                """,
        ]
    }

    func testTheClockOfAnImportedHelperBeforeTheStoredSessionIsReported() throws {
        XCTAssertEqual(try check(agent(stamp: "Now: {now_text()}")), ["services/handler.py@8"])
    }

    func testAFixedOpeningLineBeforeTheStoredSessionIsNotReported() throws {
        XCTAssertEqual(try check(agent(stamp: "You are an HR assistant.")), [])
    }

    /// A Python context builder putting `passages` in a system message before the history, and a caller
    /// passing `passed` for it.
    private func advisor(passed: String) -> [String: String] {
        [
            "advisor/chat.py": """
                from openai import OpenAI

                client = OpenAI()
                RULES = \"\(rulesLine)\"


                def prepare_context(history, question, passages):
                    context = [
                        {"role": "system", "content": RULES},
                        {"role": "system", "content": " ".join(passages) if passages else ""},
                    ]
                    context.extend(history)
                    context.append({"role": "user", "content": question})
                    return context


                def answer(context):
                    return client.chat.completions.create(model="m", messages=context)
                """,
            "advisor/capture.py": """
                from advisor.chat import prepare_context, answer

                history = []


                def on_question(store, question):
                    passages = \(passed)
                    reply = answer(prepare_context(history, question, passages))
                    history.append({"role": "user", "content": question})
                    return reply
                """,
        ]
    }

    func testPassagesAVectorSearchRetrievesAreReportedInTheContextBuilder() throws {
        let found = try check(advisor(passed: "[d.page_content for d in store.similarity_search(question, k=3)]"))
        XCTAssertTrue(found.contains("advisor/chat.py@10"), "\(found)")
    }

    func testFixedPassagesAreNotReported() throws {
        XCTAssertFalse(try check(advisor(passed: "[\"Opening hours: 9 to 5.\"]")).contains { $0.hasPrefix("advisor/chat.py") })
    }

    /// A Gemini system-instruction builder formatting `value` into a template read from the environment,
    /// and a module sending it before the thread's contents.
    private func gemini(value: String) -> [String: String] {
        [
            "bot/prompts.py": """
                import os
                from datetime import datetime
                from google.genai.types import Content, Part

                SYSTEM_TEXT = os.environ["SYSTEM_TEXT"]


                def build_instruction(bot_id):
                    text = SYSTEM_TEXT.format(
                        bot_id=bot_id, current_time=\(value)
                    )
                    return Content(role="user", parts=[Part(text=text)])
                """,
            "bot/reply.py": """
                from google.genai import Client
                from google.genai.types import GenerateContentConfig
                from .prompts import build_instruction

                client = Client()


                def reply(bot_id, messages):
                    return client.models.generate_content(
                        model="gemini-2.5-flash",
                        contents=messages,
                        config=GenerateContentConfig(system_instruction=build_instruction(bot_id)),
                    )
                """,
        ]
    }

    func testTheClockFormattedIntoAnEnvironmentTemplateIsReportedInTheBuilder() throws {
        let found = try check(gemini(value: "datetime.now().strftime(\"%Y/%m/%d %H:%M:%S\")"))
        XCTAssertTrue(found.contains("bot/prompts.py@10"), "\(found)")
    }

    func testADeploymentValueFormattedIntoTheTemplateIsNotReportedInTheBuilder() throws {
        let found = try check(gemini(value: "os.environ.get(\"TZ\", \"UTC\")"))
        XCTAssertFalse(found.contains { $0.hasPrefix("bot/prompts.py") }, "\(found)")
    }
}
