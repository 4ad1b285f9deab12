import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses of source-holdout7 (session 13): a request
/// sent through a helper that passes its parameter as the messages (the list is built at the call site,
/// often in a file without prompts of its own), vector-store searches, results of `Promise.all`, members of
/// a default-exported object, conditional message lists, regex replacement from a table, a conversation
/// parameter defaulting to an empty list, and the author of a chat platform's message.
final class SourceScriptHelperTests: XCTestCase {
    private let helper = """
        import { GoogleGenAI } from "@google/genai";
        const ai = new GoogleGenAI({});
        async function generateResponse(content) {
          const response = await ai.models.generateContent({
            model: "gemini-2.0-flash",
            contents: content,
            config: { systemInstruction: "You are a helpful assistant that answers in a friendly tone." },
          });
          return response.text;
        }
        export default { generateResponse };
        """

    private let memory = """
        export async function recall({ queryVector, limit = 5 }) {
          const data = await index.query({ vector: queryVector, topK: limit, includeMetadata: true });
          return data.matches;
        }
        """

    /// The caller: recalled memory as the first message, then the stored conversation.
    private func caller(memoryFirst: Bool) -> String {
        let list = memoryFirst ? "[...recalled, ...turns]" : "[...turns, ...recalled]"
        return """
            import aiService from "./svc/ai.js";
            import { recall } from "./svc/memory.js";
            io.on("connection", (socket) => {
              socket.on("message", async (payload) => {
                const [memory, stored] = await Promise.all([recall({ queryVector: payload.vector, limit: 3 }), Message.find({ chat: payload.chat })]);
                const turns = stored.map((item) => ({ role: item.role, parts: [{ text: item.content }] }));
                const recalled = memory.length > 0 ? [{ role: "user", parts: [{ text: `Earlier messages:\\n${memory.map((m) => m.text).join("\\n")}` }] }] : [];
                const all = \(list);
                socket.emit("answer", await aiService.generateResponse(all));
              });
            });
            """
    }

    func testMemoryRetrievedBeforeTheConversationOfAHelperRequestBreaksIt() throws {
        let files = ["svc/ai.js": helper, "svc/memory.js": memory, "server.js": caller(memoryFirst: true)]
        let found = try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, ["server.js:7"])
        // After the conversation, the retrieved memory is the request's last input: nothing to break.
        let after = try SourceTest.folderFindings(["svc/ai.js": helper, "svc/memory.js": memory, "server.js": caller(memoryFirst: false)])
        XCTAssertEqual(after.filter { $0.ruleID == "PL001" }.count, 0)
    }

    func testAVectorStoreQueryIsRetrievalAndOtherQueriesAreNot() {
        XCTAssertNotNil(VolatileSources.source(searchMethod: "query", options: ["vector", "topK"]))
        XCTAssertNotNil(VolatileSources.source(searchMethod: "search", options: ["query_vector", "limit"]))
        XCTAssertNil(VolatileSources.source(searchMethod: "query", options: ["sql"]))
        XCTAssertNil(VolatileSources.source(searchMethod: "find", options: ["topK"]))
    }

    func testARegexReplacementFromATableFillsTheTemplatesFields() throws {
        let text = """
            const template = `
            \(SourceTest.nearThresholdPolicy)
            Now it is {hours}:{minutes}.
            \(SourceTest.nearThresholdPolicy) \(SourceTest.nearThresholdPolicy)
            `.trim();
            export function generateSystemMessage() {
                const now = new Date();
                const values = { "hours": String(now.getHours()), "minutes": String(now.getMinutes()) };
                return template.replace(/{([^}]+)}/g, (match, key) => values[key] || match);
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "template.ts"), ["PL001@3"])
        // Filled from constants, the fields change nothing.
        let fixed = text.replacingOccurrences(of: "String(now.getHours())", with: "\"09\"")
            .replacingOccurrences(of: "String(now.getMinutes())", with: "\"30\"")
        XCTAssertEqual(try SourceTest.findingLines(fixed, path: "template.ts"), [])
    }

    func testARegexLiteralArgumentKeepsTheArgumentPositions() {
        let module = SourceModule(tokens: ScriptLexer.tokens(Array("text.replace(/a/g, fill);".utf8)), language: .script)
        guard case .call(_, let args)? = module.calls.first?.node.kind else { return XCTFail("no call read") }
        XCTAssertEqual(args.count, 2)
    }

    func testOptionsSpreadFromAFunctionOfTheFileAreTheRequestsOptions() throws {
        // `generateText({ ...(await agentOptions()), messages })`: the system prompt comes from the object the
        // function returns, and the conversation is sent after it.
        let text = """
            import { generateText } from "ai";
            const AGENT_PROMPT = `You help with calendars. Today is {TODAY}.
            \(SourceTest.policy)`;
            async function agentOptions() {
              return { model: "m", system: AGENT_PROMPT.replace("{TODAY}", new Date().toISOString()) };
            }
            export async function run(messages) {
              return generateText({ ...(await agentOptions()), messages });
            }
            """
        func severities(_ text: String) throws -> [Severity] {
            try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "agent.ts", format: nil).findings
                .filter { $0.ruleID == "PL001" }.map(\.severity)
        }
        XCTAssertEqual(try SourceTest.findingLines(text, path: "agent.ts"), ["PL001@2"])
        XCTAssertEqual(try severities(text), [.warning])
        // An entry written after the spread overrides it, as in JavaScript: a static system prompt.
        let overridden = text.replacingOccurrences(of: "(await agentOptions()), messages", with: "(await agentOptions()), system: \"Be brief.\", messages")
        XCTAssertEqual(try severities(overridden), [])
    }

    func testAConversationParameterDefaultingToAnEmptyListIsTheConversation() throws {
        let text = """
            export const cheerfulPrompt = (message, context = []) => [
              { role: "system", content: `\(SourceTest.policy)
            The name of the person you talk to is ${message.author.username}. Call them by it.
            \(SourceTest.policy)` },
              ...context,
              { role: "user", content: message.content },
            ];
            """
        func severities(_ text: String) throws -> [Severity] {
            try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "prompt.ts", format: nil).findings.filter { $0.ruleID == "PL001" }.map(\.severity)
        }
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt.ts"), ["PL001@3"])
        XCTAssertEqual(try severities(text), [.warning])
        // Without the conversation after it, ~50 static tokens after the name save nothing: no finding.
        let alone = text.replacingOccurrences(of: "  ...context,\n", with: "")
        XCTAssertEqual(try severities(alone), [])
    }

    func testARecordPickedByAnIdFromTheRequestIsNotTheRequestsData() throws {
        let text = """
            import { streamText } from "ai";
            export async function POST(req) {
              const { threadId, content } = await req.json();
              const { data: persona } = await db.from("personas").select("*").eq("id", threadId).single();
              const history = await loadMessages(threadId);
              const result = await streamText({
                model,
                system: `${persona.style}\n\(SourceTest.nearThresholdPolicy) \(SourceTest.nearThresholdPolicy)`,
                messages: history,
              });
              return result.toDataStreamResponse();
            }
            """
        // Warnings with the default (cost) profile: a value judged by its name alone is only noted.
        func lines(_ text: String) throws -> [Int] {
            try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "route.ts", format: nil).findings
                .filter { $0.ruleID == "PL001" && $0.severity == .warning }.map(\.line)
        }
        XCTAssertEqual(try lines(text), [])
        // The request's own text in the same place is the request's data.
        XCTAssertEqual(try lines(text.replacingOccurrences(of: "${persona.style}", with: "${content}")), [8])
        // Without the lookup by id, the record is what the request sent.
        XCTAssertEqual(try lines(text.replacingOccurrences(of: ".eq(\"id\", threadId)", with: ".eq(\"title\", content)")), [8])
        XCTAssertTrue(SourceAnalysis.namesKey(SourceNode(kind: .name("chat_id"), range: 0..<7)))
        XCTAssertFalse(SourceAnalysis.namesKey(SourceNode(kind: .name("question"), range: 0..<8)))
    }

    func testAPromptSentOnlyAsAUserTurnIsTheRequestsInput() throws {
        let text = """
            export async function title(content) {
              const titlePrompt = `Conversation so far: ${content}\n\(SourceTest.nearThresholdPolicy)`;
              return await complete({ messages: [{ sender: "user", content: titlePrompt }] });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "title.ts"), [])
        // Sent as the system message, the same text is a prompt whose value comes before its instructions.
        let system = text.replacingOccurrences(of: "sender: \"user\"", with: "sender: \"system\"")
        XCTAssertEqual(try SourceTest.findingLines(system, path: "title.ts"), ["PL001@2"])
    }
}
