import XCTest

@testable import PromptLint

/// A finding's message is one line, even when the value it names is written over several lines of code.
final class SourceMessageLineTests: XCTestCase {
    func testAValueWrittenOverSeveralLinesIsNamedOnOneLine() throws {
        let text = """
            import { streamText } from "ai";
            export async function POST(req: Request) {
              const { messages, documents } = await req.json();
              const injected =
                documents && documents.length > 0
                  ? documents.map((d) => d.content).join("\\n\\n")
                  : "No documents found";
              return streamText({ model, system: `Documents:\\n${injected}\\n\\n\(SourceTest.policy)`, messages });
            }
            """
        let findings = try SourceTest.folderFindings(["route.ts": text]).filter { $0.ruleID == "PL001" }
        XCTAssertFalse(findings.isEmpty, "the per-request documents before the policy and the conversation are a break")
        for finding in findings {
            XCTAssertFalse(finding.message.contains("\n"), finding.message)
            // Anchored where the value enters the prompt; where it comes from is in the reason.
            XCTAssertTrue(finding.message.hasPrefix("${injected} is per-request (`injected` comes from req.json() at line 3"), finding.message)
            XCTAssertEqual(finding.line, 8)
        }
    }
}
