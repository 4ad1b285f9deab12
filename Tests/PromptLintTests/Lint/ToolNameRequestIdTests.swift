import XCTest

@testable import PromptLint

/// A tool's name written in a prompt (`run_powershell`, `call_supervisor`, `trace_dependencies`) shares a prefix
/// with a provider's request ids (`run_…`, `call_…`, `trace_…`) but is a lower-case word the author wrote once:
/// a generated id mixes in digits or capitals (`toolu_01A09q90qw90`, `req_ABCDEFGHIJKL`). Source-holdout23:
/// zhujian0805/ironbot src/services/claude_processor.ts line 20 named the tool `run_powershell`. Own text,
/// in a rendered plain-text prompt: PL002 reads only text sent as it is.
final class ToolNameRequestIdTests: XCTestCase {
    private func prompt(_ line: String) -> String {
        "You are an operations assistant with shell access.\n\(line)\n"
            + String(repeating: "Answer briefly, quote the command output exactly and never invent results you did not see.\n", count: 6)
    }

    private func volatileLiterals(_ line: String) throws -> [String] { try LintTest.volatileLiterals(prompt(line)) }

    func testALowerCaseToolNameIsNotARequestId() throws {
        for line in ["For system questions you MUST use run_powershell or run_bash.", "Escalate with call_supervisor first.",
                     "Use trace_dependencies to follow imports."] {
            XCTAssertEqual(try volatileLiterals(line), [], line)
        }
    }

    func testAGeneratedRequestIdIsStillFound() throws {
        for line in ["Last tool call: toolu_01A09q90qw90lq917835", "Request req_ABCDEFGHIJKL is being retried.",
                     "Run run_8f3k2m9x1q resumed."] {
            XCTAssertEqual(try volatileLiterals(line), ["PL002@2"], line)
        }
    }
}
