import XCTest

@testable import PromptLint

/// Issue 12 item 5: a request renders a constant loop's body once per item and one branch of each
/// conditional, so the cache model counts the same (generated templates, no labels).
final class LoopCountingTests: XCTestCase {
    private let counter = EstimatedTokenCounter()
    private let long = String(repeating: "The coder writes and tests the code in small steps. ", count: 12)
    private let short = "Reports findings."
    private let middle = String(repeating: "Browses the web for sources. ", count: 4)

    /// A loop over `collection` whose body is an `if/elif/else` with three branches of different sizes.
    private func template(set name: String, items: Int) -> String {
        let list = (1...items).map { "\"member\($0)\"" }.joined(separator: ", ")
        return """
            {% set \(name) = [\(list)] %}
            Team:
            {% for m in members %}{% if m == "member1" %}\(long){% elif m == "member2" %}\(short){% else %}\(middle){% endif %}{% endfor %}
            """
    }

    func testAFiveItemConstantListCountsTheSmallestBranchFiveTimes() {
        let five = CacheLayout(template: ReaderTest.read(template(set: "members", items: 5), path: "t.j2"))
        // Same text, but `members` is only declared constant in configuration, with no value: its length is
        // unknown, so the body counts once.
        let unknown = CacheLayout(
            template: ReaderTest.read(template(set: "memberz", items: 5), path: "t.j2"),
            classifier: SlotClassifier(constants: ["members"]))
        XCTAssertEqual(five.totalStaticTokens - unknown.totalStaticTokens, 4 * counter.count(short))
        XCTAssertGreaterThanOrEqual(unknown.totalStaticTokens, counter.count(short) + counter.count("Team:"))
        // Without the elif and else, the body is the one branch, five times.
        let single = template(set: "members", items: 5).replacingOccurrences(of: "{% elif m == \"member2\" %}\(short){% else %}\(middle)", with: "")
        let s = CacheLayout(template: ReaderTest.read(single, path: "t.j2"))
        XCTAssertEqual(s.totalStaticTokens - five.totalStaticTokens, 5 * (counter.count(long) - counter.count(short)))
    }

    func testLoopLengthsFromLiteralsSetTagsFrontMatterAndConfiguration() {
        let classifier = SlotClassifier(constantLengths: ["Tools": 4])
        func iterations(_ header: String, source: String = "", metadata: [String: String] = [:]) -> Int? {
            let slot = TemplateSlot(expression: header, source: "{% \(header) %}", position: .start, isLoop: true)
            let template = PromptTemplate(path: "t.j2", format: .jinja, messages: [], metadata: metadata, source: source)
            return LoopLength.iterations(of: slot, in: template, classifier: classifier)
        }
        XCTAssertEqual(iterations("for x in [\"a, b\", 'c', [1, 2]]"), 3)
        XCTAssertEqual(iterations("for i in range(2, 7)"), 5)
        XCTAssertEqual(iterations("for t in tools"), 4)
        XCTAssertEqual(iterations("for s in steps", source: "{%- set steps = ('plan', 'act') -%}"), 2)
        XCTAssertEqual(iterations("for s in steps", metadata: ["input.default.steps.#count": "6"]), 6)
        XCTAssertNil(iterations("for s in steps"))
        XCTAssertNil(iterations("for s in steps | reverse"))
        XCTAssertEqual(iterations("for i in range(1000000)"), LoopLength.cap)
    }

    func testAListSetBesideThePromptInYAMLGivesTheLoopItsLength() throws {
        let yaml = """
            tools:
              - search
              - fetch
              - summarise
            system_prompt: |
              You can use these tools:
              {% for tool in tools %}- {{ tool }}: described in the manual.
              {% endfor %}
            """
        let template = ReaderTest.read(yaml, path: "prompts/agent.yaml")
        let loop = try XCTUnwrap(template.slots.first { $0.isLoop })
        XCTAssertEqual(loop.iterations, 3)
    }

    func testFrontMatterListsRecordTheirLength() {
        var metadata: [String: String] = [:]
        let doc = DocValue.object(
            [("tools", .array([.scalar("a", range: 0..<0), .scalar("b", range: 0..<0)], range: 0..<0))], range: 0..<0)
        doc.flatten(prefix: "", into: &metadata)
        XCTAssertEqual(metadata["tools.#count"], "2")
    }

    func testConfigurationListValuesGiveLengthsAndDeclareConstants() throws {
        let config = try ConfigurationLoader.parse("constants: {team: [planner, coder, reporter], app_name: Acme}\n", path: "/x/.promptlint.yml")
        XCTAssertEqual(config.constants, ["app_name", "team"])
        XCTAssertEqual(config.constantLengths, ["team": 3])
        let text = "{% for m in team %}\(short){% endfor %}"
        let layout = CacheLayout(template: ReaderTest.read(text, path: "t.j2"), classifier: config.classifier)
        XCTAssertEqual(layout.totalStaticTokens, 3 * counter.count(short))
    }

    func testADynamicLoopCountsNothing() {
        let text = "{% for doc in retrieved_documents %}\(long){% endfor %}"
        XCTAssertEqual(CacheLayout(template: ReaderTest.read(text, path: "t.j2")).totalStaticTokens, 0)
    }
}
