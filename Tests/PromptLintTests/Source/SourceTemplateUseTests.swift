import XCTest

@testable import PromptLint

/// Template variables filled where the template is used, values that reach a prompt through destructuring
/// and request bodies, and message lists built from spreads, helpers and replayed turns.
final class SourceTemplateUseTests: XCTestCase {
    private let policy = SourceTest.policy

    func testLangChainJSFormatMessagesValuesGiveTheSlotItsProvenance() throws {
        let text = """
            import { ChatPromptTemplate } from "@langchain/core/prompts";
            const prompt = ChatPromptTemplate.fromMessages([
              ["system", "Today is {today}. You summarize financial news in a neutral tone."],
              ["human", "{article}"],
            ]);
            export async function summarize(article: string) {
              return model.invoke(await prompt.formatMessages({ today: new Date().toLocaleString("en-US"), article }));
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "s.ts"), ["PL001@3:24"])
        let slot = SourceTest.read(text, path: "s.ts").slots.first { $0.variable == "today" }
        XCTAssertEqual(slot?.provenance?.evidence, .evidence)
        XCTAssertTrue(slot?.provenance?.reason.contains("line 7") ?? false, slot?.provenance?.reason ?? "")
    }

    func testChainInvokeDictAndKeywordFormatFillPythonTemplates() throws {
        let chain = """
            from datetime import datetime
            prompt = ChatPromptTemplate.from_messages([("system", "Now {now}. Plan trips; state opening hours."), ("human", "{q}")])
            chain = prompt | llm
            def plan(q):
                return chain.invoke({"now": datetime.utcnow().isoformat(), "q": q})
            """
        XCTAssertEqual(try SourceTest.findings(chain), ["PL001@2:60"])
        let constant = chain.replacingOccurrences(of: "datetime.utcnow().isoformat()", with: "\"2024\"")
        XCTAssertEqual(try SourceTest.findings(constant), [])
        let keyword = """
            import uuid
            prompt = PromptTemplate.from_template("Run {run}. You triage bug reports into five fixed labels.")
            text = prompt.format(run=uuid.uuid4())
            """
        XCTAssertEqual(SourceTest.read(keyword).slots.first?.provenance?.kind, .identifier)
    }

    func testPartialChainedOnTheTemplateFillsItPerFormat() throws {
        let text = """
            from datetime import datetime
            from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
            actor = ChatPromptTemplate.from_messages(
                [("system", "Current time: {time}\\n\(policy)"), MessagesPlaceholder(variable_name="messages")]
            ).partial(
                time=lambda: datetime.now().isoformat(),
            )
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:32"])
        let constant = text.replacingOccurrences(of: "datetime.now().isoformat()", with: "\"2024\"")
        XCTAssertEqual(try SourceTest.findings(constant), [])
    }

    func testDestructuredHelperResultAndRequestBody() throws {
        let script = """
            function timeContext(tz: string) { const now = new Date(); return { now, local: now.toLocaleString("en", { timeZone: tz }) }; }
            export const system_prompt = (tz: string) => {
              const { local } = timeContext(tz);
              return `Local time: ${local}. You are a helpful assistant for our calendar app.`;
            };
            """
        XCTAssertEqual(try SourceTest.findings(script, path: "p.ts"), ["PL001@4:23"])
        let flask = """
            import json
            from flask import request
            def recommend(client):
                body = request.get_json()
                system = f"Profile: {json.dumps(body['profile'])}\\nRecommend at most three products, one line each."
                return client.chat.completions.create(model="m", messages=[
                    {"role": "system", "content": system}, {"role": "user", "content": body["q"]}])
            """
        XCTAssertEqual(try SourceTest.findings(flask), ["PL001@5:25"])
    }

    func testSpreadFewShotsExpandAndMessagesFromElsewhereAreTheConversation() throws {
        let text = """
            const EXAMPLES = [
              { role: "assistant", content: "Understood. Send the first invoice." },
              { role: "user", content: "Invoice 118: 3 chairs, 2 desks" },
              { role: "assistant", content: '{"chairs": 3, "desks": 2}' },
            ];
            export async function extract(invoice, req) {
              return client.messages.create({ model: "m", system: "Extract item counts as JSON.", messages: [
                { role: "user", content: `Batch ${Date.now()}. Extract counts.` }, ...EXAMPLES, ...req.body.messages,
                { role: "user", content: invoice }] });
            }
            """
        let t = SourceTest.read(text, path: "x.js")
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .assistant, .user, .assistant, .unknown, .user])
        XCTAssertEqual(t.slots.first { $0.source == "req.body.messages" }?.provenance?.kind, .history)
        XCTAssertEqual(try SourceTest.findings(text, path: "x.js"), ["PL001@8:37"])
        let python = """
            import random
            def guide(messages):
                return litellm.completion(model="m", messages=[{"role": "system", "content": f"{random.choice(XS)} Be kind."}] + messages)
            """
        XCTAssertEqual(try SourceTest.findings(python), ["PL001@3:84"])
    }

    func testAgentLoopTaskAndReplayedTurnsAreNotBreaks() throws {
        let text = """
            SYSTEM = "\(policy) Here is the history of your calls: {{calls}}"
            def run(client, task, history):
                context = [{"role": "system", "content": SYSTEM.replace("{{calls}}", "None")},
                           {"role": "user", "content": task}]
                for m in history:
                    context.append({"role": m["role"], "content": m["content"]})
                while True:
                    r = client.chat.completions.create(model="m", messages=context)
                    context.append(r.choices[0].message)
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
        let t = SourceTest.read(text)
        XCTAssertEqual(t.messages.first?.role, .system)
        XCTAssertTrue(t.slots.contains { $0.provenance?.kind == .history })
        // A clock value in the same system prompt, before the replayed conversation, is a break.
        let clocked = "import time\n" + text.replacingOccurrences(of: "\"None\")", with: "str(time.time()))")
        XCTAssertEqual(try SourceTest.findings(clocked).map { String($0.prefix(5)) }, ["PL001"])
    }

    func testGeminiSystemInstructionInModelAndConfig() throws {
        let python = """
            import datetime
            import google.generativeai as genai
            model = genai.GenerativeModel("gemini-2.0-flash", system_instruction=f"Today: {datetime.datetime.now()}. \(policy)")
            """ + SourceTest.scriptMain
        XCTAssertEqual(try SourceTest.findings(python), ["PL001@3:79"])
        let config = """
            import uuid
            def ask(client, q):
                return client.models.generate_content(model="gemini-2.5-flash", contents=q,
                    config=types.GenerateContentConfig(system_instruction=f"Run {uuid.uuid4()}. \(policy)"))
            """
        XCTAssertEqual(try SourceTest.findings(config), ["PL001@4:69"])
        let script = """
            const model = genAI.getGenerativeModel({ model: "gemini-2.0-flash", systemInstruction: `Now ${Date.now()}. \(policy)` });
            const r = await ai.models.generateContent({ model: "m", contents: q, config: { systemInstruction: SYSTEM_PROMPT } });
            """ + SourceTest.scriptArgv
        XCTAssertEqual(try SourceTest.findings(script, path: "g.ts"), ["PL001@1:93"])
        XCTAssertEqual(SourceTest.read(script, path: "g.ts").messages.map(\.role), [.system, .system])
    }
}
