import XCTest

@testable import PromptLint

/// A project helper that fills a template's `{{name}}` placeholders from a table of values it builds,
/// used for a system message made by a message factory and kept in a list named as prompts
/// (`SourceFills`, `SourceReader.promptLists`).
final class SourceFillTests: XCTestCase {
    private func files(time: String) -> [String: String] {
        [
            "app/constant.ts": "export const DEFAULT_SYSTEM_TEMPLATE = `\nYou are ChatGPT, trained by {{ServiceProvider}}.\n"
                + "Current model: {{model}}\nCurrent time: {{time}}\n\(SourceTest.nearThresholdPolicy)\n`;\n",
            "app/store/chat.ts": """
                import { DEFAULT_SYSTEM_TEMPLATE } from "../constant";

                function fillTemplateWith(input: string, modelConfig: ModelConfig) {
                  const vars = {
                    ServiceProvider: "OpenAI",
                    model: modelConfig.model,
                    time: \(time),
                  };
                  let output = modelConfig.template ?? "{{input}}";
                  Object.entries(vars).forEach(([name, value]) => {
                    const regex = new RegExp(`{{${name}}}`, "g");
                    output = output.replace(regex, value.toString());
                  });
                  return output;
                }

                export function createMessage(override: Partial<ChatMessage>): ChatMessage {
                  return { id: nanoid(), role: "user", content: "", ...override };
                }

                export function systemMessages(modelConfig: ModelConfig) {
                  let systemPrompts: ChatMessage[] = [];
                  systemPrompts = [
                    createMessage({
                      role: "system",
                      content: fillTemplateWith("", { ...modelConfig, template: DEFAULT_SYSTEM_TEMPLATE }),
                    }),
                  ];
                  return systemPrompts;
                }
                """,
        ]
    }

    func testFillHelperPuttingTheClockInTheSystemTemplateIsAFindingAtTheClock() throws {
        let findings = try SourceTest.folderFindings(files(time: "new Date().toString()")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["app/store/chat.ts@7"])
    }

    func testFillHelperFillingOnlyConstantsIsClean() throws {
        let findings = try SourceTest.folderFindings(files(time: "\"2024-01-01\"")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, [])
    }
}
