import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript results of source-holdout17 and holdout18 (session 22):
/// a date cut from an ISO timestamp by a chain written over several lines; a `<` comparison (or nested type
/// arguments ending in `>>`) inside a callback's body, which swallowed the rest of the call; an SDK import
/// written over several lines and Gemini's `systemInstruction` name, which the source sniff did not see; a
/// return type holding an object type inside type arguments, taken for the function's body; and a
/// conditional whose chosen text interpolates the value lines after the condition.
final class SourceHoldout17ScriptDevTests: XCTestCase {
    /// `PL001@line` of `promptlint check` on a folder holding `files`, for the file `path`.
    private func pl001(_ files: [String: String], in path: String) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" && $0.path.hasSuffix(path) }.map { "PL001@\($0.line)" }
    }

    // MARK: a date cut from an ISO timestamp over several lines

    private func notesRoute(cut: String) -> String {
        """
        import { streamText } from "ai";

        export function notesPrompt(): string {
          const now = new Date();
          return `You help the user search their notes. Answer briefly.
        - "last week" means createdAfter: "${
            new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000)
              .toISOString()\(cut)
          }"
        \(SourceTest.policy)`;
        }

        export async function POST(req: Request) {
          const { messages } = await req.json();
          return streamText({ model: "m", system: notesPrompt(), messages }).toTextStreamResponse();
        }
        """
    }

    func testADateSplitFromAnISOTimestampOverSeveralLinesIsPerDay() throws {
        XCTAssertEqual(try pl001(["route.ts": notesRoute(cut: "\n      .split(\"T\")[0]")], in: "route.ts"), [])
    }

    func testADateSlicedFromAnISOTimestampOverSeveralLinesIsPerDay() throws {
        XCTAssertEqual(try pl001(["route.ts": notesRoute(cut: "\n      .slice(0, 10)")], in: "route.ts"), [])
    }

    func testTheWholeTimestampOverSeveralLinesIsStillPerRequest() throws {
        XCTAssertEqual(try pl001(["route.ts": notesRoute(cut: "")], in: "route.ts"), ["PL001@6"])
    }

    // MARK: a callback body before the system prompt

    private func chatAgent(callback: String) -> String {
        """
        import { streamText } from "ai";

        export async function reply(history) {
          const result = streamText({
            model: "m",
            messages: history,
            onFinish: (event) => {
              \(callback)
            },
            system: `You are a helpful assistant for a spreadsheet tool. Keep answers short and friendly.

        Current time: ${new Date().toUTCString()}
        `,
          });
          return result;
        }
        """
    }

    func testAComparisonInACallbackBodyKeepsTheSystemPromptAfterIt() throws {
        XCTAssertEqual(try pl001(["agent.ts": chatAgent(callback: "if (event.steps.length < 3) console.log(event.text);")], in: "agent.ts"), ["PL001@12"])
    }

    func testNestedTypeArgumentsInACallbackBodyKeepTheSystemPromptAfterIt() throws {
        XCTAssertEqual(try pl001(["agent.ts": chatAgent(callback: "save(event as Parameters<Handler<Tools>>[0]);")], in: "agent.ts"), ["PL001@12"])
    }

    func testAShiftInACallbackBodyStillParses() throws {
        XCTAssertEqual(try pl001(["agent.ts": chatAgent(callback: "const flags = event.bits >> 2;")], in: "agent.ts"), ["PL001@12"])
    }

    // MARK: the source sniff

    func testTheClosingLineOfAMultiLineImportMarksAnSDKImport() {
        XCTAssertTrue(SourceSniff.buildsPrompts("import {\n  streamText,\n  convertToModelMessages,\n} from \"ai\";\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("export {\n  generateText,\n} from 'ai';\n"))
    }

    func testAMultiLineImportOfAnotherModuleDoesNotMarkTheFile() {
        XCTAssertFalse(SourceSniff.buildsPrompts("import {\n  formatDate,\n  parseDate,\n} from \"./dates\";\nconst x = { a: 1 };\n"))
    }

    func testGeminisSystemInstructionNamesAPrompt() {
        XCTAssertTrue(SourceSniff.buildsPrompts("export function buildSystemInstruction(files) {\n  return `You help.`;\n}\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("config = types.GenerateContentConfig(system_instruction=RULES)\n"))
        XCTAssertFalse(SourceSniff.buildsPrompts("export function buildInstructionList(steps) {\n  return steps;\n}\n"))
    }

    func testAPromptModuleWithOnlyAMultiLineSDKImportIsRead() throws {
        let files = [
            "src/lib/agent.ts": """
                import {
                  streamText,
                  convertToModelMessages,
                } from "ai";

                export async function run(messages) {
                  return streamText({
                    model: "m",
                    system: `You are a research helper. Today is ${new Date().toISOString()}.
                \(SourceTest.policy)`,
                    messages: convertToModelMessages(messages),
                  });
                }
                """,
        ]
        XCTAssertEqual(try pl001(files, in: "src/lib/agent.ts"), ["PL001@9"])
    }

    // MARK: a return type holding an object type inside type arguments

    private func knowledgeModule(returnType: String, knowledgeLast: Bool) -> String {
        let list = knowledgeLast
            ? """
                { role: "system", content: SYSTEM_PROMPT },
                ...history.map((m) => ({ role: m.role, content: m.content })),
                { role: "user", content: knowledgeContext ?? "" },
              """
            : """
                { role: "system", content: systemParts.join("\\n\\n") },
                ...history.map((m) => ({ role: m.role, content: m.content })),
              """
        return """
            const SYSTEM_PROMPT = `You answer questions with the shared knowledge base. Cite entries by number.`;

            export function buildMessages(
              history: Message[],
              knowledgeContext?: string,
            )\(returnType) {
              const systemParts = [SYSTEM_PROMPT];
              if (knowledgeContext) {
                systemParts.push(knowledgeContext);
              }
              return [
            \(list)
              ];
            }

            export async function complete(history: Message[], knowledgeContext?: string) {
              return fetch("https://openrouter.ai/api/v1/chat/completions", {
                method: "POST",
                body: JSON.stringify({ model: "m", messages: buildMessages(history, knowledgeContext) }),
              });
            }
            """
    }

    func testAnObjectTypeInsideTypeArgumentsIsPartOfTheReturnType() throws {
        let text = knowledgeModule(returnType: ": Array<{ role: string; content: string }>", knowledgeLast: false)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "stream.ts"), ["PL001@9"])
    }

    func testAnArrayOfObjectTypesIsPartOfTheReturnType() throws {
        let text = knowledgeModule(returnType: ": { role: string; content: string }[]", knowledgeLast: false)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "stream.ts"), ["PL001@9"])
    }

    func testKnowledgeInTheLastUserMessageStaysCleanWithTheSameReturnType() throws {
        let text = knowledgeModule(returnType: ": Array<{ role: string; content: string }>", knowledgeLast: true)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "stream.ts"), [])
    }

    // MARK: a conditional whose text interpolates the value lines after the condition

    private func memoryAgent(branch: String) -> String {
        """
        import { streamText } from "ai";

        export async function reply(history, question) {
          const relevantMemories = await searchMemories(question);
          const systemPrompt = `You are a warm personal companion with a long memory.

        ${relevantMemories.length > 0 ? `Relevant memories:
        \(branch)` : "No relevant memories yet."}

        \(SourceTest.policy)`;
          return streamText({ model: "m", system: systemPrompt, messages: history });
        }
        """
    }

    func testAConditionalsValueIsReportedWhereItsTextInterpolatesIt() throws {
        let text = memoryAgent(branch: "${relevantMemories.map((m) => `- ${m.content}`).join(\"\\n\")}")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "agent.ts"), ["PL001@8"])
    }

    func testAConditionalWithoutInterpolationKeepsItsOwnLine() throws {
        let text = """
            import { streamText } from "ai";

            export async function reply(history, question) {
              const relevantMemories = await searchMemories(question);
              const systemPrompt = `You are a warm personal companion with a long memory.

            ${relevantMemories.length > 0
              ? relevantMemories.join("\\n")
              : "No relevant memories yet."}

            \(SourceTest.policy)`;
              return streamText({ model: "m", system: systemPrompt, messages: history });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "agent.ts"), ["PL001@7"])
    }
}
