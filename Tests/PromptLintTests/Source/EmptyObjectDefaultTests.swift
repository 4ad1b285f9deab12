import XCTest

@testable import PromptLint

/// An exported function whose session parameter defaults to an empty object (`context = {}`) fills an imported
/// prompt constant's placeholder with it before the session's history: the default only makes the argument
/// optional, so the callers' per-request value is what fills the prompt.
final class EmptyObjectDefaultTests: XCTestCase {
    /// A prompt module with `{{STATE}}` between long static rules, and a module filling it from `context`.
    private func files(fill: String, parameter: String = "context = {}", history: Bool = true) -> [String: String] {
        [
            "src/prompts.js": "export const SYSTEM_PROMPT = `\(SourceTest.policy)\n- State: {{STATE}}\n\(SourceTest.policy)\n`;\n",
            "src/engine.js": """
                import OpenAI from 'openai';
                import { SYSTEM_PROMPT } from './prompts.js';
                const client = new OpenAI();

                export async function respond(userMessage, \(parameter)) {
                  const systemPrompt = SYSTEM_PROMPT.replace('{{STATE}}', \(fill));
                  const messages = [
                    { role: "system", content: systemPrompt },
                    \(history ? "...(context.history || []).map(m => ({ role: m.role, content: m.content }))," : "")
                    { role: "user", content: userMessage },
                  ];
                  return await client.chat.completions.create({ model: "m", messages });
                }
                """,
        ]
    }

    func testEmptyObjectDefaultFillingAnImportedPromptBeforeTheHistoryIsFlaggedAtThePlaceholder() throws {
        let findings = try SourceTest.folderFindings(files(fill: "JSON.stringify(context)")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["src/engine.js@6"])
        XCTAssertEqual(findings.first?.related.first { $0.path != nil }?.path, "src/prompts.js")
        XCTAssertEqual(findings.first?.related.first { $0.path != nil }?.line, 2)
    }

    func testSameShapeWithoutTheDefaultIsFlaggedToo() throws {
        let findings = try SourceTest.folderFindings(files(fill: "JSON.stringify(context)", parameter: "context"))
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map(\.line), [6])
    }

    func testPlaceholderFilledWithAConstantStaysQuiet() throws {
        let findings = try SourceTest.folderFindings(files(fill: "'none'")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [])
    }

    func testNoConversationAfterTheFillStaysQuiet() throws {
        // One request with a short static tail and no history after the value: a cheap break at most.
        let findings = try SourceTest.folderFindings(files(fill: "JSON.stringify(context)", history: false))
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map(\.line), [])
    }

    func testNonEmptyConstantDefaultIsStillItsValue() throws {
        // `mode = "brief"` with no caller in the folder: the default is the value read, a constant.
        let findings = try SourceTest.folderFindings(files(fill: "mode", parameter: "mode = \"brief\", context = {}"))
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map(\.line), [])
    }
}
