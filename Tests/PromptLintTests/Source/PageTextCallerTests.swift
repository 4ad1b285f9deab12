import XCTest

@testable import PromptLint

/// A prompt builder's parameter filled by a page with what its user typed: a React text state that starts
/// empty (`const [moment, setMoment] = useState("")`) differs for each user and session, so the text after
/// it in the prompt is re-read for each of them. Each case is a generated folder checked as `promptlint check .` would.
final class PageTextCallerTests: XCTestCase {
    /// `path@line severity` of each PL001 finding of `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line) \($0.severity.rawValue)" }
    }

    /// A builder that quotes `moment` in an optional section placed where `layout` puts `${focus}`, and a page
    /// that passes its state started with `initial`.
    private func folder(initial: String, layout: String = "You are a coach.\n${focus}\n\(SourceTest.longRules)") -> [String: String] {
        [
            "lib/prompt.ts": """
                export function getSystemPrompt(moment?: string): string {
                  const focus = moment?.trim()
                    ? `Starting moment: "${moment.trim()}"`
                    : "";
                  return `\(layout)`;
                }
                """,
            "app/page.tsx": """
                import { useState } from "react";
                import { getSystemPrompt } from "@/lib/prompt";

                export default function Page({ conversation }: { conversation: any }) {
                  const [moment, setMoment] = useState(\(initial));
                  const start = async () => {
                    await conversation.startSession({ overrides: { agent: { prompt: { prompt: getSystemPrompt(moment) } } } });
                  };
                  return null;
                }
                """,
        ]
    }

    func testTypedTextBeforeLongRulesIsReportedWhereTheSectionQuotesIt() throws {
        XCTAssertEqual(try check(folder(initial: "\"\"")), ["lib/prompt.ts@3 warning"])
    }

    func testAStateThatStartsWithAModeIsNotTypedText() throws {
        XCTAssertEqual(try check(folder(initial: "\"together\"")), [])
    }

    func testTypedTextAfterAllStaticTextIsNotReported() throws {
        XCTAssertEqual(try check(folder(initial: "\"\"", layout: "You are a coach.\n\(SourceTest.longRules)\n${focus}")), [])
    }
}
