import XCTest

@testable import PromptLint

/// A prompt module that interpolates data imported from a JSON file the repository bundles, through an
/// expression opening with a parenthesis (`(shop.helplines as Helpline[]).map(…).join("\n")`): the data is
/// read once at module load, a constant of the deployment, however the expression is written.
final class BundledDataImportTests: XCTestCase {
    private let shopData = #"{ "name": "Corner Shop", "helplines": [{ "name": "Help desk", "phone": "555 0100" }] }"#

    /// A prompt module building its constant from the bundled `shop.json`.
    private var promptModule: String {
        """
        import shop from "../data/shop.json";

        interface Helpline {
          name: string;
          phone?: string;
        }

        export const systemPrompt = `You are the assistant of ${shop.name}.
        Helplines:
        ${(shop.helplines as Helpline[])
          .map((h) => `- ${h.name}${h.phone ? ` (${h.phone})` : ""}`)
          .join("\\n")}

        \(SourceTest.longRules)`;

        """
    }

    /// A route sending `system` before the conversation, with `imports` at its top.
    private func chatModule(imports: String, system: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";
        \(imports)

        const client = new Anthropic();

        export async function reply(history: Anthropic.MessageParam[]) {
          const system = \(system);
          return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, system, messages: history });
        }

        """
    }

    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }.sorted()
    }

    func testBundledJSONMappedInParenthesesIsAConstantOfTheDeployment() throws {
        let files = [
            "src/data/shop.json": shopData, "src/lib/prompt.ts": promptModule,
            "src/lib/chat.ts": chatModule(imports: #"import { systemPrompt } from "./prompt";"#, system: "systemPrompt"),
        ]
        XCTAssertEqual(try pl001(files), [])
    }

    /// Near miss: an imported function called in parentheses on each request, whose items read the clock, still
    /// changes with every request.
    func testImportedFunctionReadingTheClockInParenthesesStaysPerRequest() throws {
        let specials = """
            export function todaysSpecials() {
              return [{ title: `Special of ${new Date().toISOString()}` }];
            }

            """
        let system = """
            `You are the shop assistant.
            Specials:
            ${(todaysSpecials() as Special[]).map((s) => `- ${s.title}`).join("\\n")}

            \(SourceTest.longRules)`
            """
        let files = [
            "src/lib/specials.ts": specials,
            "src/lib/chat.ts": chatModule(
                imports: "import { todaysSpecials } from \"./specials\";\n\ninterface Special {\n  title: string;\n}", system: system),
        ]
        XCTAssertEqual(try pl001(files), ["src/lib/chat.ts:13"])
    }
}
