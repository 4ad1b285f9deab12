import Foundation
import XCTest

@testable import PromptLint

/// A coding-agent plugin (a folder holding `.claude-plugin/`) keeps prompts in its `commands` and
/// `agents` folders; the same folder names elsewhere are no evidence.
final class AgentPluginDiscoveryTests: TemporaryFolderTestCase {
    func testPluginCommandsAndAgentsAreRead() throws {
        try LintTest.write("{\"name\": \"dev\"}", "plugins/dev/.claude-plugin/plugin.json", in: dir)
        try LintTest.write("---\ndescription: x\n---\nDo $ARGUMENTS", "plugins/dev/commands/run.md", in: dir)
        try LintTest.write("---\nname: reviewer\n---\nYou review code.", "plugins/dev/agents/reviewer.md", in: dir)
        try LintTest.write("Example: /run $ARGUMENTS", "plugins/dev/skills/run/references/usage.md", in: dir)
        try LintTest.write("---\ntitle: Run\n---\nRun `make`.", "tools/commands/run.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read["plugins/dev/commands/run.md"], "in a prompts folder (plugins/dev/commands/)")
        XCTAssertEqual(found.read["plugins/dev/agents/reviewer.md"], "in a prompts folder (plugins/dev/agents/)")
        XCTAssertEqual(found.read.count, 2)
        XCTAssertNotNil(found.skipped["plugins/dev/skills/run/references/usage.md"])
        XCTAssertNotNil(found.skipped["tools/commands/run.md"])
    }

    func testCommandsAndSubagentsOfAListedPluginAreReadOnTheirContent() throws {
        try LintTest.write("---\nargument-hint: name\n---\nCreate it.", "plugins/dev/commands/new.md", in: dir)
        try LintTest.write("Request: $ARGUMENTS", "plugins/dev/commands/go.md", in: dir)
        try LintTest.write("---\nname: checker\ndescription: Checks.\n---\nYou check.", "plugins/dev/agents/checker.md", in: dir)
        try LintTest.write("---\nname: notes\n---\nNotes.", "plugins/dev/agents/notes.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        let command = "agent command file (`$ARGUMENTS` or command front matter in a commands folder)"
        XCTAssertEqual(found.read["plugins/dev/commands/new.md"], command)
        XCTAssertEqual(found.read["plugins/dev/commands/go.md"], command)
        XCTAssertEqual(found.read["plugins/dev/agents/checker.md"],
                       "subagent definition (front matter with name and description in an agents folder)")
        XCTAssertEqual(found.read.count, 3)
    }

    func testAWalkStartingAtThePluginRootReadsItsCommands() throws {
        try LintTest.write("{\"name\": \"dev\"}", "dev/.claude-plugin/plugin.json", in: dir)
        try LintTest.write("Do $ARGUMENTS", "dev/commands/run.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir, ["dev"])
        XCTAssertEqual(found.read["dev/commands/run.md"], "in a prompts folder (dev/commands/)")
    }
}
