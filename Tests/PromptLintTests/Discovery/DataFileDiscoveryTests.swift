import Foundation
import XCTest

@testable import PromptLint

/// Data files that hold prompt text without being prompts: recorded model exchanges and data sets of
/// many records of one shape; and prompt files that list many examples, which stay prompts.
final class DataFileDiscoveryTests: TemporaryFolderTestCase {
    private func discover() throws -> (read: [String: String], skipped: [String: String]) {
        try DiscoveryTest.discover(in: dir)
    }

    func testRecordedPromptsAndResponsesAreData() throws {
        let recording = """
            generate_tests:
              3f2a9c1b7d00:
                prompt:
                  system: ''
                  user: "You write unit tests for {{ language }} code. Here is the file:"
                response: "```yaml\\nlanguage: go\\n```"
                prompt_tokens: 374
                completion_tokens: 29
            """
        try LintTest.write(recording, "replays/go_prompts_responses.yml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped["replays/go_prompts_responses.yml"],
                       "recorded model responses (`response` with `completion_tokens`)")
    }

    func testManyRecordsOfOneShapeAreADataSetEvenUnderAKey() throws {
        // A prompt-shortcut list: [title, prompt] pairs per language, larger than the head discovery sniffs.
        let pair = "[\"Act as a terminal\", \"I want you to act as a terminal. Reply only with the output. " + String(repeating: "x", count: 400) + "\"]"
        let rows = (0..<200).map { _ in pair }.joined(separator: ",\n")
        try LintTest.write("{\"en\": [\n\(rows)\n]}", "public/prompts.json", in: dir)
        let acts = (0..<25).map { "- act: Role \($0)\n  prompt: I want you to act as role \($0) and answer in one line." }
        try LintTest.write(acts.joined(separator: "\n"), "prompts/library.yaml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped["public/prompts.json"], "data set (200 records of one shape under `en`)")
        XCTAssertEqual(found.skipped["prompts/library.yaml"], "data set (25 records of one shape)")
    }

    func testTemplatesAndPromptFilesWithManyExamplesStayPrompts() throws {
        // Records that are templates (placeholders) are prompts a program fills.
        let agents = (0..<22).map { "agent\($0):\n  role: Analyst \($0)\n  goal: Study {topic} for the team\n  backstory: You know {topic} well." }
        try LintTest.write(agents.joined(separator: "\n"), "config/agents.yaml", in: dir)
        // A system prompt beside a long list of examples.
        let examples = (0..<30).map { "  - input: question \($0)\n    output: answer \($0)" }
        try LintTest.write("system_prompt: |\n  You answer questions about the catalogue in one short line.\nexamples:\n"
                           + examples.joined(separator: "\n"), "fewshot_prompt.yaml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read["config/agents.yaml"], "agent definitions (`role`, `goal`, `backstory`)")
        XCTAssertEqual(found.read["fewshot_prompt.yaml"], "prompt-like file name")
    }

    func testRequestBodiesUnderATestsFolderAreFixturesUnlessNamedAsPrompts() throws {
        let body = """
            {"model": "claude-x", "system": [{"type": "text", "text": "You are a helpful assistant.", "cache_control": {"type": "ephemeral"}}],
             "messages": [{"role": "user", "content": "hi"}]}
            """
        try LintTest.write(body, "src/providers/__tests__/golden/plain-conversation.json", in: dir)
        try LintTest.write(body, "src/requests/plain-conversation.json", in: dir)
        try LintTest.write("You review {{ language }} code.", "tests/prompts/review.txt", in: dir)
        let found = try discover()
        XCTAssertEqual(found.skipped["src/providers/__tests__/golden/plain-conversation.json"],
                       "test fixture (in a tests folder, without a prompt-like name)")
        XCTAssertNotNil(found.read["src/requests/plain-conversation.json"], "outside a tests folder a request body is a prompt")
        XCTAssertNotNil(found.read["tests/prompts/review.txt"], "a prompts folder is evidence even below tests/")
    }
}
