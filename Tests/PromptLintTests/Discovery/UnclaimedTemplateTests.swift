import Foundation
import XCTest

@testable import PromptLint

/// Whole repositories whose prompts use an extension no format claims (`agent.tmpl` in Go's
/// `text/template`, Jinja under a tool's own extension), and files beside prompts that are not prompts:
/// a model-settings `config.json`, an HTML page rendered by Jinja, scripts included into a page.
final class UnclaimedTemplateTests: TemporaryFolderTestCase {
    func testUnclaimedExtensionsInAPromptsFolderAreReadByTheirTemplateSyntax() throws {
        try LintTest.write("You are a robot.\n{{ range .Tasks }}- {{ .Command }}\n{{ end }}", "backend/prompts/agent.tmpl", in: dir)
        try LintTest.write("You are an editor.\n{% include \"_env.rules\" %}\n", "lua/templates/base.rules", in: dir)
        try LintTest.write("Notes for maintainers, no tags at all.", "backend/prompts/notes.tmpl", in: dir)
        try LintTest.write("console.log('{{x}}')", "backend/prompts/viewer.js", in: dir)
        // Project scaffolding deep under a bare `templates` folder is not read, nor web-page templates.
        try LintTest.write("datasource db { url = \"{{ db_url }}\" }", "lua/templates/tree/app/prisma/schema.rules", in: dir)
        try LintTest.write("<title>{{ title }}</title>", "lua/templates/views/head.ejs", in: dir)
        // Outside a prompts folder an unknown extension stays silent.
        try LintTest.write("{{ .Name }}", "backend/other/x.tmpl", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read["backend/prompts/agent.tmpl"],
                       "unknown extension (.tmpl) with Go template syntax in a prompts folder (backend/prompts/)")
        XCTAssertEqual(found.read["lua/templates/base.rules"],
                       "unknown extension (.rules) with Jinja syntax in a prompts folder (lua/templates/)")
        XCTAssertEqual(found.skipped["backend/prompts/notes.tmpl"], "unknown extension (.tmpl) without template syntax")
        XCTAssertNil(found.read["backend/prompts/viewer.js"])
        XCTAssertNil(found.read["lua/templates/tree/app/prisma/schema.rules"])
        XCTAssertNil(found.read["lua/templates/views/head.ejs"])
        XCTAssertNil(found.read["backend/other/x.tmpl"])
        XCTAssertNil(found.skipped["backend/other/x.tmpl"])
    }

    func testGoTemplatesAreReadAsGoTemplates() {
        let text = """
            Image: {{.DockerImage}}
            {{/* a comment */}}{{ define "x" }}{{ .Hidden }}{{ end }}
            {{- range $i, $task := .Tasks }}
            "args": {{ if .Args }}{{ .Args | printf "%s" }}{{ else }}{}{{ end }}
            {{ end }}
            """
        let t = ReaderTest.read(text, path: "prompts/agent.tmpl")
        XCTAssertEqual(t.format, .goTemplate)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.variable), ["DockerImage", "Tasks", "Args", "Args"])
        XCTAssertEqual(t.slots.map(\.isLoop), [false, true, false, false])
        XCTAssertEqual(t.slots.map(\.isConditional), [false, false, true, false])
        XCTAssertEqual(t.slots[3].filters, ["printf"])
        XCTAssertEqual(at(t.slots[1].position), "3:1@82")
        // `{{-` trims the line break before the loop; the define body and the comment are not output.
        XCTAssertEqual(ReaderTest.outline(t.messages[0]),
                       "Image: ⟨.DockerImage⟩\n⟨range $i, $task := .Tasks⟩\n\"args\": ⟨if .Args⟩⟨.Args | printf \"%s\"⟩{}\n")
        // An unclosed block is reported, never fatal; a Go template is a guess, so it is not an error.
        let broken = ReaderTest.read("{{ range .Tasks }}x", path: "prompts/a.tmpl")
        XCTAssertEqual(broken.issues.count, 1)
        XCTAssertNotNil(broken.formatGuess)
    }

    func testRawBlocksAndContainerNamesAreNotValues() throws {
        // A Jinja file that reads `${name}` variables keeps `${…}` in a raw block as text (a JSON example).
        let raw = ReaderTest.read("{% raw %}\"row\": ${start_row}{% endraw %} for ${user_name}", path: "prompts/a.j2")
        XCTAssertEqual(raw.slots.map(\.variable), ["user_name"])
        XCTAssertEqual(ReaderTest.text(raw.messages[0]), "\"row\": ${start_row} for ")
        // The container a tool runs commands in is fixed per deployment, not an image the user sends.
        let linter = try LintTest.linter(LintTest.costConfiguration)
        let tail = "\n" + CostProfileTests.prose(700) + "\n"
        let container = "Commands run inside a Docker {{.DockerImage}} image." + tail
        XCTAssertEqual(linter.lint(text: container, path: "prompts/agent.tmpl", format: .goTemplate).findings.map(\.ruleID), [])
        let user = "Commands run for {{.UserName}}." + tail
        XCTAssertEqual(linter.lint(text: user, path: "prompts/agent.tmpl", format: .goTemplate).findings.map(\.line), [1])
    }

    func testDataFramesOfASessionBeforeTheConversationAreNotABreak() throws {
        let linter = try LintTest.linter(LintTest.costConfiguration)
        let frames = "{% for df in context.dfs %}{{ df.head }}{% endfor %}\nThe user asked:\n{{ context.memory.get_conversation() }}\n"
        XCTAssertEqual(linter.lint(text: frames, path: "prompts/fix.tmpl", format: .jinja).findings.map(\.ruleID), [])
        // Documents retrieved for the request in the same place are a break before the conversation.
        let retrieved = "{% for doc in retrieved_docs %}{{ doc.text }}{% endfor %}\nThe user asked:\n{{ context.memory.get_conversation() }}\n"
        XCTAssertEqual(linter.lint(text: retrieved, path: "prompts/fix.tmpl", format: .jinja).findings.map(\.ruleID), ["PL001"])
    }

    func testSettingsBesideAPromptAndHTMLPagesAreNotPrompts() throws {
        let settings = """
            {"schema": 1, "description": "Generate a joke", "type": "completion",
             "completion": {"max_tokens": 1000, "temperature": 0.9},
             "input": {"parameters": [{"name": "input", "description": "Joke subject"}]}}
            """
        try LintTest.write(settings, "Prompts/Joke/config.json", in: dir)
        try LintTest.write("WRITE A JOKE about {{$input}}", "Prompts/Joke/skprompt.txt", in: dir)
        try LintTest.write("{% from 'x.jinja' import y %}\n<!DOCTYPE html>\n<html>{{ y() }}</html>", "templates/viewer.jinja", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.skipped["Prompts/Joke/config.json"], "model settings (sampling parameters under `completion`, no prompt text)")
        XCTAssertNotNil(found.read["Prompts/Joke/skprompt.txt"])
        XCTAssertEqual(found.skipped["templates/viewer.jinja"], "HTML page (a web view rendered by the template engine)")
        // Named explicitly, the settings file is not a request body either: no parse error.
        XCTAssertEqual(TemplateReading.detectFormat(path: "config.json", text: settings), .plainText)
        XCTAssertEqual(TemplateReading.detectFormat(path: "r.json", text: "{\"model\": \"m\", \"input\": \"Hi\"}"), .openAIRequest)
    }

    func testScriptsAndStylesIncludedIntoATemplateAddNothing() throws {
        var linter = try LintTest.linter(LintTest.costConfiguration)
        linter.partials = InMemoryPartialSource(["js/viewer.js": "const url = `${key}`;", "rules.j2": "{{ user_name }}"])
        let page = "You are a viewer.\n{% include 'js/viewer.js' %}\n" + CostProfileTests.prose(700) + "\n"
        XCTAssertEqual(linter.lint(text: page, path: "t.j2", format: .jinja).findings.filter { $0.ruleID == "PL001" }.map(\.line), [])
        // The same include of a template part does break the prefix.
        let prompt = "You are a viewer.\n{% include 'rules.j2' %}\n" + CostProfileTests.prose(700) + "\n"
        XCTAssertEqual(linter.lint(text: prompt, path: "t.j2", format: .jinja).findings.filter { $0.ruleID == "PL001" }.map(\.line), [2])
    }
}
