import XCTest

@testable import PromptLint

final class ReaderJinjaTests: XCTestCase {
    func testExpressionSlotHasVariableFiltersAndExactPosition() {
        let t = ReaderTest.read("Héllo {{ user.name | upper | default(\"x\") }}!\n", path: "a.j2")
        XCTAssertEqual(t.format, .jinja)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.count, 1)
        XCTAssertEqual(t.messages[0].role, .unknown)
        let slot = t.slots[0]
        XCTAssertEqual(slot.expression, "user.name | upper | default(\"x\")")
        XCTAssertEqual(slot.variable, "user")
        XCTAssertEqual(slot.filters, ["upper", "default"])
        XCTAssertEqual(slot.source, "{{ user.name | upper | default(\"x\") }}")
        // "Héllo " is 6 scalars but 7 bytes.
        XCTAssertEqual(at(slot.position), "1:7@7")
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "Héllo ⟨user.name | upper | default(\"x\")⟩!\n")
    }

    func testStatementsBecomeFlaggedSlots() {
        let text = """
            {% if user.admin %}Admin{% elif guest %}Guest{% else %}User{% endif %}
            {% for doc in docs | sort %}- {{ doc.title }}
            {% endfor %}{% include "footer.j2" %}
            """
        let t = ReaderTest.read(text, path: "a.jinja")
        XCTAssertEqual(t.issues, [])
        let slots = t.slots
        XCTAssertEqual(slots.map(\.expression), ["if user.admin", "elif guest", "for doc in docs | sort", "doc.title", "include \"footer.j2\""])
        XCTAssertEqual(slots.map(\.variable), ["user", "guest", "docs", "doc", nil])
        XCTAssertEqual(slots[2].filters, ["sort"])
        XCTAssertTrue(slots[0].isConditional && slots[1].isConditional)
        XCTAssertTrue(slots[2].isLoop)
        XCTAssertTrue(slots[4].isInclude)
        XCTAssertEqual(at(slots[2].position), "2:1@71")
        XCTAssertEqual(at(slots[4].position), "3:13@129")
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "AdminGuestUser\n- \n")
    }

    func testCommentsRawSetAndMacrosAreNotSlots() {
        let text = "{# note {{ x }} #}A{% raw %}{{ literal }}{% endraw %}{% set y = 1 %}{% set z %}{{ hidden }}{% endset %}"
            + "{% macro m(a) %}{{ a }}{% endmacro %}B"
        let t = ReaderTest.read(text, path: "a.j2")
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots, [])
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "A{{ literal }}B")
    }

    func testWhitespaceControlTrimsNeighbouringText() {
        let t = ReaderTest.read("a  \n{%- if x -%}\n  b  {{- y -}}  c", path: "a.j2")
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "a⟨if x⟩b⟨y⟩c")
    }

    func testPromptflowRoleLinesSplitMessages() {
        let text = "# system:\nYou help.\n\n#user:\n{{question}}\nassistant[name=bot]:\nOK\n"
        let t = ReaderTest.read(text, path: "chat.jinja2")
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .assistant])
        XCTAssertEqual(t.messages.map { at($0.position) }, ["1:1@0", "4:1@21", "6:1@41"])
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "You help.\n\n")
        XCTAssertEqual(at(t.slots[0].position), "5:1@28")
        // A line that only starts with a role word is text.
        let inline = ReaderTest.read("USER: hello {{ x }}\n", path: "a.j2")
        XCTAssertEqual(inline.messages.map(\.role), [.unknown])
    }

    func testUnterminatedTagsAndUnclosedBlocksAreIssues() {
        let t = ReaderTest.read("ok {{ name }}\n{% if a %}\nx {{ broken\n", path: "a.j2")
        XCTAssertEqual(t.slots.map(\.expression), ["name", "if a"])
        XCTAssertEqual(t.issues.map { at($0.position) }, ["3:3@27", "2:1@14"])
        XCTAssertTrue(t.issues[0].message.contains("unterminated"))
        XCTAssertTrue(t.issues[1].message.contains("never closed"))
        XCTAssertTrue(ReaderTest.text(t.messages[0]).hasSuffix("{{ broken\n"))

        let stray = ReaderTest.read("a{% endfor %}b{% for x in y %}{% endif %}{% endfor %}", path: "a.j2")
        XCTAssertEqual(stray.issues.count, 2)
        XCTAssertEqual(at(stray.issues[0].position), "1:2@1")
        XCTAssertTrue(stray.issues[1].message.contains("endif"))
    }

    func testDeepNestingDoesNotRecurse() {
        let depth = 10_000
        let text = String(repeating: "{% if a %}x", count: depth)
        let t = ReaderTest.read(text, path: "deep.j2")
        XCTAssertEqual(t.slots.count, depth)
        XCTAssertFalse(t.issues.isEmpty)
        XCTAssertLessThanOrEqual(t.issues.count, 201)
        let closed = ReaderTest.read(text + String(repeating: "{% endif %}", count: depth), path: "deep.j2")
        XCTAssertEqual(closed.issues, [])
    }

    func testNunjucksChatArrayInJinjaFile() {
        let text = """
            [
              {"role": "system", "content": "Rules.\\nBe brief {{ tone }}."},
              {% for m in history %}{"role": "{{ m.role }}", "content": "{{ m.text }}"},{% endfor %}
              {"role": "user", "content": "{{ question }}", "n": {{ count }}}
            ]
            """
        let t = ReaderTest.read(text, path: "chat.j2")
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.system, .unknown, .unknown, .user])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "Rules.\nBe brief ⟨tone⟩.")
        let tone = t.slots[0]
        XCTAssertEqual(at(tone.position), "2:51@52")
        XCTAssertTrue(t.slots[1].isLoop)
        XCTAssertEqual(t.messages[3].segments.count, 1)
    }
}
