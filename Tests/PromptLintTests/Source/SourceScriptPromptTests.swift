import XCTest

@testable import PromptLint

final class SourceScriptPromptTests: XCTestCase {
    private let policy = SourceTest.policy

    func testVercelGenerateTextSystemWithProcessCwd() throws {
        let text = """
            import { generateText } from "ai";
            export async function run(prompt: string): Promise<string> {
              const cwd = process.cwd();
              const { text } = await generateText({
                model, system: `Working directory: ${cwd}\\n\(policy)`,
                messages: [{ role: "user", content: prompt }],
              });
              return text;
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "agent.ts"), ["PL001@5:40"])
        XCTAssertEqual(SourceTest.read(text, path: "agent.ts").format, .typescript)
    }

    func testOpenAIOptionsObjectWithRandomUUIDInsideAHandler() throws {
        let text = """
            app.post("/chat", async (req, res) => {
              const id = crypto.randomUUID();
              const r = await openai.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: "Session " + id + ". \(policy)" }, { role: "user", content: req.body.q }],
              });
            });
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "server.js"), ["PL001@5:56"])
    }

    func testStreamTextWithDateNowAndMathRandom() throws {
        let text = """
            const SYSTEM = `Time ${Date.now()} and ${Math.random()}. \(policy)`;
            streamText({ model, system: SYSTEM, prompt: input });
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "a.mjs"), ["PL001@1:22"])
        let reason = SourceTest.read(text, path: "a.mjs").slots.first?.provenance?.reason ?? ""
        XCTAssertTrue(reason.contains("Date.now()"), reason)
    }

    func testAnthropicNewDateInCachedSystemBlock() throws {
        let text = """
            const today = new Date().toISOString();
            await anthropic.messages.create({
              model: "claude", max_tokens: 100,
              system: [{ type: "text", text: `Now: ${today}. \(policy)`, cache_control: { type: "ephemeral" } }],
              messages,
            });
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "a.ts"), ["PL001@4:40"])
        XCTAssertEqual(SourceTest.read(text, path: "a.ts").messages.first?.hasCacheBreakpoint, true)
    }

    func testArrayJoinAndNestedTemplateLiterals() throws {
        let text = """
            const re = /`'"/g; const half = total / 2 / 3;
            export const systemPrompt = [`Hello ${name ? `dear ${Date.now()}` : ""}`, "\(policy)"].join("\\n");
            """ + SourceTest.scriptArgv
        // At the clock in the chosen text (`${Date.now()}`), where the value enters, not at the condition.
        XCTAssertEqual(try SourceTest.findings(text, path: "p.tsx"), ["PL001@2:52"])
    }

    func testSuppressionsInSlashComments() throws {
        for comment in ["// promptlint-disable-next-line PL001 -- per-build id", "/* promptlint-disable-next-line PL001 -- per-build id */"] {
            let text = "\(comment)\nconst SYSTEM_PROMPT = `Build ${crypto.randomUUID()}. \(policy)`;\n" + SourceTest.scriptArgv
            XCTAssertEqual(try SourceTest.findings(text, path: "p.ts"), [], comment)
        }
        let bare = "const SYSTEM_PROMPT = `Build ${crypto.randomUUID()}. \(policy)`;\n" + SourceTest.scriptArgv
        XCTAssertEqual(try SourceTest.findings(bare, path: "p.ts"), ["PL001@1:30"])
    }

    func testDescriptorsForDiscovery() {
        let py = FormatRegistry.descriptor(.python)
        let ts = FormatRegistry.descriptor(.typescript)
        XCTAssertEqual(py.extensions, ["py", "pyi"])
        XCTAssertTrue(["ts", "tsx", "js", "jsx", "mjs", "cjs"].allSatisfy(ts.extensions.contains))
        XCTAssertEqual(py.comments, [.hash])
        XCTAssertEqual(ts.comments, [.slashes])
        guard case .sourceCode(let pyHasPrompts) = py.discovery, case .sourceCode(let tsHasPrompts) = ts.discovery else {
            return XCTFail("source formats are read after the content test")
        }
        XCTAssertFalse(pyHasPrompts("def f(): pass"))
        XCTAssertTrue(tsHasPrompts("const SYSTEM_PROMPT = ``"))
    }
}
