import XCTest

@testable import PromptLint

final class ReaderMustacheTests: XCTestCase {
    func testVariablesTripleAndAmpersandForms() {
        let t = ReaderTest.read("Hi {{name}}, {{{bio}}} {{& raw.html}} {{ user.city }}", path: "a.mustache")
        XCTAssertEqual(t.format, .mustache)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.expression), ["name", "bio", "& raw.html", "user.city"])
        XCTAssertEqual(t.slots.map(\.variable), ["name", "bio", "raw", "user"])
        XCTAssertEqual(t.slots.map(\.source), ["{{name}}", "{{{bio}}}", "{{& raw.html}}", "{{ user.city }}"])
        XCTAssertEqual(t.slots.map { at($0.position) }, ["1:4@3", "1:14@13", "1:24@23", "1:39@38"])
    }

    func testSectionsInvertedCommentsPartialsAndElse() {
        let text = """
            {{! a comment with {braces} }}{{!-- long }} comment --}}
            {{#items}}- {{.}}
            {{/items}}{{^items}}none{{/items}}
            {{#if admin}}A{{else}}B{{/if}}{{#each list}}{{this}}{{/each}}
            {{> footer}}
            """
        let t = ReaderTest.read(text, path: "a.hbs")
        XCTAssertEqual(t.format, .handlebars)
        XCTAssertEqual(t.issues, [])
        let s = t.slots
        XCTAssertEqual(s.map(\.expression), ["#items", ".", "^items", "#if admin", "#each list", "this", "> footer"])
        XCTAssertEqual(s.map(\.isConditional), [true, false, true, true, false, false, false])
        XCTAssertEqual(s.map(\.isLoop), [false, false, false, false, true, false, false])
        XCTAssertTrue(s[6].isInclude)
        XCTAssertNil(s[6].variable)
        XCTAssertEqual(s[3].variable, "admin")
        XCTAssertEqual(at(s[0].position), "2:1@57")
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "\n- \nnone\nAB\n")
    }

    func testHelpersWithArgumentsAndWhitespaceControl() {
        let t = ReaderTest.read("A   {{~json data indent=2~}}   B {{formatDate when \"short\"}} {{link url=page.href}}", path: "a.hbs")
        XCTAssertEqual(t.slots.map(\.variable), ["data", "when", "page"])
        XCTAssertEqual(t.slots.map(\.filters), [["json"], ["formatDate"], ["link"]])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "A⟨json data indent=2⟩B ⟨formatDate when \"short\"⟩ ⟨link url=page.href⟩")
    }

    func testUnclosedAndMismatchedSectionsAreIssues() {
        let t = ReaderTest.read("{{#each a}}x{{/if}}\n{{#b}}y", path: "a.hbs")
        XCTAssertEqual(t.issues.count, 3)
        XCTAssertTrue(t.issues[0].message.contains("no matching"))
        XCTAssertEqual(at(t.issues[0].position), "1:13@12")
        XCTAssertEqual(t.slots.count, 2)
        let open = ReaderTest.read("text {{ name", path: "a.mustache")
        XCTAssertEqual(open.issues.map { at($0.position) }, ["1:6@5"])
        XCTAssertEqual(ReaderTest.text(open.messages[0]), "text {{ name")
    }

    func testDeepSectionsDoNotRecurse() {
        let t = ReaderTest.read(String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000), path: "a.mustache")
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.count, 10_000)
    }
}
