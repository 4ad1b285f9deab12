import Foundation
import XCTest

@testable import PromptLint

/// A Markdown or text file with nothing around it that says it is a prompt (a `parts/` folder, a plain name) is
/// read when a prompt-building source joins its name to a folder path and opens it (`JoinedPathLoads`); a name
/// that is only listed, or joined by a source that builds no prompt, leaves the file skipped.
final class JoinedPathLoadsTests: TemporaryFolderTestCase {
    func testAFileAPromptSourceJoinsByNameIsRead() throws {
        try LintTest.write("Hello {name}.", "bot/parts/greeting.md", in: dir)
        try LintTest.write("Rules go here.", "bot/parts/rules.txt", in: dir)
        try LintTest.write("Only listed.", "bot/parts/listed.md", in: dir)
        try LintTest.write("Joined by a script.", "tools/notes.md", in: dir)
        try LintTest.write("""
            import os
            from pathlib import Path
            import openai
            PARTS = Path(__file__).parent / "parts"
            COPIED = ["listed.md"]
            def greeting(name):
                return (PARTS / "greeting.md").read_text().format(name=name)
            def rules():
                return open(os.path.join(os.path.dirname(__file__), "parts/rules.txt")).read()
            """, "bot/prompt.py", in: dir)
        try LintTest.write("from pathlib import Path\nprint((Path('tools') / 'notes.md').read_text())\n", "tools/show.py", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read["bot/parts/greeting.md"], "read by name by bot/prompt.py (joined to a folder path)")
        XCTAssertEqual(found.read["bot/parts/rules.txt"], "read by name by bot/prompt.py (joined to a folder path)")
        XCTAssertEqual(found.skipped["bot/parts/listed.md"], FileDecision.noEvidenceReason)
        XCTAssertEqual(found.skipped["tools/notes.md"], FileDecision.noEvidenceReason)
    }

    func testJoinedLiterals() {
        let text = """
            a = base / "one.md"; b = path.join(__dirname, 'two.txt'); c = path.resolve(root, "sub/three.md")
            d = ["four.md"]; log("five.md"); e = x // "six.md"
            f = os.path.join(os.path.dirname(__file__), "seven.md")
            """
        XCTAssertEqual(JoinedPathLoads.joinedLiterals(text), ["one.md", "two.txt", "sub/three.md", "seven.md"])
        XCTAssertTrue(JoinedPathLoads.names("sub/three.md", path: ["app", "sub", "three.md"]))
        XCTAssertFalse(JoinedPathLoads.names("sub/three.md", path: ["app", "other", "three.md"]))
    }

    func testAPerUserValueInAJoinedFileIsReportedThere() throws {
        let findings = try SourceTest.folderFindings([
            "bot/parts/greeting.md": "You talk with {user_name}.\n\n\(SourceTest.longRules)",
            "bot/prompt.py": """
                from pathlib import Path
                import openai
                PARTS = Path(__file__).parent / "parts"
                def greeting(user_name):
                    return (PARTS / "greeting.md").read_text().format(user_name=user_name)
                """,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["bot/parts/greeting.md@1"])
    }
}
