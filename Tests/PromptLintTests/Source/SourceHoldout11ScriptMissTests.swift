import XCTest

@testable import PromptLint

/// Script classes of construct behind misses of source-holdout11 (session 17): a Gemini request whose
/// prompt is the first turn of `contents` before the posted conversation, and a system message object
/// whose text another module's function returns, sent before the conversation, and a value read through
/// optional chaining (`options?.pageContext.content`), judged by its path like the same value read with `.`.
final class SourceHoldout11ScriptMissTests: XCTestCase {
    /// A route sending `prompt` (the posted quote inside it) as the first turn of `contents`; `history`
    /// says whether the posted conversation follows it.
    private func geminiRoute(history: Bool) -> String {
        """
        import { GoogleGenerativeAI } from '@google/generative-ai';

        export async function POST(req) {
          const body = await req.json();
          const messages = body.messages || [];
          const quote = body.quote;
          const prompt = `You answer questions about one stock.\\nCurrent quote: ${quote.price} USD.\\n\(SourceTest.policy)`;
          const model = new GoogleGenerativeAI(process.env.KEY).getGenerativeModel({ model: 'gemini-flash' });
          const contents = [
            { role: 'user', parts: [{ text: prompt }] },\(history ? "\n    ...messages.map(m => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }))," : "")
          ];
          const result = await model.generateContent({ contents });
          return Response.json({ text: result.response.text() });
        }
        """
    }

    /// Lines of the PL001 warnings of `text` read as `route.js`.
    private func warningLines(_ text: String) throws -> [Int] {
        try LintTest.linter(Configuration(baseDirectory: "/")).lint(text: text, path: "route.js", format: nil).findings
            .filter { $0.ruleID == "PL001" && $0.severity == .warning }.map(\.line)
    }

    func testAPromptSentAsTheFirstTurnOfGeminiContentsIsBeforeTheConversation() throws {
        XCTAssertEqual(try warningLines(geminiRoute(history: true)), [7])
        // Sent alone, the quote comes before only a short tail: no warning.
        XCTAssertEqual(try warningLines(geminiRoute(history: false)), [])
    }

    /// `prompt.ts` puts `value` in the text it returns; `chat.ts` sends it as a system message object
    /// before the conversation it is given.
    private func pageFolder(_ value: String) -> [String: String] {
        [
            "src/prompt.ts": """
                export interface Page { url: string; body: string }

                export function systemPrompt(page?: Page): string {
                  const base = `\(SourceTest.policy)`;
                  if (!page) {
                    return base;
                  }
                  return `${base}\\n\\nThe user is reading this page:\\n${\(value)}\\n\\nAnswer about it.`;
                }
                """,
            "src/chat.ts": """
                import { streamText, type ModelMessage } from 'ai';
                import { systemPrompt, type Page } from './prompt';

                export async function chat(messages: ModelMessage[], page?: Page) {
                  const systemMessage: ModelMessage = { role: 'system', content: systemPrompt(page) };
                  return streamText({ model: 'm', messages: [systemMessage, ...messages] });
                }
                """,
        ]
    }

    func testASystemMessageObjectFilledByAnotherModulesFunctionIsBeforeTheConversation() throws {
        let found = try SourceTest.folderFindings(pageFolder("new Date().toISOString()"))
            .filter { $0.ruleID == "PL001" && $0.severity == .warning }.map { "\($0.path)@\($0.line)" }
        // Reported where the value is written (the request's line names it too).
        XCTAssertTrue(found.contains("src/prompt.ts@8"), "\(found)")
        // A fixed text in the same place breaks nothing.
        XCTAssertEqual(try SourceTest.folderFindings(pageFolder("'no page'")).filter { $0.ruleID == "PL001" }.map(\.path), [])
    }

    /// A request with `value` in its system prompt before the conversation it is given.
    private func optionsRequest(_ value: String) -> String {
        """
        import { streamText } from 'ai';

        export async function chat(messages, options) {
          return streamText({ model: 'm', system: `Reading now: ${\(value)}\n\(SourceTest.policy)`, messages });
        }
        """
    }

    func testAnOptionalChainIsJudgedByItsPath() throws {
        let plain = try SourceTest.findingLines(optionsRequest("options.pageContext.content"), path: "chat.ts")
        XCTAssertEqual(plain, ["PL001@4"])
        XCTAssertEqual(try SourceTest.findingLines(optionsRequest("options?.pageContext.content"), path: "chat.ts"), plain)
        // A path whose names say nothing stays a parameter of unknown volatility.
        XCTAssertEqual(try SourceTest.findingLines(optionsRequest("options?.mode"), path: "chat.ts"), [])
    }
}
