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
        XCTAssertEqual(imports, [
            "user_prompt": ImportedName(module: ".prompts", name: "SYSTEM_PROMPT"), "prompts": ImportedName(module: "prompts", name: nil),
        ])
        let aliased = "import pkg.prompts as p, os.path\n"
        XCTAssertEqual(SourceImports.scan(PythonLexer.tokens(Array(aliased.utf8)), language: .python), [
            "p": ImportedName(module: "pkg.prompts", name: nil), "os": ImportedName(module: "os", name: nil),
        ])
        let script = "import D, { a as b, c } from \"./m\";\nimport * as ns from \"./n\";\nconst { x, y: z } = require(\"./r\");\n"
        XCTAssertEqual(SourceImports.scan(ScriptLexer.tokens(Array(script.utf8)), language: .script), [
            "D": ImportedName(module: "./m", name: "default"), "b": ImportedName(module: "./m", name: "a"),
            "c": ImportedName(module: "./m", name: "c"), "ns": ImportedName(module: "./n", name: nil),
            "x": ImportedName(module: "./r", name: "x"), "z": ImportedName(module: "./r", name: "y"),
        ])
    }
}
