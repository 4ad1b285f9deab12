import XCTest

@testable import PromptLint

/// Prompt builders of one module filled by a request in another: the value that changes per request is
/// computed by the caller (a field of the request body, the passages a vector search retrieves) or the
/// builder formats the clock into a template kept elsewhere and returns a Gemini `Content`. The finding
/// belongs where the builder puts the value, before the conversation the caller sends.
final class CallerFilledBuilderTests: XCTestCase {
    /// `path@line` of each PL001 finding of `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    /// A builder quoting each item of `basket` before long rules, and a route that passes `passed` for it.
    private func shop(passed: String) -> [String: String] {
        [
            "lib/prompt.ts": """
                export function buildShopPrompt(basket: { name: string; qty: number }[]): string {
                  const basketBlock = basket.length === 0
                    ? "The basket is empty."
                    : `Basket (${basket.length} items):\\n${basket.map((i) => `- ${i.name} x${i.qty}`).join("\\n")}`;
                  return `You are a shop assistant.
                ${basketBlock}
                \(SourceTest.longRules)`;
                }
                """,
            "app/api/chat/route.ts": """
                import { streamText } from "ai";
                import { buildShopPrompt } from "@/lib/prompt";

                export async function POST(req: Request) {
                  const body = await req.json();
                  const basket = \(passed);
                  const result = streamText({ model: "m", system: buildShopPrompt(basket), messages: body.messages });
                  return result.toTextStreamResponse();
                }
                """,
        ]
    }

    func testABasketFromTheRequestBodyIsReportedWhereTheBuilderQuotesIt() throws {
        let found = try check(shop(passed: "Array.isArray(body.basket) ? body.basket : []"))
        XCTAssertTrue(found.contains("lib/prompt.ts@4"), "\(found)")
    }

    func testABasketTheRouteWritesItselfIsNotReportedInTheBuilder() throws {
        let found = try check(shop(passed: "[{ name: \"tea\", qty: 1 }]"))
        XCTAssertFalse(found.contains { $0.hasPrefix("lib/prompt.ts") }, "\(found)")
    }

    /// A Python context builder putting `passages` in a system message before the history, and a caller
    /// passing `passed` for it.
    private func advisor(passed: String) -> [String: String] {
        [
            "advisor/chat.py": """
                from openai import OpenAI

                client = OpenAI()
                RULES = \"\"\"\(SourceTest.longRules)\"\"\"


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
