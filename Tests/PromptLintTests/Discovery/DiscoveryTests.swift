import Foundation
import XCTest

@testable import PromptLint

/// One small tree per rule of discovery, built in a temporary folder.
final class DiscoveryTests: TemporaryFolderTestCase {
    private func discover(_ paths: [String] = ["."], config: String? = nil) throws
        -> (read: [String: String], skipped: [String: String])
    {
        try DiscoveryTest.discover(in: dir, paths, config: config)
    }

    func testTemplateExtensionsAreReadAnywhere() throws {
        try LintTest.write("Hi {{ name }}", "src/agent/system.j2", in: dir)
        try LintTest.write("---\nmodel: x\n---\nHi", "flows/a.prompt", in: dir)
        try LintTest.write("Hi {{$input}}", "Plugins/Sum/skprompt.txt", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read["src/agent/system.j2"], "template extension (.j2)")
        XCTAssertEqual(found.read["flows/a.prompt"], "template extension (.prompt)")
        XCTAssertEqual(found.read["Plugins/Sum/skprompt.txt"], "template file name (skprompt.txt)")
    }

    func testReadmeWithBracesIsSkipped() throws {
        try LintTest.write("Run `fmt.format({x})` then {{ y }}", "README.md", in: dir)
        try LintTest.write("# 1.0\nFixed {bug}", "CHANGELOG.md", in: dir)
        try LintTest.write("Use {name} here", "prompts/README.md", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped["README.md"], "documentation file (README)")
        XCTAssertEqual(found.skipped["CHANGELOG.md"], "documentation file (CHANGELOG)")
        XCTAssertEqual(found.skipped["prompts/README.md"], "documentation file (README)")
    }

    func testReadmeWordInALongerNameIsDocumentation() throws {
        try LintTest.write("Fill {analysis_parameters} then read on.", "prompts/PROMPT_CONFIG_README.md", in: dir)
        try LintTest.write("Use {name} here", "prompts/README_zh.md", in: dir)
        try LintTest.write("You are {role}. Answer in French.", "prompts/system_prompt.md", in: dir)
        let found = try discover()
        XCTAssertEqual(found.skipped["prompts/PROMPT_CONFIG_README.md"], "documentation file (README)")
        XCTAssertEqual(found.skipped["prompts/README_zh.md"], "documentation file (README)")
        XCTAssertNotNil(found.read["prompts/system_prompt.md"])  // the near miss: a prompt beside them is still read
    }

    /// A file manager's duplicate beside its original is not loaded by the code, which names the original; a file
    /// named like a copy with no original beside it is read.
    func testFileManagerCopiesBesideTheirOriginalAreSkipped() throws {
        for name in ["planner.md", "planner copy.md", "coder.md", "coder - Copy (2).md", "Copy of coder.md",
                     "writer copy 2.md", "critic (1).md"] {
            try LintTest.write("Time: {{ now }}\nPlan the work.", "src/prompts/" + name, in: dir)
        }
        let found = try discover()
        XCTAssertNotNil(found.read["src/prompts/planner.md"])
        XCTAssertEqual(found.skipped["src/prompts/planner copy.md"], "a file manager's copy of planner.md beside it")
        XCTAssertEqual(found.skipped["src/prompts/coder - Copy (2).md"], "a file manager's copy of coder.md beside it")
        XCTAssertEqual(found.skipped["src/prompts/Copy of coder.md"], "a file manager's copy of coder.md beside it")
        XCTAssertNotNil(found.read["src/prompts/writer copy 2.md"])  // no writer.md beside it
        XCTAssertNotNil(found.read["src/prompts/critic (1).md"])
        XCTAssertEqual(DiscoveryRules.copiedOriginal(of: "notes copy 3.txt"), "notes.txt")
        XCTAssertNil(DiscoveryRules.copiedOriginal(of: "copy.md"))
        XCTAssertNil(DiscoveryRules.copiedOriginal(of: "copywriter.md"))
    }

    func testDocsFolderAndPlainMarkdownAreSkipped() throws {
        try LintTest.write("Call {{ api }} with {id}", "docs/guide.md", in: dir)
        try LintTest.write("Some notes {x}", "notes/ideas.md", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped["docs/"], "documentation folder")
        XCTAssertEqual(found.skipped["notes/ideas.md"], "no prompt evidence (not in a prompts folder, no prompt-like name)")
    }

    func testWorkflowAndCIFilesAreSkipped() throws {
        try LintTest.write("on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ github.token }}\n",
                           ".github/workflows/ci.yml", in: dir)
        try LintTest.write("stages: [test]\nprompt: x\n", ".gitlab-ci.yml", in: dir)
        try LintTest.write("inputs:\n  prompt:\n    description: x\n", "action.yml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped[".github/"], "hidden folder")
        XCTAssertEqual(found.skipped[".gitlab-ci.yml"], "hidden file")
        XCTAssertEqual(found.skipped["action.yml"], "CI, build or deployment configuration")
    }

    func testPromptsFolderIsRead() throws {
        try LintTest.write("You are terse. {question}", "prompts/x.md", in: dir)
        try LintTest.write("Summarise $DOC", "app/templates/summary.txt", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read["prompts/x.md"], "in a prompts folder (prompts/)")
        XCTAssertEqual(found.read["app/templates/summary.txt"], "in a prompts folder (app/templates/)")
    }

    /// A refactoring note or architecture page kept in a prompts folder, named in ALL CAPS with a documentation
    /// word, is not a prompt (holdout25's nautobot-ai-ops `ai_ops/prompts/REFACTOR_SUMMARY.md`, with Jinja
    /// examples); ALL-CAPS prompt files, a name ending in `PROMPT`, and lower-case names stay read. A name with
    /// `PROMPT` that ends in a documentation word is a document about the prompts (holdout30's mem0mind
    /// `prompts/PROMPT_SYSTEM_GUIDE.md`, which lists the placeholders the prompts take).
    func testProjectNotesInAPromptsFolderAreSkipped() throws {
        try LintTest.write("# Refactor\nNow `{{ current_date }}` is injected.", "app/prompts/REFACTOR_SUMMARY.md", in: dir)
        try LintTest.write("# Layout\nEach agent reads {{ tools }}.", "app/prompts/ARCHITECTURE.md", in: dir)
        try LintTest.write("# Prompts\nEach takes `${user_id}`.", "app/prompts/PROMPT_LIBRARY_GUIDE.md", in: dir)
        try LintTest.write("You are calm. {{ user }}", "app/prompts/SOUL.md", in: dir)
        try LintTest.write("Summarise {{ text }}", "app/prompts/SUMMARY_PROMPT.md", in: dir)
        try LintTest.write("Be a tour guide. {{ city }}", "app/prompts/GUIDE_PROMPT.md", in: dir)
        try LintTest.write("Summarise {{ text }}", "app/prompts/summary.md", in: dir)
        let found = try discover()
        XCTAssertEqual(found.skipped["app/prompts/REFACTOR_SUMMARY.md"], "project note (ALL-CAPS name with REFACTOR)")
        XCTAssertEqual(found.skipped["app/prompts/ARCHITECTURE.md"], "project note (ALL-CAPS name with ARCHITECTURE)")
        XCTAssertEqual(found.skipped["app/prompts/PROMPT_LIBRARY_GUIDE.md"], "project note (ALL-CAPS name with GUIDE)")
        for read in ["app/prompts/SOUL.md", "app/prompts/SUMMARY_PROMPT.md", "app/prompts/GUIDE_PROMPT.md", "app/prompts/summary.md"] {
            XCTAssertEqual(found.read[read], "in a prompts folder (app/prompts/)", read)
        }
    }

    func testWhereTheCheckoutSitsIsNotEvidence() throws {
        // A repository named like a prompts folder, cloned under a `tests` folder: only the folders inside it count.
        let repo = dir + "/tests/team-prompts"
        try FileManager.default.createDirectory(atPath: repo + "/.git", withIntermediateDirectories: true)
        try LintTest.write("Deploy with {env} on 2024-01-01T00:00:00Z.", "DEPLOYMENT_GUIDE.md", in: repo)
        try LintTest.write("You are terse. {question}", "app/prompts/x.md", in: repo)
        try LintTest.write("{\"model\": \"m\", \"messages\": [{\"role\": \"system\", \"content\": \"Hi\"}]}", "body.json", in: repo)
        let found = try DiscoveryTest.discover(in: repo)
        XCTAssertEqual(found.skipped["DEPLOYMENT_GUIDE.md"], "no prompt evidence (not in a prompts folder, no prompt-like name)")
        XCTAssertEqual(found.read["app/prompts/x.md"], "in a prompts folder (app/prompts/)")
        XCTAssertNotNil(found.read["body.json"])
        // Started inside the repository, the folders between its root and the start still count.
        let inner = try DiscoveryTest.discover(in: repo + "/app/prompts")
        XCTAssertEqual(inner.read["x.md"], "in a prompts folder (./)")
    }

    func testPromptLikeNamesAreRead() throws {
        try LintTest.write("You are terse.", "agent/system_prompt.md", in: dir)
        try LintTest.write("Do X.", "review.prompt.md", in: dir)
        try LintTest.write("Be kind.", "bot/instructions.txt", in: dir)
        let found = try discover()
        XCTAssertEqual(Set(found.read.keys), ["agent/system_prompt.md", "review.prompt.md", "bot/instructions.txt"])
        XCTAssertEqual(found.read["bot/instructions.txt"], "prompt-like file name")
    }

    func testAllCapsDocumentNamesNeedPromptInThem() throws {
        try LintTest.write("Design of the {extension} system.", "extensions/RFC-EXTENSION-SYSTEM.md", in: dir)
        try LintTest.write("Use {x}.", "docs2/SYSTEM_INSTRUCTIONS.md", in: dir)
        try LintTest.write("You are {name}.", "agent/SYSTEM_PROMPT.md", in: dir)
        let found = try discover()
        XCTAssertEqual(Set(found.read.keys), ["agent/SYSTEM_PROMPT.md"])
        XCTAssertEqual(found.skipped["extensions/RFC-EXTENSION-SYSTEM.md"], "no prompt evidence (not in a prompts folder, no prompt-like name)")
    }

    func testHiddenPromptFoldersAreReadOtherHiddenFoldersAreNot() throws {
        try LintTest.write("Explain {{{ input }}}", ".continue/prompts/x.prompt", in: dir)
        try LintTest.write("Review this", ".github/prompts/review.md", in: dir)
        try LintTest.write("Hi {x}", ".prompts/a.txt", in: dir)
        try LintTest.write("{\"a\": 1}", ".continue/config.json", in: dir)
        try LintTest.write("Hi {{ x }}", ".cache/prompts.j2", in: dir)
        try LintTest.write("You design systems.", ".github/agents/architect.md", in: dir)
        try LintTest.write("on: push", ".github/workflows/agents.yml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read[".continue/prompts/x.prompt"], "template extension (.prompt)")
        XCTAssertEqual(found.read[".github/prompts/review.md"], "in a prompts folder (.github/prompts/)")
        XCTAssertEqual(found.read[".prompts/a.txt"], "in a prompts folder (.prompts/)")
        XCTAssertEqual(found.skipped[".continue/config.json"],
                       "in hidden folder .continue/, of which only prompts folders are read")
        XCTAssertEqual(found.skipped[".cache/"], "hidden folder")
        XCTAssertEqual(found.read[".github/agents/architect.md"], "in a prompts folder (.github/agents/)")
        XCTAssertEqual(found.skipped[".github/workflows/"],
                       "in hidden folder .github/, of which only prompts folders are read")
        XCTAssertEqual(found.read.count, 4)
    }

    func testGitignoreIsRespected() throws {
        try LintTest.write("build-out/\n*.gen.j2\n/generated\n!keep.gen.j2\n", ".gitignore", in: dir)
        try LintTest.write("secret.j2\n", "sub/.gitignore", in: dir)
        try LintTest.write("Hi {{ x }}", "build-out/a.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "src/a.gen.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "src/keep.gen.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "generated/b.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "src/generated/c.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "sub/secret.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "secret.j2", in: dir)
        let found = try discover()
        XCTAssertEqual(Set(found.read.keys), ["src/keep.gen.j2", "src/generated/c.j2", "secret.j2"])
        XCTAssertEqual(found.skipped["build-out/"], "ignored by .gitignore (`build-out/`)")
        XCTAssertEqual(found.skipped["src/a.gen.j2"], "ignored by .gitignore (`*.gen.j2`)")
        XCTAssertEqual(found.skipped["generated/"], "ignored by .gitignore (`/generated`)")
        XCTAssertEqual(found.skipped["sub/secret.j2"], "ignored by sub/.gitignore (`secret.j2`)")
    }

    func testGitignoreDoubleStarPatterns() {
        let ignore = GitIgnore(text: "**/cache/**\nlogs/**/*.txt\n", base: "/r", source: ".gitignore")
        XCTAssertEqual(ignore.verdict(for: "/r/a/cache/x.j2", isDirectory: false)?.ignored, true)
        XCTAssertEqual(ignore.verdict(for: "/r/logs/a/b/c.txt", isDirectory: false)?.ignored, true)
        XCTAssertNil(ignore.verdict(for: "/r/sub/logs/c.txt", isDirectory: false))
        XCTAssertNil(ignore.verdict(for: "/r/a/cached/x.j2", isDirectory: false))
    }

    func testDataSetsLogsFixturesAndManifestsAreSkipped() throws {
        try LintTest.write("{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n", "eval/cases.jsonl", in: dir)
        try LintTest.write("Hi {{ x }}", "tests/fixtures/a.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "src/__snapshots__/a.j2", in: dir)
        try LintTest.write("{\"name\": \"x\", \"prompt\": \"y\"}", "package.json", in: dir)
        try LintTest.write("openai==1.0\n", "requirements-dev.txt", in: dir)
        try LintTest.write("[" + (0..<30).map { "{\"prompt\": \"q\($0)\", \"answer\": \"a\"}" }.joined(separator: ",") + "]",
                           "prompts/examples.json", in: dir)
        try LintTest.write("prompt: hi\n", "data/rows.yaml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped["eval/cases.jsonl"], "data set (JSON Lines)")
        XCTAssertEqual(found.skipped["tests/fixtures/"], "test fixtures folder")
        XCTAssertEqual(found.skipped["src/__snapshots__/"], "test snapshots folder")
        XCTAssertEqual(found.skipped["package.json"], "manifest or lockfile")
        XCTAssertEqual(found.skipped["requirements-dev.txt"], "requirements file")
        XCTAssertEqual(found.skipped["prompts/examples.json"], "data set (a JSON array of 30 items)")
        XCTAssertEqual(found.skipped["data/rows.yaml"], "in a data folder, without a prompt-like name")
    }

    func testConfigFilesNeedPromptShapedContent() throws {
        try LintTest.write("agents:\n  - name: a\n    system_prompt: |\n      You are {role}.\n", "agents.yaml", in: dir)
        try LintTest.write("{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                           "requests/one.json", in: dir)
        try LintTest.write("replicas: 2\nimage: x\n", "deploy.yaml", in: dir)
        try LintTest.write("openapi: 3.0.0\ncomponents:\n  schemas:\n    Req:\n      properties:\n        prompt: {}\n",
                           "api.yaml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read["agents.yaml"], "prompt-shaped key `system_prompt`")
        XCTAssertEqual(found.read["requests/one.json"], "request body (`model` and `messages`)")
        XCTAssertEqual(found.skipped["deploy.yaml"],
                       "no prompt evidence (no prompts folder, prompt-like name, prompt keys or request body)")
        XCTAssertEqual(found.skipped["api.yaml"], "API schema")
    }

    func testJSONExamplesInsideYAMLStringsAreNotEvidence() throws {
        try LintTest.write("id: PL1\nexamples:\n  - text: |\n      {\"model\": \"m\", \"messages\": []}\n",
                           "rules/PL1-context-before-instructions.yml", in: dir)
        try LintTest.write("rules: {PL001: error}\n", "prompts/.promptlint.yml", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [:])
        XCTAssertEqual(found.skipped["prompts/.promptlint.yml"], "hidden file")
        XCTAssertNotNil(found.skipped["rules/PL1-context-before-instructions.yml"])
    }

    func testTemplatesFolderIsEvidenceForTextOnlyAndTestDataIsSkipped() throws {
        try LintTest.write("Hi {name}", "app/templates/greet.txt", in: dir)
        try LintTest.write("{% for f in files %}{{ f }}{% endfor %}", "app/templates/info/summary.tpl", in: dir)
        try LintTest.write("{\"extends\": \"x\", \"prompt\": {\"paths\": []}}", "app/templates/tree/components.json", in: dir)
        try LintTest.write("{\"rules\": {}}", "app/templates/.eslintrc.json", in: dir)
        try LintTest.write("system_prompt: You are {x}\n", "tests/unit/data/prompts/p.yaml", in: dir)
        try LintTest.write("researcher:\n  role: >\n    Analyst\n  goal: >\n    Find {topic}\n  backstory: >\n    You\n",
                           "crew/config/agents.yaml", in: dir)
        try LintTest.write("{\"Prompts\": {\"SystemDescription\": \"You are {{bot}}\"}}", "appsettings.json", in: dir)
        let found = try discover()
        XCTAssertEqual(found.read, [
            "app/templates/greet.txt": "in a prompts folder (app/templates/)",
            "app/templates/info/summary.tpl": "in a prompts folder (app/templates/)",
            "crew/config/agents.yaml": "agent definitions (`role`, `goal`, `backstory`)",
            "appsettings.json": "prompt-shaped key `Prompts`",
        ])
        XCTAssertEqual(found.skipped["app/templates/.eslintrc.json"], "hidden file")
        XCTAssertEqual(found.skipped["tests/unit/data/"], "test data folder")
        XCTAssertNotNil(found.skipped["app/templates/tree/components.json"])
    }

    func testIncludeAndExcludeConfiguration() throws {
        try LintTest.write("Hi {{ x }}", "tests/fixtures/golden.j2", in: dir)
        try LintTest.write("You are {role}", "notes/agent.md", in: dir)
        try LintTest.write("Hi {{ x }}", "prompts/old.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "prompts/new.j2", in: dir)
        let found = try discover(config: "include: [\"tests/fixtures/*.j2\", \"notes/*.md\"]\nexclude: [\"prompts/old.j2\"]\n")
        XCTAssertEqual(found.read["tests/fixtures/golden.j2"], "included by .promptlint.yml")
        XCTAssertEqual(found.read["notes/agent.md"], "included by .promptlint.yml")
        XCTAssertEqual(found.read["prompts/new.j2"], "template extension (.j2)")
        XCTAssertEqual(found.skipped["prompts/old.j2"], "excluded by .promptlint.yml")
        XCTAssertEqual(found.skipped["tests/fixtures/"],
                       "test fixtures folder; only files matched by include: are read")
        XCTAssertEqual(found.read.count, 3)
    }

    func testFilesNamedOnTheCommandLineAreAlwaysRead() throws {
        try LintTest.write("Hi {x}", "README.md", in: dir)
        try LintTest.write("Hi {x}", "data.jsonl", in: dir)
        let found = try discover(["README.md", "data.jsonl"])
        XCTAssertEqual(found.read, ["README.md": "named on the command line", "data.jsonl": "named on the command line"])
    }

    func testSourceRoleReadsOnlyFilesThatBuildPrompts() {
        XCTAssertTrue(SourceSniff.buildsPrompts("import os\nfrom openai import OpenAI\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("import { generateText } from \"ai\";\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("SYSTEM_PROMPT = \"\"\"You are terse.\"\"\"\n"))
        XCTAssertFalse(SourceSniff.buildsPrompts("import os\ndef main():\n    print('hi')\n"))
        // Prompt builders named as such, without any SDK import in the file.
        XCTAssertTrue(SourceSniff.buildsPrompts("import datetime\ndef system_message_template():\n    return f'...'\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("export function getSystemMessage(cwd: string) {}\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("def build_prompt(task):\n    return task\n"))
        // A camel-case prompt function; a method named `prompt` of another object is not one.
        XCTAssertTrue(SourceSniff.buildsPrompts("export function buildDCOSPrompt(params: Params): string {}\n"))
        XCTAssertFalse(SourceSniff.buildsPrompts("const answer = window.prompt(\"Name?\");\nrl.prompt();\n"))
    }

    func testTestCodeIsNotReadAsPromptSource() throws {
        let client = "from openai import OpenAI\nSYSTEM_PROMPT = 'You are terse.'\n"
        for name in ["app/agent.py", "tests/llm/test_client.py", "app/test_agent.py", "web/chat.spec.ts", "conftest.py"] {
            try LintTest.write(client, name, in: dir)
        }
        let result = try discover()
        XCTAssertEqual(Array(result.read.keys), ["app/agent.py"])
        XCTAssertEqual(result.skipped["tests/llm/test_client.py"], "test code (in a tests folder)")
        XCTAssertEqual(result.skipped["web/chat.spec.ts"], "test code (a test file name)")
        XCTAssertEqual(DiscoveryRules.testCodeReason(path: "tests/llm/test_client.py"), "test code (in a tests folder)")
        XCTAssertNil(DiscoveryRules.testCodeReason(path: "src/contest.py"))
    }

    func testSourceFormatsGetTheContentTestByDefault() {
        let python = FormatDescriptor(.plainText, extensions: ["py"], comments: [], usualExtension: "py",
                                      isCertainTemplate: true) { _ in PromptTemplate(path: "", format: .plainText, messages: [], source: "") }
        guard case .sourceCode(let hasPrompts) = python.discovery else { return XCTFail("\(python.discovery)") }
        XCTAssertTrue(hasPrompts("from anthropic import Anthropic\n"))
        XCTAssertFalse(hasPrompts("import json\n"))
        guard case .template = FormatRegistry.descriptor(.jinja).discovery else { return XCTFail("jinja") }
        guard case .onEvidence = FormatRegistry.descriptor(.markdown).discovery else { return XCTFail("markdown") }
    }

    func testOrderIsDeterministic() throws {
        for name in ["b.j2", "a.j2", "prompts/c.md", "A.j2"] { try LintTest.write("x", name, in: dir) }
        let first = try FileDiscovery().discover(["."], cwd: dir).map(\.display)
        XCTAssertEqual(first, ["A.j2", "a.j2", "b.j2", "prompts/c.md"])
        XCTAssertEqual(try FileDiscovery().discover(["."], cwd: dir).map(\.display), first)
    }
}
