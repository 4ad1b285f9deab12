import Foundation
import XCTest

@testable import PromptLint

/// Coding-agent command files (Claude Code slash commands): front matter is metadata, `$ARGUMENTS`,
/// `$1`..`$9` and `` !`cmd` `` are per-invocation slots, and only Markdown under a `commands` folder is
/// read so.
final class ReaderAgentCommandTests: XCTestCase {
    private let command = """
        ---
        description: Triage an issue
        allowed-tools: Bash(gh:*)
        ---

        Context: $ARGUMENTS

        Status: !`git status`
        Cost: $10 per run, {name} stays text, first argument $1.
        """

    func testCommandInACommandsFolderIsReadWithoutItsFrontMatter() {
        let t = ReaderTest.read(command, path: ".claude/commands/triage.md")
        XCTAssertEqual(t.format, .agentCommand)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.metadata["description"], "Triage an issue")
        XCTAssertEqual(t.messages.count, 1)
        XCTAssertEqual(t.messages[0].role, .user)
        XCTAssertEqual(ReaderTest.outline(t.messages[0]),
                       "\nContext: ⟨ARGUMENTS⟩\n\nStatus: ⟨git status⟩\nCost: $10 per run, {name} stays text, first argument ⟨1⟩.")
        XCTAssertEqual(t.slots.map(\.position.line), [6, 8, 9])
    }

    func testSubstitutionsArePerRequestOnTheFormatsEvidence() {
        let slots = ReaderTest.read(command, path: "plugins/x/commands/triage.md").slots
        XCTAssertEqual(slots.map { $0.provenance?.volatility }, [.perRequest, .perRequest, .perRequest])
        XCTAssertEqual(slots.map { $0.provenance?.kind }, [.input, .value, .input])
        XCTAssertEqual(slots.map { $0.provenance?.evidence }, [.evidence, .evidence, .evidence])
    }

    func testCommandsThatOnlyReadTheCheckoutAreConstant() {
        let text = "---\ndescription: Prime\n---\n!`ls src/`\n!`cat package.json | head -35`\n!`ls x 2>/dev/null || echo none`\n!`git log -5`\n"
        let slots = ReaderTest.read(text, path: ".claude/commands/prime.md").slots
        XCTAssertEqual(slots.map { $0.provenance?.volatility }, [.constant, .constant, .constant, .perRequest])
        XCTAssertFalse(AgentCommandReader.readsCheckoutOnly("ls && date"))
    }

    func testMarkdownOutsideACommandsFolderStaysMarkdown() {
        XCTAssertEqual(ReaderTest.read("Fix $ARGUMENTS now.", path: "docs/commands.md").format, .markdown)
        XCTAssertEqual(ReaderTest.read("Plain notes, no substitutions.", path: "commands/notes.md").format, .markdown)
        XCTAssertEqual(ReaderTest.read("Fix $ARGUMENTS now.", path: "a/commands/git/fix.md").format, .agentCommand)
    }

    func testArgumentsBeforeLongInstructionsIsAWarningAtTheArguments() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            "plugins/dev/.claude-plugin/plugin.json": "{\"name\": \"dev\"}",
            "plugins/dev/commands/build.md": "---\ndescription: Build it\n---\n\nRequest: $ARGUMENTS\n\n\(rules)",
            "plugins/dev/commands/short.md": "---\ndescription: Short\n---\n\nDo this: $ARGUMENTS\n",
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.severity.rawValue)" },
                       ["plugins/dev/commands/build.md@5:warning"])
    }
}

/// Subagent and custom-agent definitions are sent verbatim: nothing in them is a slot.
final class ReaderAgentDefinitionTests: XCTestCase {
    func testSubagentMarkdownIsOneStaticMessageWithoutItsFrontMatter() {
        let text = "---\nname: engineer\ndescription: Writes prompts.\n---\nUse f\"{ctx.deps.session_id}\" and $ARGUMENTS as text.\n"
        let t = ReaderTest.read(text, path: ".claude/agents/engineer.md")
        XCTAssertEqual(t.format, .agentDefinition)
        XCTAssertEqual(t.slots.count, 0)
        XCTAssertEqual(t.metadata["name"], "engineer")
        XCTAssertEqual(t.messages.map(\.role), [.system])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "Use f\"{ctx.deps.session_id}\" and $ARGUMENTS as text.\n")
    }

    func testCodexAgentTOMLReadsItsDeveloperInstructionsAsText() {
        let text = "name = \"smoke\"\ndescription = \"Smoke test\"\ndeveloper_instructions = '''\nGET /api/sources/{id}\n'''\nmodel = \"x\"\n"
        let t = ReaderTest.read(text, path: ".codex/agents/smoke.toml")
        XCTAssertEqual(t.format, .agentDefinition)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.count, 0)
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "\nGET /api/sources/{id}\n")
    }

    func testMarkdownInAnAgentsFolderWithoutAgentFrontMatterKeepsItsPlaceholders() {
        let t = ReaderTest.read("Answer about {topic}.", path: "app/agents/planner.md")
        XCTAssertNotEqual(t.format, .agentDefinition)
        XCTAssertEqual(t.slots.count, 1)
    }

    func testIndexedArgumentsOfASkillThatTakesArgumentsAreOneSlotEach() {
        let text = "---\nname: a\ndescription: b\nargument-hint: [plan] [size]\n---\nPlan $ARGUMENTS[0], size $ARGUMENTS[1]."
        let t = ReaderTest.read(text, path: "x/SKILL.md")
        XCTAssertEqual(t.format, .agentCommand)
        XCTAssertEqual(t.slots.map(\.source), ["$ARGUMENTS[0]", "$ARGUMENTS[1]"])
    }

    func testASkillWithoutArgumentsIsSentAsWritten() {
        let text = "---\nname: commands\ndescription: How to write commands.\n---\n### Using $ARGUMENTS\nRun !`git status`."
        let t = ReaderTest.read(text, path: "skills/commands/SKILL.md")
        XCTAssertEqual(t.format, .agentDefinition)
        XCTAssertEqual(t.slots.count, 0)
    }
}
