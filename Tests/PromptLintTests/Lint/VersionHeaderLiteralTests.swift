import Foundation
import XCTest

@testable import PromptLint

/// A prompt file kept as a version of the prompt opens with a header saying which version it is, when it was
/// written and for which model (holdout31's companion app). The header's timestamp is the authoring date, the same
/// on every request, so PL002 leaves it alone; a timestamp in the prompt's own text, or a header naming no version,
/// still fires. The prompts are rendered plain text without slots: PL002 reads only text sent as it is (it is
/// quiet in templates with slots and in source code).
final class VersionHeaderLiteralTests: XCTestCase {
    private let body = """

        You are a night-shift companion. Listen first, answer in two or three short sentences, never give medical
        advice, and suggest a break when the user has been talking for a long time. Keep a calm, warm tone.
        """

    private func literals(_ text: String) throws -> [String] { try LintTest.volatileLiterals(text) }

    func testTheAuthoringDateOfAVersionHeaderIsConstant() throws {
        let quoted = "# Companion prompt v2.1\n\n> **Version**: v2.1\n> **Date**: 2026-05-02 09:40\n> **Model**: any chat model\n"
        XCTAssertEqual(try literals(quoted + body), [])
        let plain = "# Companion\nversion: 2.1.0\nupdated: 2026-05-02T09:40:00Z\n"
        XCTAssertEqual(try literals(plain + body), [])
    }

    func testATimestampOutsideAVersionHeaderStillFires() throws {
        // A header naming no version is not a version header.
        XCTAssertEqual(try literals("# Companion\n\n> **Date**: 2026-05-02 09:40\n> **Model**: any chat model\n" + body),
                       ["PL002@3"])
        // A setting such as a temperature is not a version number.
        XCTAssertEqual(try literals("Temperature: 0.7\nCurrent time: 2026-05-02 09:40\n" + body), ["PL002@2"])
        // The prompt's own text below the header keeps its finding.
        let text = "> **Version**: v2.1\n> **Author**: the team\n\nCurrent time: 2026-05-02 09:40\n" + body
        XCTAssertEqual(try literals(text), ["PL002@4"])
    }

    func testVersionHeaderRange() {
        XCTAssertNotNil(VersionHeader.range(in: "# T\n\n> Version: v3\n> Time: 2026-01-01 10:00\n\nBody"))
        XCTAssertNil(VersionHeader.range(in: "Hello.\nVersion: v3\n"))
        XCTAssertNil(VersionHeader.range(in: ""))
        XCTAssertNil(VersionHeader.range(in: "\n\n\n"))
        XCTAssertNotNil(VersionHeader.range(in: "# T\r\n\r\nVersion: v3\r\nTime: 2026-01-01 10:00\r\n\r\nBody"))
        XCTAssertNil(VersionHeader.range(in: String(repeating: "x", count: 100_000) + "\nVersion: v3\nTime: 2026-01-01 10:00"))
    }
}
