import Foundation
import XCTest

@testable import PromptLint

/// Gemini CLI custom commands: a TOML `prompt` is the user's turn; `{{args}}`, `!{cmd}` and `@{file}` are
/// substituted per invocation, every other brace is text.
final class ReaderGeminiCommandTests: XCTestCase {
    private let command = #"""
        # Summarise a release.
        description = "Summarise the changes of a release"
        prompt = """
        Release notes for !{echo $RELEASE_TAG} in !{echo $REPOSITORY}:
        @{.gemini/release.json}
        Run `jq '.items[] | {id: .id}'` and keep {name} as written; focus on {{args}}.
        Files: !{git diff --name-only | jq -R '{f: .}'}
        """
        """#

    func testPromptIsOneUserMessageWithItsSubstitutionsAsSlots() {
        let t = ReaderTest.read(command, path: ".gemini/commands/release/notes.toml")
        XCTAssertEqual(t.format, .geminiCommand)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.metadata["description"], "Summarise the changes of a release")
        XCTAssertEqual(t.messages.map(\.role), [.user])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]),
                       "\nRelease notes for ⟨echo $RELEASE_TAG⟩ in ⟨echo $REPOSITORY⟩:\n⟨@.gemini/release.json⟩\n"
                           + "Run `jq '.items[] | {id: .id}'` and keep {name} as written; focus on ⟨args⟩.\n"
                           + "Files: ⟨git diff --name-only | jq -R '{f: .}'⟩\n")
        XCTAssertEqual(t.slots.map(\.position.line), [4, 4, 5, 6, 7])
        XCTAssertEqual(t.slots.map(\.position.column), [19, 43, 1, 70, 8])
        XCTAssertEqual(t.slots.map { $0.provenance?.volatility }, [.perRequest, .constant, .perRequest, .perRequest, .perRequest])
        XCTAssertEqual(t.slots.map(\.isInclude), [false, false, true, false, false])
    }

    func testShellCommandsThatOnlyReadTheCheckoutAndFoldersAreConstant() {
        let text = "prompt = '''\n!{cat package.json}\n!{ls src}\n@{src/}\n!{date}\n!{cat {{args}}}\n'''\n"
        let slots = ReaderTest.read(text, path: ".gemini/commands/prime.toml").slots
        XCTAssertEqual(slots.map { $0.provenance?.volatility }, [.constant, .constant, .constant, .perRequest, .perRequest])
        XCTAssertEqual(slots.map { $0.provenance?.kind }, [.value, .value, .value, .value, .input])
    }

    func testClaimsCommandsByPlaceOrByTheirKeysAndSubstitutions() {
        XCTAssertTrue(GeminiCommandReader.isCommand(path: ".gemini/commands/git/commit.toml", text: "prompt = \"Write a commit message.\"\n"))
        XCTAssertTrue(GeminiCommandReader.isCommand(path: "ci/review.toml", text: "description = \"x\"\nprompt = \"Review {{args}}\"\n"))
        XCTAssertTrue(GeminiCommandReader.isCommand(path: "tools/commands/fix.toml", text: "prompt = \"Fix the build.\"\n"))
        // Other keys, no substitution, or no string prompt: not a command.
        XCTAssertFalse(GeminiCommandReader.isCommand(path: "ci/review.toml", text: "prompt = \"Review {{args}}\"\nmodel = \"x\"\n"))
        XCTAssertFalse(GeminiCommandReader.isCommand(path: "ci/review.toml", text: "prompt = \"Review the code.\"\n"))
        XCTAssertFalse(GeminiCommandReader.isCommand(path: ".gemini/commands/x.toml", text: "[tool]\nprompt = \"x\"\n"))
        XCTAssertFalse(GeminiCommandReader.isCommand(path: "pyproject.toml", text: "[project]\nname = \"x\"\n"))
        XCTAssertEqual(ReaderTest.read("prompt = \"Review {{args}}\"\nmodel = \"x\"\n", path: "ci/review.toml").format == .geminiCommand, false)
    }

    func testTOMLTopLevelKeysSkipMultiLineStringsAndArrays() {
        let source = SourceText("a = [\n  \"x = 1\",\n]\nb = \"\"\"\nc = 2\n\"\"\"\n'd' = 'e'\n[t]\nf = 1\n")
        let keys = TOMLTopLevel.keys(source)
        XCTAssertEqual(keys.map(\.key), ["a", "b", "d"])
        XCTAssertEqual(keys.map(\.isString), [false, true, true])
        XCTAssertEqual(source.string(keys[1].value), "\nc = 2\n")
    }

    func testDiscoveryReadsNamespacedCommandsInTheGeminiFolder() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("prompt = \"Commit {{args}}\"\n", ".gemini/commands/git/commit.toml", in: dir)
        try LintTest.write("description = \"d\"\nprompt = \"\"\"\n!{echo $PR}\n\"\"\"\n", "examples/review/review.toml", in: dir)
        try LintTest.write("{\"theme\": \"dark\"}\n", ".gemini/settings.json", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        let evidence = "Gemini CLI custom command (TOML with a `prompt` string)"
        XCTAssertEqual(found.read[".gemini/commands/git/commit.toml"], evidence)
        XCTAssertEqual(found.read["examples/review/review.toml"], evidence)
        XCTAssertNil(found.read[".gemini/settings.json"])
    }

    func testPerRunValuesBeforeLongInstructionsAreWarningsAndARepositoryFileIsStaticText() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            ".gemini/commands/review.toml": "description = \"Review\"\nprompt = \"\"\"\nReview PR !{echo $PR_NUMBER}.\n\n\(rules)\"\"\"\n",
            ".gemini/commands/triage.toml": "prompt = \"\"\"\n@{.gemini/context.json}\n\n\(rules)\"\"\"\n",
            ".gemini/commands/style.toml": "prompt = \"\"\"\n@{STYLE.md}\n\n\(rules)\nRequest: {{args}}\n\"\"\"\n",
            ".gemini/commands/short.toml": "prompt = \"\"\"\n@{.gemini/context.json}\nTriage it with jq '{a: .b}'.\n\"\"\"\n",
            "STYLE.md": "Use short sentences.\n",
        ]).filter { $0.ruleID == "PL001" || $0.ruleID == "PL008" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.column):\($0.severity.rawValue)" }.sorted(), [
            ".gemini/commands/review.toml@3:11:warning", ".gemini/commands/triage.toml@2:1:warning",
        ])
    }
}

/// Spring AI StringTemplate prompt files: `{name}` placeholders, `\{` literal braces, conditions.
final class ReaderSpringTemplateTests: XCTestCase {
    func testPlaceholdersConditionsAndEscapedBraces() {
        let text = "History: {conversation_history}\n{if(hint)}Hint: {hint.text; null=\"none\"}{endif}\n"
            + "{! a comment !}Reply as JSON: \\{ \"label\": \"x\" \\} or {first(items)}; keep { } and {a b c}.\n"
        let t = ReaderTest.read(text, path: "src/main/resources/prompts/route.st")
        XCTAssertEqual(t.format, .springTemplate)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.variable), ["conversation_history", "hint", "hint", "items"])
        XCTAssertEqual(t.slots.map(\.isConditional), [false, true, false, false])
        XCTAssertEqual(t.slots.map(\.position.line), [1, 2, 2, 3])
        XCTAssertEqual(ReaderTest.text(t.messages[0]).contains("a comment"), false)
    }

    func testDiscoveryReadsTemplatesInPromptFoldersOrLoadedByJavaCode() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("Answer {question}.", "src/main/resources/prompts/answer.st", in: dir)
        try LintTest.write("Route {ticket}.", "src/main/resources/ai/route.st", in: dir)
        try LintTest.write("class <name> {}", "codegen/java/class.st", in: dir)
        try LintTest.write(
            "import org.springframework.ai.chat.prompt.PromptTemplate;\nclass R { @Value(\"classpath:/ai/route.st\") Resource r; }\n",
            "src/main/java/app/Router.java", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read["src/main/resources/prompts/answer.st"], "in a prompts folder (src/main/resources/prompts/)")
        XCTAssertEqual(found.read["src/main/resources/ai/route.st"],
                       "Spring AI prompt template (StringTemplate .st loaded by src/main/java/app/Router.java)")
        XCTAssertEqual(found.skipped["codegen/java/class.st"], SpringTemplateLoads.unloadedReason)
        XCTAssertNil(found.read["src/main/java/app/Router.java"])
    }

    func testRequestDataBeforeLongInstructionsIsReportedOnItsName() throws {
        let rules = SourceTest.longRules
        let findings = try SourceTest.folderFindings([
            "src/main/resources/prompts/route.st": "Customer message: {latest_customer_message}\n\n\(rules)\nReply as JSON: \\{ \"queue\": \"x\" \\}\n",
        ]).filter { $0.ruleID == "PL001" || $0.ruleID == "PL008" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line):\($0.column)" }, ["src/main/resources/prompts/route.st@1:19"])
    }
}
