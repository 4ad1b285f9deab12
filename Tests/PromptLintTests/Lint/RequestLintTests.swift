import Foundation
import XCTest

@testable import PromptLint

/// The run-time library call: lint a request body before it is sent, with the same findings as the CLI.
final class RequestLintTests: XCTestCase {
    let anthropic = """
        {"model": "claude-sonnet-4-5", "max_tokens": 400,
         "system": [{"type": "text", "text": "Now: 2026-01-05T08:00:00Z. You are a meticulous assistant that reviews contracts for missing clauses, unusual liability terms and renewal traps. List each problem with the clause number and a one-line explanation, most severe first, and never give legal advice.", "cache_control": {"type": "ephemeral"}}],
         "messages": [{"role": "user", "content": "Please review the attached contract."}]}
        """
    let openAI = """
        {"model": "gpt-4.1-mini", "messages": [
          {"role": "system", "content": "You are a meticulous assistant that reviews contracts for missing clauses, unusual liability terms and renewal traps. List each problem with the clause number and a one-line explanation."},
          {"role": "user", "content": "Request 3f2b8c1a-9d4e-4f6a-b7c8-0e1d2c3b4a59: review the attached contract."}]}
        """

    func testAnthropicRequestFindings() throws {
        let linter = try LintTest.linter()
        let findings = linter.lintRequest(Data(anthropic.utf8), kind: .anthropic)
        let ids = Set(findings.map(\.ruleID))
        XCTAssertTrue(ids.isSuperset(of: ["PL002", "PL004", "PL003"]), "\(findings.map(\.message))")
        XCTAssertTrue(findings.allSatisfy { $0.path == "<request>" })
        XCTAssertFalse(findings.contains { $0.ruleID == "PL003" && $0.message.contains("deepseek") },
                       "an Anthropic request is only checked against Anthropic-format providers")
    }

    func testOpenAIRequestWithVolatileValuesOnlyAtTheEndIsClean() throws {
        let findings = try LintTest.linter().lintRequest(Data(openAI.utf8), kind: .openAI)
        XCTAssertEqual(findings.filter { $0.severity >= .warning }.map(\.message), [])
    }

    func testSameFindingsAsTheCommandLine() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write(anthropic, "request.json", in: dir)
        let runner = LintRunner(ruleDirectories: [],
                                configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let fromFile = try runner.run(["request.json"]).findings
        let fromLibrary = try LintTest.linter().lintRequest(Data(anthropic.utf8), kind: .anthropic)
        func key(_ f: Finding) -> String { "\(f.ruleID) \(f.line):\(f.column) \(f.message)" }
        XCTAssertEqual(fromFile.map(key), fromLibrary.map(key))
        XCTAssertEqual(try runner.run(["request.json"]).files.first?.format, "anthropic-request")
    }

    func testInvalidBodyIsAParseFinding() throws {
        let findings = try LintTest.linter().lintRequest(Data("{\"messages\": [".utf8), kind: .openAI)
        XCTAssertTrue(findings.contains { $0.ruleID == "PL008" })
    }
}
