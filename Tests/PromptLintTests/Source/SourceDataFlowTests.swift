import XCTest

@testable import PromptLint

/// Constructs through which values reach (or do not reach) a prompt: constants interpolated into
/// f-strings and template literals, `%` and `.format` values, comprehensions, imports, short tails.
final class SourceDataFlowTests: XCTestCase {
    private let policy = SourceTest.policy

    func testConstantInterpolatedIntoAnFStringIsPromptText() throws {
        let text = """
            from datetime import datetime
            POLICY = "\(policy)"
            def answer(client, question):
                system = f"Now: {datetime.now():%H:%M}.\\n{POLICY}"
                return client.chat.completions.create(model="m", messages=[
                    {"role": "system", "content": system}, {"role": "user", "content": question}])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:21"])
        let system = SourceTest.read(text).messages[0]
        XCTAssertEqual(system.segments.filter { if case .slot = $0 { true } else { false } }.count, 1)
    }

    func testConstantInTemplateLiteralAndJoinedArrayIsPromptText() throws {
        let text = """
            const RULES = ["\(policy)", "Reply in English."].join("\\n");
            export async function POST(req: Request) {
              return streamText({ model, system: `Now: ${new Date().toISOString()}\\n\\n${RULES}`, prompt: "x" });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "route.ts"), ["PL001@3:44"])
    }

    func testPercentFormattingWithAConstantAndAFormatKeyword() throws {
        let percent = """
            import secrets
            GUIDE = "\(policy)"
            def f(client, q):
                system = "Nonce %s.\\n%s" % (secrets.token_hex(4), GUIDE)
                client.messages.create(model="m", system=system, messages=[{"role": "user", "content": q}])
            """
        XCTAssertEqual(try SourceTest.findings(percent), ["PL001@4:21"])
        let format = """
            import uuid
            GUIDE = "\(policy)"
            def f(client, q):
                system = "Run {run}.\\n{guide}".format(run=uuid.uuid4(), guide=GUIDE)
                client.messages.create(model="m", system=system, messages=[{"role": "user", "content": q}])
            """
        XCTAssertEqual(try SourceTest.findings(format), ["PL001@4:19"])
    }

    func testSelfAttributeSetInAnotherMethodIsPromptText() throws {
        let text = """
            import time
            class Agent:
                def __init__(self):
                    self.rules = "\(policy)"
                def step(self, history):
                    return self.client.messages.create(model="m", system=f"t={time.time()} {self.rules}", messages=history)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@6:66"])
    }

    func testComprehensionOverASetIsUnorderedAndSortedIsNot() throws {
        let tools = { (iterable: String) in
            """
            ENABLED = {"search", "open_ticket", "refund"}
            def tools():
                return [{"type": "function", "function": {"name": n}} for n in \(iterable)]
            def call(client, messages):
                return client.chat.completions.create(model="m", tools=tools(), messages=messages)
            """
        }
        XCTAssertEqual(try LintTest.linter().lint(text: tools("ENABLED"), path: "t.py", format: nil).findings
            .map { "\($0.ruleID)@\($0.line)" }, ["PL007@5"])
        XCTAssertEqual(try LintTest.linter().lint(text: tools("sorted(ENABLED)"), path: "t.py", format: nil).findings
            .map(\.ruleID), [])
        let generator = "import json\nS = {'a', 'b'}\nSYSTEM_PROMPT = 'Tools: ' + ', '.join(sorted(x for x in S)) + ' \(policy)'\n"
        XCTAssertEqual(try SourceTest.findings(generator), [])
    }

    func testShortStaticTailAfterATracedValueIsStillABreak() throws {
        // ~20 static tokens after the id: below the 24-token tail a guessed value needs, enough for a traced one.
        let text = """
            from uuid import uuid4
            def classify(client, text):
                rid = str(uuid4())
                system = ("You label customer e-mails. " f"Request {rid}. "
                          "Labels: billing, shipping, bug, praise, other. " "Answer with the label only.")
                return client.chat.completions.create(model="m", messages=[
                    {"role": "system", "content": system}, {"role": "user", "content": text}])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:56"])
        // A name alone (no data flow) still needs the longer tail.
        let guessed = text.replacingOccurrences(of: "str(uuid4())", with: "make_id(text)")
        XCTAssertEqual(try SourceTest.findings(guessed), [])
    }

    func testImportedPromptConstantsAreNotGuessedFromTheirNames() throws {
        let text = """
            import { streamText } from "ai";
            import { systemPrompt, contextPrompt as extra } from "@/lib/ai/prompts";
            const { userPrompt } = require("./prompts");
            export async function POST(req: Request) {
              const { messages } = await req.json();
              return streamText({ model, system: systemPrompt + "\\n\\n" + extra + userPrompt, messages });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "route.ts"), [])
        let python = "from .prompts import SYSTEM_PROMPT as user_prompt\nimport prompts\n"
            + "client.messages.create(model='m', system=user_prompt + prompts.question_prompt, messages=history)\n"
        XCTAssertEqual(try SourceTest.findings(python), [])
        let imports = SourceImports.scan(PythonLexer.tokens(Array(python.utf8)), language: .python)
        XCTAssertEqual(imports, ["user_prompt": ".prompts", "prompts": "prompts"])
    }
}

/// Template variables filled where the template is used, and values that reach it through destructuring.
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
}
