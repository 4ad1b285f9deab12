import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript results of source-holdout16 (session 21): fields a chat
/// client posts beside the whole conversation (`const { messages, topics } = await req.json()`), which are
/// the chat's own state rather than this message's data; a prompt function of another module whose last
/// `return` is the short fallback of a `catch` block, not the prompt the `try` composes; and a timestamp
/// literal in a sentence that opens as an example.
final class SourceHoldout16ScriptDevTests: XCTestCase {
    private func tutorRoute(fields: String, slot: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";
        const client = new Anthropic();

        export async function POST(req: Request) {
          const { messages, \(fields) } = await req.json();
          const system = `You are a patient tutor for a small school.
        Subject notes for this chat:
        ${\(slot)}

        Rules: ask one question at a time; explain with an analogy when the student is stuck; keep replies short.`;
          const stream = await client.messages.stream({ model: "m", max_tokens: 512, system, messages });
          return new Response(stream.toReadableStream());
        }
        """
    }

    /// `PL001@line` of `promptlint check` with the default configuration on a folder holding `text` as `route.ts`.
    private func checked(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["route.ts": text]).filter { $0.ruleID == "PL001" }.map { "PL001@\($0.line)" }
    }

    func testAFieldPostedBesideTheConversationIsTheChatsStateAndStaysClean() throws {
        XCTAssertEqual(try checked(tutorRoute(fields: "concepts", slot: "concepts.join(\", \")")), [])
    }

    func testAUsersSavedSystemPromptPostedBesideTheConversationIsPerUser() throws {
        let template = SourceTest.read(tutorRoute(fields: "systemPrompt", slot: "systemPrompt"), path: "route.ts")
        let classes = template.messages.flatMap(\.segments).compactMap { segment -> SlotClass? in
            if case .slot(let s) = segment, s.expression == "systemPrompt" { return s.provenance } else { return nil }
        }
        XCTAssertEqual(classes.map(\.volatility), [.perUser])
    }

    func testATimePostedBesideTheConversationIsStillFound() throws {
        XCTAssertEqual(try checked(tutorRoute(fields: "clientTime", slot: "clientTime")), ["PL001@8"])
    }

    func testTheQuestionPostedBesideTheConversationIsStillFound() throws {
        XCTAssertEqual(try checked(tutorRoute(fields: "question", slot: "question")), ["PL001@8"])
    }

    func testABodyWithoutTheConversationKeepsItsFieldsPerRequest() throws {
        // No conversation in the body: the field is this request's data, before the conversation loaded here.
        let route = tutorRoute(fields: "concepts", slot: "concepts.join(\", \")")
            .replacingOccurrences(of: "const { messages, concepts } = await req.json();",
                                  with: "const { concepts } = await req.json();\n  const messages = await loadThread();")
        XCTAssertEqual(try checked(route), ["PL001@9"])
    }

    // MARK: a prompt function whose last return is a catch block's fallback

    private func linkedPrompt(tryWrapped: Bool) -> [String: String] {
        let body = """
              const sections: string[] = [];
              sections.push(`You are an assistant for a SQL console.
            Write valid SQL only, explain errors, suggest faster queries.`);
              sections.push(`\\n## Current time\\n${new Date().toISOString()}`);
              const result = sections.join("\\n");
              return result;
            """
        let function = tryWrapped
            ? "export function buildSystemPrompt(): string {\n  try {\n\(body)\n  } catch (error) {\n    return `You are an assistant for a SQL console.`;\n  }\n}\n"
            : "export function buildSystemPrompt(): string {\n\(body)\n}\n"
        return [
            "src/lib/prompt.ts": function,
            "src/app/chat/route.ts": """
                import OpenAI from "openai";
                import { buildSystemPrompt } from "../../lib/prompt";
                const client = new OpenAI();
                export async function POST(req: Request) {
                  const { messages } = await req.json();
                  const system = buildSystemPrompt();
                  return client.chat.completions.create({ model: "m", messages: [{ role: "system", content: system }, ...messages] });
                }
                """,
        ]
    }

    func testAClockInAPromptFunctionWithACatchFallbackIsFoundWhereItIsWritten() throws {
        let found = try SourceTest.folderFindings(linkedPrompt(tryWrapped: true)).filter { $0.ruleID == "PL001" }
        XCTAssertTrue(found.contains { $0.path.hasSuffix("src/lib/prompt.ts") && $0.line == 6 }, "\(found.map { "\($0.path)@\($0.line)" })")
    }

    func testTheSameFunctionWithoutTryIsFoundThereToo() throws {
        let found = try SourceTest.folderFindings(linkedPrompt(tryWrapped: false)).filter { $0.ruleID == "PL001" }
        XCTAssertTrue(found.contains { $0.path.hasSuffix("src/lib/prompt.ts") && $0.line == 5 }, "\(found.map { "\($0.path)@\($0.line)" })")
    }

    // MARK: PL002 on a literal in an example sentence

    /// A rendered plain-text prompt, which PL002 reads (it is quiet in source code).
    private func schedulingPrompt(_ sentence: String) -> String {
        """
        You schedule posts for the user.
        - Always include the UTC offset in an ISO 8601 date. \(sentence)
        \(String(repeating: "- Keep the post in the user's voice, check the length limits and confirm before publishing anything.\n", count: 12))
        """
    }

    func testATimestampInASentenceOpeningAsAnExampleIsNotAVolatileLiteral() throws {
        let text = schedulingPrompt("Example: if the user says \"6 PM\" and the offset is +02:00, send \"2026-04-20T18:00:00+02:00\".")
        XCTAssertEqual(try LintTest.volatileLiterals(text), [])
    }

    func testATimestampAfterAnEgSentenceIsNotAVolatileLiteral() throws {
        let text = schedulingPrompt("(e.g. the user says tomorrow at six, you send 2026-04-21T18:00:00+02:00).")
        XCTAssertEqual(try LintTest.volatileLiterals(text), [])
    }

    func testATimestampInAPlainSentenceAfterAnExampleSentenceIsStillFound() throws {
        // The example sentence ended: the next one states the time as a fact.
        let text = schedulingPrompt("Example: the offset is +02:00. The time now is 2026-04-20T18:00:00+02:00 for this run.")
        XCTAssertEqual(try LintTest.volatileLiterals(text), ["PL002@2"])
    }
}

/// A `@/` import in a folder of several projects (a monorepo's apps, each with its own `src/lib/…`) names
/// the importer's own project's file, the nearest one.
final class SourceHoldout16AliasTests: XCTestCase {
    private func app(_ name: String, clock: Bool) -> [String: String] {
        [
            "\(name)/src/lib/prompt.ts": """
                export function buildSystemPrompt(): string {
                  return `You are the assistant of \(name).\(clock ? " Now: ${new Date().toISOString()}." : "")
                Answer in short sentences and cite the page you used.`;
                }
                """,
            "\(name)/src/app/chat/route.ts": """
                import OpenAI from "openai";
                import { buildSystemPrompt } from "@/lib/prompt";
                const client = new OpenAI();
                export async function POST(req: Request) {
                  const { messages } = await req.json();
                  return client.chat.completions.create({ model: "m", messages: [{ role: "system", content: buildSystemPrompt() }, ...messages] });
                }
                """,
        ]
    }

    func testAnAliasImportResolvesToTheImportersOwnProject() throws {
        let files = app("alpha", clock: false).merging(app("beta", clock: true)) { a, _ in a }
        let found = try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map(\.path)
        XCTAssertTrue(found.contains { $0.hasSuffix("beta/src/lib/prompt.ts") }, "\(found)")
        XCTAssertFalse(found.contains { $0.hasPrefix("alpha/") || $0.contains("/alpha/") }, "\(found)")
    }
}

/// A helper given one provider-shaped body (`runTurn({ system: blocks, messages })`) that builds the
/// request elsewhere, with blocks pushed onto the system list before the call; and a project's own
/// runtime object called with a provider-shaped body (`runtime.stream({ model, system, messages })`).
final class SourceHoldout16BodyHelperTests: XCTestCase {
    private func canvasRoute(images: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";
        import { runTurn } from "../services/turns.js";
        import { buildInstructions } from "../services/instructions.js";

        export async function canvasChat(req, res) {
          const { messages, \(images) } = req.body || {};
          const urls = Array.isArray(\(images)) ? \(images).filter((u) => typeof u === "string") : [];
          const systemBlocks = [
            { type: "text", text: buildInstructions(), cache_control: { type: "ephemeral" } },
          ];
          if (urls.length) {
            systemBlocks.push({
              type: "text",
              text: "The host attached reference images; use them in the hero: " + urls.join(", "),
            });
          }
          const turn = await runTurn({ messages, system: systemBlocks, onProgress: (t) => res.write(t) });
          res.json(turn);
        }
        """
    }

    private func checked(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["routes/canvas.js": text]).filter { $0.ruleID == "PL001" }.map { "PL001@\($0.line)" }
    }

    func testAttachedImagesPushedAsASystemBlockBeforeTheConversationAreFound() throws {
        XCTAssertEqual(try checked(canvasRoute(images: "images")), ["PL001@14"])
    }

    func testTheSameBlockBuiltFromAPlainlyNamedSessionFieldStaysClean() throws {
        // `palette` posted beside the conversation: the chat's state, the same for each of its messages.
        XCTAssertEqual(try checked(canvasRoute(images: "palette")), [])
    }

    private func runtimeRoute(clock: Bool) -> String {
        """
        import type Anthropic from "@anthropic-ai/sdk";
        import { getRuntime } from "./runtime";
        const RULES = `You are the office assistant. Answer briefly and never invent ids.`;

        export async function POST(req: Request) {
          const { history } = await loadSession(req);
          const runtime = getRuntime();
          const system = [
            { type: "text", text: RULES, cacheBreakpoint: true },
            { type: "text", text: \(clock ? "`Now: ${new Date().toISOString()}`" : "\"Office hours: 8 to 17.\"") },
          ];
          return runtime.stream({ model: "m", maxTokens: 800, system, messages: [...history, { role: "user", content: "hi" }] });
        }
        """
    }

    func testAClockBlockSentThroughAProjectRuntimeBeforeTheConversationIsFound() throws {
        XCTAssertEqual(try SourceTest.folderFindings(["chat.ts": runtimeRoute(clock: true)]).filter { $0.ruleID == "PL001" }.map(\.line), [10])
    }

    func testAFixedBlockThereStaysClean() throws {
        XCTAssertEqual(try SourceTest.folderFindings(["chat.ts": runtimeRoute(clock: false)]).filter { $0.ruleID == "PL001" }, [])
    }
}
