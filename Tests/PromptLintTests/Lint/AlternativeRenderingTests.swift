import XCTest

@testable import PromptLint

/// Issue 12 item 5: conditionals are alternatives. A break is reported when some rendering (each
/// conditional at its largest branch, never the sum of its branches) puts the threshold of static content
/// after a dynamic value; the message gives the range and what it depends on; savings rest on the smallest
/// rendering; a condition itself is not a dynamic value. Generated templates, no labels.
final class AlternativeRenderingTests: XCTestCase {
    private let counter = EstimatedTokenCounter()

    private func findings(_ text: String, profile: LintProfile = .cost, providers: [Provider] = []) throws -> [Finding] {
        var configuration = Configuration(baseDirectory: "/")
        configuration.profile = profile
        configuration.providers = providers
        return try LintTest.linter(configuration).lint(text: text, path: "t.j2", format: .jinja).findings
    }

    private func layout(_ text: String) -> CacheLayout {
        CacheLayout(template: TemplateReading.read(path: "t.j2", text: text, format: .jinja))
    }

    /// A per-request value, then `{% if flag %}<small>{% else %}<large>{% endif %}`.
    private func plan(small: Int, large: Int, before: Int = 20) -> String {
        CostProfileTests.prose(before) + "\nThe task: {{ task_description }}\n"
            + "{% if epic.complexity == 'simple' %}\n" + CostProfileTests.prose(small)
            + "\n{% else %}\n" + CostProfileTests.prose(large) + "\n{% endif %}\n"
    }

    func testTheLargestBranchMakesTheFindingAndTheMessageGivesTheRange() throws {
        let text = plan(small: 100, large: 1000)
        let l = layout(text)
        let slot = try XCTUnwrap(l.items.firstIndex { $0.slot?.expression == "task_description" })
        let smallest = l.staticBlockTokensAfter(minBlock: 64)[slot]
        let largest = l.staticBlockTokensAfter(minBlock: 64, largest: true)[slot]
        XCTAssertLessThan(smallest, 512)
        XCTAssertGreaterThanOrEqual(largest, 900)
        XCTAssertEqual(l.alternativeConditions(after: slot), ["epic.complexity"])
        let pl001 = try XCTUnwrap(try findings(text).first { $0.ruleID == "PL001" })
        XCTAssertEqual(pl001.line, 2)
        XCTAssertTrue(pl001.message.contains("~\(smallest)-\(largest) tokens"), pl001.message)
        XCTAssertTrue(pl001.message.contains("depending on `epic.complexity`"), pl001.message)
        // Under providers whose minimum is 1,024 tokens, every request renders too little static text (the
        // smallest branch) to be cached even once fixed: the certain saving is nothing, so `info`.
        XCTAssertLessThan(l.totalStaticTokens, 1024)
        let clock = text.replacingOccurrences(of: "{{ task_description }}", with: "{{ now() }}")
        let openAI = try XCTUnwrap(try findings(clock, providers: [.openai]).first { $0.ruleID == "PL001" })
        XCTAssertEqual(openAI.severity, .info)
        XCTAssertTrue(openAI.message.contains("saves nothing for certain"), openAI.message)
        // No static text at all after the value in the smallest rendering: nothing certain either.
        let empty = CostProfileTests.prose(20) + "\nThe task: {{ task_description }}\n{% if short %}{% else %}\n"
            + CostProfileTests.prose(1000) + "\n{% endif %}\n"
        let none = try XCTUnwrap(try findings(empty).first { $0.ruleID == "PL001" })
        XCTAssertTrue(none.message.contains("~0-"), none.message)
        XCTAssertTrue(none.message.contains("saves nothing for certain"), none.message)
    }

    func testASmallestRenderingAboveTheMinimumKeepsTheEvidenceSeverity() throws {
        // The same layout with a clock (evidence) and enough static text in every rendering.
        let text = CostProfileTests.prose(700) + "\nNow: {{ now() }}\n{% if detailed %}\n" + CostProfileTests.prose(600)
            + "\n{% else %}\n" + CostProfileTests.prose(1200) + "\n{% endif %}\n"
        let pl001 = try XCTUnwrap(try findings(text, providers: [.openai]).first { $0.ruleID == "PL001" })
        XCTAssertEqual(pl001.severity, .warning)
        XCTAssertTrue(pl001.message.contains("depending on `detailed`"), pl001.message)
    }

    func testBranchesAreNeverSummed() throws {
        // Three branches of ~300 tokens: some rendering has ~300 after the value, none has 900.
        let text = "The task: {{ task_description }}\n{% if mode == 'a' %}\n" + CostProfileTests.prose(300)
            + "\n{% elif mode == 'b' %}\n" + CostProfileTests.prose(300) + "\n{% else %}\n" + CostProfileTests.prose(300)
            + "\n{% endif %}\n"
        let l = layout(text)
        let slot = try XCTUnwrap(l.items.firstIndex { $0.slot?.expression == "task_description" })
        let largest = l.staticBlockTokensAfter(minBlock: 0, largest: true)[slot]
        XCTAssertLessThan(largest, 2 * counter.count(CostProfileTests.prose(300)))
        XCTAssertFalse(try findings(text).contains { ["PL001", "PL005"].contains($0.ruleID) })
        // Nested: the inner block's largest branch inside the outer block's largest, not every branch.
        let nested = "The task: {{ task_description }}\n{% if a %}{% if b %}" + CostProfileTests.prose(300) + "{% else %}"
            + CostProfileTests.prose(200) + "{% endif %}{% else %}" + CostProfileTests.prose(250) + "{% endif %}\n"
        let n = layout(nested)
        let s = try XCTUnwrap(n.items.firstIndex { $0.slot?.expression == "task_description" })
        let expected = counter.count(CostProfileTests.prose(300))
        XCTAssertLessThanOrEqual(abs(n.staticBlockTokensAfter(minBlock: 0, largest: true)[s] - expected), 2)
        XCTAssertLessThanOrEqual(abs(n.staticBlockTokensAfter(minBlock: 0)[s] - counter.count(CostProfileTests.prose(200))), 2)
        XCTAssertFalse(try findings(nested).contains { $0.ruleID == "PL001" })
    }

    func testAConditionPicksACacheableVariantAndIsNotTheBreak() throws {
        // `{% if user_feedback %}` picks one of two static openings; the first value is the description.
        let text = "{% if user_feedback %}You are fixing an app described as:{% else %}Create an app described as:{% endif %}\n"
            + "\n{{ description }}\n\n" + CostProfileTests.prose(700)
        let pl001 = try findings(text).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(pl001.map(\.line), [3])
        XCTAssertFalse(pl001[0].message.contains("user_feedback"), pl001[0].message)
        let l = layout(text)
        let condition = try XCTUnwrap(l.items.first { $0.slot?.isConditional == true })
        XCTAssertEqual(condition.slotClass?.kind, .structural)
        // Handlebars `{{#if}}` and a Mustache inverted section are conditions too; a Mustache section over a
        // list is not (it repeats its body).
        for (tag, expected) in [("{{#if user_feedback}}", true), ("{{^user_feedback}}", true), ("{% elif x %}", true),
                                ("{{#documents}}", false), ("{{#each documents}}", false)] {
            let slot = TemplateSlot(expression: tag, variable: nil, filters: [], source: tag, position: .start,
                                    isLoop: tag.contains("each"), isConditional: !tag.contains("each"), isInclude: false)
            XCTAssertEqual(AlternativeBranches.isCondition(slot), expected, tag)
        }
        // A value inside a branch still breaks the prefix, at its own line.
        let inside = "{% if user_feedback %}\nThe user says:\n{{ user_feedback }}\n{% endif %}\n" + CostProfileTests.prose(700)
        XCTAssertEqual(try findings(inside).filter { $0.ruleID == "PL001" }.map(\.line), [3])
    }

    func testPL005CountsTheLargestRenderingToo() throws {
        let text = "{{ chat_history }}\n{% if verbose %}\n" + CostProfileTests.prose(700) + "\n{% else %}\n"
            + CostProfileTests.prose(40) + "\n{% endif %}\n{{ question }}"
        let pl005 = try XCTUnwrap(try findings(text).first { $0.ruleID == "PL005" })
        XCTAssertTrue(pl005.message.contains("depending on `verbose`"), pl005.message)
        XCTAssertEqual(pl005.severity, .info)
        let even = "{{ chat_history }}\n{% if verbose %}\n" + CostProfileTests.prose(300) + "\n{% else %}\n"
            + CostProfileTests.prose(300) + "\n{% endif %}\n{{ question }}"
        XCTAssertFalse(try findings(even).contains { $0.ruleID == "PL005" })
    }
}
