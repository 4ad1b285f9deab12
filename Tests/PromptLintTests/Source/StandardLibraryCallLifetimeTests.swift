import XCTest

@testable import PromptLint

/// A module that calls a standard-library method named like a request at module level (`JSON.parse` of a
/// data file) is not a script for that: `parse` sends a prompt only on a model client
/// (`client.beta.chat.completions.parse`). A date it computes at import is then a constant of the process
/// that imports it, not a value that differs per run (source-holdout29, session 33).
final class StandardLibraryCallLifetimeTests: XCTestCase {
    private func config(sending send: String) -> String {
        """
        import fs from 'fs';
        import OpenAI from 'openai';

        const facts = JSON.parse(fs.readFileSync('facts.json', 'utf-8'));
        const today = new Date().toISOString().split('T')[0];

        const SYSTEM_PROMPT = `Today is ${today}.
        \(SourceTest.longRules)
        Answer from these facts: ${JSON.stringify(facts)}`;

        export const CALL_CONFIG = { systemPrompt: SYSTEM_PROMPT, voice: 'calm' };
        \(send)
        """
    }

    private func pl001Lines(_ text: String) throws -> [Int] {
        try SourceTest.folderFindings(["config.js": text]).filter { $0.ruleID == "PL001" }.map(\.line)
    }

    func testADataFileDecodedAtImportLeavesADateConstant() throws {
        XCTAssertEqual(try pl001Lines(config(sending: "")), [])
    }

    func testAStructuredRequestAtImportStillMakesAScript() throws {
        let send = """
            const answer = await new OpenAI().beta.chat.completions.parse({ model: 'gpt-4o', messages: [
              { role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: process.env.QUESTION }] });
            """
        XCTAssertEqual(try pl001Lines(config(sending: send)), [7])
    }
}
