import Foundation
import XCTest

@testable import PromptLint

/// GitHub agentic workflows (gh-aw): a `.github/workflows/*.md` with an `on:` trigger is an agent's
/// prompt whose `${{ … }}` expressions are filled at each run; the compiled `*.lock.yml` and the other
/// workflows stay CI files.
final class ReaderAgenticWorkflowTests: XCTestCase {
    private let workflow = """
        ---
        on:
          issues:
            types: [labeled]
        steps:
          - run: pip install "${{ github.workspace }}"
        ---
        # Triage

        Read issue #${{ github.event.issue.number }} in ${{ github.repository }} for ${{ github.actor }}.
        Use ${{ steps.sanitized.outputs.text }}, ${{ secrets.TOKEN }} and ${{ matrix.os }}; keep `{x}` and $HOME.
        """

    func testBodyExpressionsAreSlotsClassifiedByGhAwRules() {
        let t = ReaderTest.read(workflow, path: ".github/workflows/triage.md")
        XCTAssertEqual(t.format, .agenticWorkflow)
        XCTAssertEqual(t.messages.map(\.role), [.user])
        XCTAssertEqual(t.slots.map(\.expression), [
            "github.event.issue.number", "github.repository", "github.actor", "steps.sanitized.outputs.text",
            "secrets.TOKEN", "matrix.os",
        ])
        XCTAssertEqual(t.slots.map { $0.provenance?.volatility }, [.perRequest, .constant, .perUser, .perRequest, .constant, nil])
        XCTAssertEqual(t.slots.map(\.position.line), [10, 10, 10, 11, 11, 11])
    }

    func testOnlyMarkdownWithATriggerInAWorkflowsFolderIsClaimed() {
        XCTAssertTrue(AgenticWorkflowReader.isWorkflow(path: ".github/workflows/triage.md", text: workflow))
        XCTAssertFalse(AgenticWorkflowReader.isWorkflow(path: ".github/workflows/NOTES.md", text: "# Notes\n\non: push\n"))
        XCTAssertFalse(AgenticWorkflowReader.isWorkflow(path: "docs/workflows/triage.md", text: workflow))
        XCTAssertFalse(AgenticWorkflowReader.isWorkflow(path: ".github/workflows/shared/triage.md", text: workflow))
        XCTAssertFalse(AgenticWorkflowReader.isWorkflow(path: ".github/workflows/x.md", text: "---\nname: x\n---\non: push\n"))
    }

    func testDiscoveryReadsAgenticWorkflowsAndSkipsTheCompiledAndOtherWorkflows() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write(workflow, "repo/.github/workflows/triage.md", in: dir)
        try LintTest.write("name: triage\non: issues\n", "repo/.github/workflows/triage.lock.yml", in: dir)
        try LintTest.write("name: ci\non: push\n", "repo/.github/workflows/ci.yml", in: dir)
        try LintTest.write("# Release process\n", "repo/.github/workflows/RELEASE.md", in: dir)
        try LintTest.write("name: ci\non: push\n", "plain/.github/workflows/ci.yml", in: dir)
        try LintTest.write("# Notes {x}\n", "plain/.github/workflows/NOTES.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir, ["repo", "plain"])
        XCTAssertEqual(found.read, [
            "repo/.github/workflows/triage.md": "GitHub agentic workflow (gh-aw Markdown with an `on:` trigger in a workflows folder)",
        ])
        let ci = "CI workflow or its notes (GitHub Actions), not a prompt"
        XCTAssertEqual(found.skipped["repo/.github/workflows/triage.lock.yml"], ci)
        XCTAssertEqual(found.skipped["repo/.github/workflows/ci.yml"], ci)
        XCTAssertEqual(found.skipped["repo/.github/workflows/RELEASE.md"], ci)
        // Without a compiled agentic workflow the hidden `.github` folder is not entered at all.
        XCTAssertEqual(found.skipped["plain/.github/"], "hidden folder")
        // A walk that starts in the workflows folder reads the same way.
        let inside = try DiscoveryTest.discover(in: dir, ["repo/.github/workflows"])
        XCTAssertEqual(Array(inside.read.keys), ["repo/.github/workflows/triage.md"])
    }

    func testIssueNumberBeforeLongInstructionsIsAWarningAtTheExpression() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            ".github/workflows/triage.md": "---\non: issues\n---\nRead issue #${{ github.event.issue.number }}.\n\n\(rules)",
            ".github/workflows/triage.lock.yml": "name: triage\n",
            ".github/workflows/report.md": "---\non: issues\n---\n\(rules)\nRepository: ${{ github.repository }}, run ${{ github.run_id }}\n",
            ".github/workflows/report.lock.yml": "name: report\n",
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.column):\($0.severity.rawValue)" },
                       [".github/workflows/triage.md@4:13:warning"])
    }
}
