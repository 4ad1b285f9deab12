import Foundation
import XCTest

@testable import PromptLint

/// VS Code Copilot prompt files: front matter is metadata, only the editor's variables are slots, and
/// custom instruction files have none.
final class ReaderCopilotPromptTests: XCTestCase {
    private let prompt = """
        ---
        mode: agent
        description: Review a component
        ---
        Review ${selection} in ${file} for ${input:component:Name of the component}.
        Keep `const {a} = b`, {name} and `${value}` in templates as text; root is ${workspaceFolder}.
        """

    func testPromptFileSlotsAreTheEditorsVariablesOnly() {
        let t = ReaderTest.read(prompt, path: ".github/prompts/review.prompt.md")
        XCTAssertEqual(t.format, .copilotPrompt)
        XCTAssertEqual(t.metadata["description"], "Review a component")
        XCTAssertEqual(t.messages.map(\.role), [.user])
        XCTAssertEqual(t.slots.map(\.expression), ["selection", "file", "input:component:Name of the component", "workspaceFolder"])
        XCTAssertEqual(t.slots.map(\.variable), ["selection", "file", "component", "workspaceFolder"])
        XCTAssertEqual(t.slots.map { $0.provenance?.volatility }, [.perRequest, .perRequest, .perRequest, .constant])
        XCTAssertEqual(t.slots.map(\.position.line), [5, 5, 5, 6])
    }

    func testPromptMarkdownOutsideCopilotsFolderNeedsAnEditorVariable() {
        XCTAssertEqual(ReaderTest.read("Simplify {code} here.", path: "src/tests/x/simplify.prompt.md").format, .fstring)
        XCTAssertEqual(ReaderTest.read("Explain ${selection}.", path: "prompts/explain.prompt.md").format, .copilotPrompt)
    }

    func testInstructionFilesHaveNoSlots() {
        let t = ReaderTest.read("---\napplyTo: \"**/*.ts\"\n---\nUse `const {a} = b` and {name}.\n",
                                path: ".github/instructions/ts.instructions.md")
        XCTAssertEqual(t.format, .agentDefinition)
        XCTAssertEqual(t.slots.count, 0)
        XCTAssertEqual(t.metadata["applyTo"], "**/*.ts")
    }

    func testSelectionBeforeLongInstructionsIsAWarningAtTheSelection() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            ".github/prompts/long.prompt.md": "---\nmode: ask\n---\nCode: ${selection}\n\n\(rules)",
            ".github/prompts/late.prompt.md": "---\nmode: ask\n---\n\(rules)\nCode: ${selection}\n",
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.column):\($0.severity.rawValue)" },
                       [".github/prompts/long.prompt.md@4:7:warning"])
    }
}
