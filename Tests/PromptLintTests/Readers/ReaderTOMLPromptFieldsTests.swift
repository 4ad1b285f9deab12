import XCTest

@testable import PromptLint

/// Prompts held in the string fields of TOML configs: one template per prompt-shaped field, with
/// positions in the file through escapes, line-ending backslashes, dotted keys and table headers.
final class ReaderTOMLPromptFieldsTests: XCTestCase {
    static let config = #"""
        # Prompts of the support bot.
        title = "Support bot"

        [triage]
        system = """
        You sort tickets for {company}. \
           Reply with one word.
        Long tail: bug, feature or question."""
        model = "small"

        [[agents]]
        name = "writer"
        "instruction_template" = 'Write a reply to {ticket} in a friendly tone.'

        [answer]
        user . prompt = "Answer \"{question}\" briefly, in\t{language}." # trailing comment
        """#

    func testEachFieldIsItsOwnTemplateWithPositionsInTheFile() {
        XCTAssertEqual(TemplateReading.detectFormat(path: "bot/prompts.toml", text: Self.config), .promptFields)
        let t = ReaderTest.read(Self.config, path: "bot/prompts.toml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.promptIndex), [0, 1, 2])
        XCTAssertEqual(t.messages.map(\.role), [.system, .system, .unknown])
        XCTAssertEqual(PromptLinter.requests(in: t).count, 3)
        // Each message holds only its own field's text: the first prompt's static tail ends at its `"""`.
        XCTAssertEqual(ReaderTest.outline(t.messages[0]),
                       "You sort tickets for ⟨company⟩. Reply with one word.\nLong tail: bug, feature or question.")
        XCTAssertEqual(ReaderTest.outline(t.messages[1]), "Write a reply to ⟨ticket⟩ in a friendly tone.")
        XCTAssertEqual(ReaderTest.outline(t.messages[2]), "Answer \"⟨question⟩\" briefly, in\t⟨language⟩.")
        XCTAssertEqual(t.slots.map { at($0.position) }, ["6:22@96", "13:44@260", "16:27@326", "16:53@352"])
        XCTAssertEqual(t.slots.map(\.source), ["{company}", "{ticket}", "{question}", "{language}"])
    }

    func testStringFormsDecodeWithAMapIntoTheFile() {
        let text = "a = \"x\\u00e9\\n\\q\"\nb = '''\nraw \\n ''it'''''\nc = \"\"\"\\\n   joined\"\"\"\n"
        let source = SourceText(text)
        var issues: [ParseIssue] = []
        let root = TOMLDocument.parse(source, issues: &issues)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(root?["a"]?.string, "xé\n\\q")
        XCTAssertEqual(root?["b"]?.string, "raw \\n ''it''")
        XCTAssertEqual(root?["c"]?.string, "joined")
        guard case .string(let c)? = root?["c"] else { return XCTFail("c is not a string") }
        XCTAssertEqual(c.map?.first, text.utf8.count - "joined\"\"\"\n".utf8.count)
    }

    func testTablesArraysOfTablesAndInlineTablesNest() {
        let text = "[a.b]\nx = 1\n[[c]]\ny = [1, \"two\", { z = 'w' }]\n[[c]]\ny = 2\n"
        var issues: [ParseIssue] = []
        let root = TOMLDocument.parse(SourceText(text), issues: &issues)
        XCTAssertEqual(root?["a"]?["b"]?["x"]?.string, "1")
        XCTAssertEqual(root?["c"]?.elements?.count, 2)
        XCTAssertEqual(root?["c"]?.elements?[0]["y"]?.elements?[2]["z"]?.string, "w")
        XCTAssertEqual(root?["c"]?.elements?[1]["y"]?.string, "2")
    }

    func testConfigsWithoutPromptFieldsStayAsDecidedBefore() {
        // A package config: no prompt-shaped key, so the whole text is sniffed as before.
        let package = "[project]\nname = \"demo\"\ndescription = \"Parses {config} files\"\n[tool.ruff]\nline-length = 100\n"
        XCTAssertEqual(TemplateReading.detectFormat(path: "tools/demo.toml", text: package), FormatDetection.sniff(package, markdown: false))
        XCTAssertNotEqual(TemplateReading.detectFormat(path: "tools/demo.toml", text: package), .promptFields)
        // A prompt-shaped key whose value is not a prompt (a file name): read, but nothing is a prompt.
        let near = "[tool.render]\ntemplate = \"page.html\"\n"
        XCTAssertTrue(ReaderTest.read(near, path: "tools/render.toml").messages.allSatisfy { $0.segments.isEmpty })
        XCTAssertEqual(ReaderTest.read(near, path: "tools/render.toml").slots, [])
    }

    func testMalformedTOMLNeverCrashes() {
        let cases = [
            "system = \"unterminated {x}\nnext = 1\n", "system = \"\"\"never closed {x}\n", "system = '''\n{x}",
            "system = \"bad \\q escape {x} \\u12\"", "system = \"\\U0011FFFF {x}\"", "[unclosed\nsystem = \"a {x} b c\"",
            "[[a]]\n[a]\nsystem = 'x'", "a = 1\n[a]\nprompt = 'y {z}'", "a = [1, [2, {b = ", "= 1\n. = 2\n\"k = 3",
            "system = \"\"\"x\\", "system = \"\"\"\"\"\"\"\"", "a.b = 1\na.b.c = 2", "{}", "[[]]", "\"",
        ]
        for text in cases {
            var issues: [ParseIssue] = []
            _ = TOMLDocument.parse(SourceText(text), issues: &issues)
            _ = TOMLTopLevel.keys(SourceText(text))
            _ = ReaderTest.read(text, path: "p/prompts.toml")
        }
        // Every prefix of a valid document reads too.
        let bytes = Array(Self.config.utf8)
        for n in stride(from: 0, through: bytes.count, by: 3) {
            _ = ReaderTest.read(String(decoding: bytes[0..<n], as: UTF8.self), path: "p/prompts.toml")
        }
        var issues: [ParseIssue] = []
        _ = TOMLDocument.parse(SourceText("system = \"never closed {x}\n"), issues: &issues)
        XCTAssertEqual(issues.map(\.message), ["TOML string is never closed"])
    }
}
