import XCTest

@testable import PromptLint

/// PL001/PL005 under the default `cost` profile count the static text up to the next dynamic slot and
/// report from 512 tokens; `profile: strict` keeps the hygiene thresholds over the whole tail.
final class CostProfileTests: XCTestCase {
    /// About `tokens` estimated tokens of static prose.
    static func prose(_ tokens: Int) -> String {
        let sentence = "Answer only from the documents and name the title of the passage you quote. "
        let per = EstimatedTokenCounter().count(sentence)
        return String(repeating: sentence, count: max(1, tokens / per))
    }

    private func findings(_ text: String, profile: LintProfile = .cost) throws -> [Finding] {
        var configuration = Configuration(baseDirectory: "/")
        configuration.profile = profile
        return try LintTest.linter(configuration).lint(text: text, path: "t.j2", format: .jinja).findings
    }

    func testRepeatsOfOneValueDoNotSplitTheStaticTextAroundThem() throws {
        // One value named in every section (a command's `{{ question }}`): stated once after the text, the
        // sections refer to it, so ~700 tokens between its repeats are cacheable.
        let section = Self.prose(40)
        var repeated = "Question: {{ question }}\n"
        for _ in 0..<20 { repeated += section + " Check {{ question }} again.\n" }
        let pl001 = try XCTUnwrap(try findings(repeated).first { $0.ruleID == "PL001" })
        XCTAssertEqual(pl001.line, 1)
        // Twenty different values in the same places: each short section labels its own value.
        var distinct = "Question: {{ question }}\n"
        for i in 0..<20 { distinct += section + " Check {{ question_\(i) }} again.\n" }
        XCTAssertFalse(try findings(distinct).contains { $0.ruleID == "PL001" })
    }

    func testStaticBlocksAfterTheBreakAreCountedButShortLabelsAreNot() throws {
        // 300 + 300 tokens of instructions around the question: a fix moving both values gains 600.
        let blocks = "Today is {{ current_date }}.\n" + Self.prose(300) + "\n{{ question }}\n" + Self.prose(300)
        let pl001 = try XCTUnwrap(try findings(blocks).first { $0.ruleID == "PL001" })
        XCTAssertEqual(pl001.line, 1)
        // Many values, each with a short label, then 300 tokens: the labels move with their values.
        var labelled = "Task: {{ task_description }}\n"
        for i in 0..<40 { labelled += "Here is the file number \(i) you need to read: {{ file_\(i)_content }}\n" }
        labelled += Self.prose(300)
        XCTAssertFalse(try findings(labelled).contains { $0.ruleID == "PL001" })
        // Strict counts every static token (hygiene).
        XCTAssertTrue(try findings(labelled, profile: .strict).contains { $0.ruleID == "PL001" })
    }

    func testLayoutCountsBlocksAndStretches() throws {
        let text = "{{ a_question }}" + Self.prose(100) + "{{ b_question }}short{{ c_question }}" + Self.prose(200)
        let layout = CacheLayout(template: TemplateReading.read(path: "t.j2", text: text, format: .jinja))
        let a = try XCTUnwrap(layout.items.firstIndex { $0.slot?.expression == "a_question" })
        let b = try XCTUnwrap(layout.items.firstIndex { $0.slot?.expression == "b_question" })
        let blocks = layout.staticBlockTokensAfter(minBlock: 64)
        let all = layout.staticBlockTokensAfter(minBlock: 0)
        XCTAssertEqual(all[a], layout.staticTokens(after: a))
        XCTAssertEqual(blocks[a], layout.staticTokens(after: a) - layout.staticTokensUntilNextDynamic(after: b))
        XCTAssertLessThan(layout.staticTokensUntilNextDynamic(after: a), blocks[a])
        XCTAssertEqual(blocks[b], layout.staticTokens(after: b) - layout.staticTokensUntilNextDynamic(after: b))
    }

    func testTheBreakIsReportedWhereTheLongStretchFollows() throws {
        // A per-user value followed by little, then documents and a long block: one finding.
        let text = "Hello {{ user_name }}, today is a good day.\n{{ retrieved_documents }}\n" + Self.prose(700) + "\n{{ question }}"
        let pl = try findings(text).filter { ["PL001", "PL005"].contains($0.ruleID) }
        XCTAssertEqual(pl.count, 1)
    }

    func testPL005CountsTheSameWay() throws {
        let short = "{{ chat_history }}\n" + Self.prose(200) + "\n{{ question }}\n"
        XCTAssertFalse(try findings(short).contains { $0.ruleID == "PL005" })
        XCTAssertTrue(try findings(short, profile: .strict).contains { $0.ruleID == "PL005" })
        let long = "{{ chat_history }}\n" + Self.prose(600) + "\n{{ question }}"
        XCTAssertTrue(try findings(long).contains { $0.ruleID == "PL005" })
    }

    func testProfileIsReadFromConfigurationAndBadValuesAreErrors() throws {
        XCTAssertEqual(try ConfigurationLoader.parse("profile: strict\n", path: "/x/.promptlint.yml").profile, .strict)
        XCTAssertEqual(try ConfigurationLoader.parse("rules: {PL006: off}\n", path: "/x/.promptlint.yml").profile, .cost)
        XCTAssertThrowsError(try ConfigurationLoader.parse("profile: lenient\n", path: "/x/.promptlint.yml")) { error in
            guard case .invalidConfiguration(_, let reason)? = error as? PromptLintError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("cost, strict"), reason)
        }
    }

    func testTheDefaultThresholdIsHalfTheSmallestMinimumOfTheMainProviders() throws {
        // The number in PL001's YAML follows from the pricing data it cites (see its rationale).
        let pricing = try PricingLoader.load(addingDirectories: [])
        let minimums = pricing.models.filter { ["openai", "anthropic", "gemini"].contains($0.provider) }
            .map(\.minimumCacheableTokens)
        let smallest = try XCTUnwrap(minimums.min())
        let rule = try XCTUnwrap(try LintTest.rules().rules.first { $0.definition.id == "PL001" })
        XCTAssertEqual(rule.definition.parameters.int("min_static_tokens_after", default: 0), smallest / 2)
        let pl005 = try XCTUnwrap(try LintTest.rules().rules.first { $0.definition.id == "PL005" })
        XCTAssertEqual(pl005.definition.parameters.int("min_instruction_tokens", default: 0), smallest / 2)
    }
}
