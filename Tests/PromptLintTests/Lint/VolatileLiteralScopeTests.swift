import Foundation
import XCTest

@testable import PromptLint

/// Where PL002 reads: only text sent as it is, a request body or a rendered prompt without slots, can carry a value
/// filled in before the request. A literal written in source code or in a template with a slot is the same on every
/// request; what changes per request arrives through a call or a slot, which PL001 reads. Own text: one clock
/// literal in each kind of prompt.
final class VolatileLiteralScopeTests: XCTestCase {
    private let stamp = "2026-08-17T15:00:00Z"
    private let rules = String(repeating: "Answer in two short paragraphs, cite the ticket you used, and never promise refunds. ", count: 5)

    private func ids(_ text: String, path: String, format: TemplateFormat? = nil) throws -> [String] {
        try LintTest.linter().lint(text: text, path: path, format: format).findings.map(\.ruleID)
    }

    private func python(_ line: String) -> String {
        """
        from openai import OpenAI
        client = OpenAI()
        def reply(history):
            system = f"\(line) \(rules)"
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}] + history)
        """
    }

    private func typeScript(_ line: String) -> String {
        """
        import OpenAI from "openai";
        const client = new OpenAI();
        export async function reply(history: { role: "user"; content: string }[]) {
          const system = `\(line) \(rules)`;
          return client.chat.completions.create({ model: "m", messages: [{ role: "system", content: system }, ...history] });
        }
        """
    }

    func testALiteralInAPythonPromptIsQuiet() throws {
        XCTAssertFalse(try ids(python("Current time: \(stamp)."), path: "app.py").contains("PL002"))
        // The prompt is read: the same line made per request is PL001's.
        XCTAssertTrue(try ids(python("Current time: {datetime.now().isoformat()}."), path: "app.py").contains("PL001"))
    }

    func testALiteralInATypeScriptPromptIsQuiet() throws {
        XCTAssertFalse(try ids(typeScript("Current time: \(stamp)."), path: "app.ts").contains("PL002"))
        XCTAssertTrue(try ids(typeScript("Current time: ${new Date().toISOString()}."), path: "app.ts").contains("PL001"))
    }

    func testALiteralInATemplateWithASlotIsQuiet() throws {
        let template = "Current time: \(stamp).\n\(rules)\nThe customer's plan is {{ plan }}."
        XCTAssertFalse(try ids(template, path: "prompts/support.j2", format: .jinja).contains("PL002"))
    }

    func testTheLiteralInAPlainTextPromptWithoutSlotsStillFires() throws {
        XCTAssertTrue(try ids("Current time: \(stamp).\n\(rules)", path: "prompts/support.txt", format: .plainText).contains("PL002"))
    }

    private var anthropicBody: String {
        #"{"model": "claude-sonnet-4-5", "max_tokens": 300, "system": [{"type": "text", "text": "Current time: \#(stamp). \#(rules)", "cache_control": {"type": "ephemeral"}}], "messages": [{"role": "user", "content": "Hello"}]}"#
    }

    func testTheLiteralInARequestBodyStillFires() throws {
        XCTAssertTrue(try ids(anthropicBody, path: "request.json", format: .anthropicRequest).contains("PL002"))
        let findings = try LintTest.linter().lintRequest(Data(anthropicBody.utf8), kind: .anthropic)
        XCTAssertEqual(findings.filter { $0.ruleID == "PL002" }.count, 1)
    }

    /// PL004 (a volatile literal before a cache breakpoint) still names the literal in a request body.
    func testTheLiteralBeforeABreakpointIsStillPL004s() throws {
        let findings = try LintTest.linter().lintRequest(Data(anthropicBody.utf8), kind: .anthropic)
        let breakpoint = findings.first { $0.ruleID == "PL004" }
        XCTAssertTrue(breakpoint?.message.contains(stamp) ?? false, breakpoint?.message ?? "no PL004")
    }
}
