import Foundation
import XCTest

@testable import PromptLint

/// Agent skills (`SKILL.md` with skill front matter, in any folder, in a plugin or in a hidden `skills`
/// folder) are prompts; the other files of a skill's folder are resources the agent reads on demand.
final class AgentSkillDiscoveryTests: TemporaryFolderTestCase {
    private let skill = "---\nname: new-app\ndescription: Scaffold an app.\nargument-hint: [name]\n---\n\nName: $ARGUMENTS\n"

    func testSkillFilesAreReadAndTheirResourcesSkipped() throws {
        try LintTest.write("{\"name\": \"dev\"}", "plugin/.claude-plugin/plugin.json", in: dir)
        try LintTest.write(skill, "plugin/skills/new-app/SKILL.md", in: dir)
        try LintTest.write("Prompts: {x}", "plugin/skills/new-app/references/prompts.md", in: dir)
        try LintTest.write(skill, "use-cases/team/SKILL.md", in: dir)
        try LintTest.write("# Plan", "use-cases/team/example-plan/system_prompt.md", in: dir)
        try LintTest.write(skill, ".claude/skills/release/SKILL.md", in: dir)
        try LintTest.write("Notes only.", "other/SKILL.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        let evidence = "agent skill (SKILL.md with skill front matter)"
        XCTAssertEqual(found.read["plugin/skills/new-app/SKILL.md"], evidence)
        XCTAssertEqual(found.read["use-cases/team/SKILL.md"], evidence)
        XCTAssertEqual(found.read[".claude/skills/release/SKILL.md"], evidence)
        XCTAssertEqual(found.read.count, 3)
        XCTAssertEqual(found.skipped["plugin/skills/new-app/references/prompts.md"],
                       "resource of the agent skill in plugin/skills/new-app/ (read by the agent on demand, not a prompt)")
        XCTAssertNotNil(found.skipped["use-cases/team/example-plan/system_prompt.md"])
        XCTAssertEqual(found.skipped["other/SKILL.md"], "SKILL.md without skill front matter (`name`, `description`)")
    }

    func testAWalkStartingInASkillFolderReadsTheSkill() throws {
        try LintTest.write(skill, "new-app/SKILL.md", in: dir)
        try LintTest.write("Example prompt", "new-app/prompt.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir, ["new-app"])
        XCTAssertEqual(Array(found.read.keys), ["new-app/SKILL.md"])
    }

    func testSkillArgumentsBeforeLongInstructionsIsAFindingAtTheArguments() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            "skills/deploy/SKILL.md": "---\nname: build\ndescription: Build it\nargument-hint: [plan]\n---\nPlan: $ARGUMENTS[0]\n\n\(rules)",
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.severity.rawValue)" }, ["skills/deploy/SKILL.md@6:warning"])
    }
}
