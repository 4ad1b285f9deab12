import XCTest

@testable import PromptLint

/// Notes that must not be raised: per-day values before a short tail, a breakpoint's "too short" prefix
/// when a dynamic value precedes it, settings flags named `cache_control`, and duplicated keys in a
/// settings file; and the names that mark counts and markup as configuration.
final class CacheNoteTests: XCTestCase {
    private func findings(_ text: String, path: String, format: TemplateFormat? = nil) throws -> [Finding] {
        try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: path, format: format).findings
    }

    func testShortTailIsNotedOnlyNearTheThreshold() throws {
        // A value read from the clock for each request, then static text and no conversation: far below the
        // threshold (~100 tokens) the fix saves nothing and nothing is reported, whether the value changes per
        // day or per request; from half the threshold on (256 tokens) the break is noted as info, since the
        // token estimate and a provider's count may disagree there.
        func request(_ value: String, tail: Int) -> String {
            """
            from datetime import datetime
            from openai import OpenAI
            def ask(question):
                return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                    {"role": "system", "content": f"Now: {\(value)}. \(CostProfileTests.prose(tail))"},
                    {"role": "user", "content": question}])
            """
        }
        func note(_ text: String) throws -> Finding? { try findings(text, path: "app.py").first { $0.ruleID == "PL001" } }
        XCTAssertNil(try note(request("datetime.now():%Y-%m-%d", tail: 100)))
        XCTAssertNil(try note(request("datetime.now().isoformat()", tail: 100)))
        XCTAssertEqual(try note(request("datetime.now().isoformat()", tail: 320))?.severity, .info)
        XCTAssertEqual(try note(request("datetime.now():%Y-%m-%d", tail: 400))?.severity, .info)
    }

    func testBreakpointAfterADynamicValueIsPL004sNotPL003s() throws {
        let text = """
            import anthropic
            client = anthropic.Anthropic()
            def ask(file_text, question):
                return client.messages.create(model="claude-sonnet-4-5", max_tokens=100, system=[
                    {"type": "text", "text": f"Review this file:\\n{file_text}\\n\(SourceTest.policy)", "cache_control": {"type": "ephemeral"}},
                ], messages=[{"role": "user", "content": question}])
            """
        let ids = try findings(text, path: "review.py").map(\.ruleID)
        XCTAssertTrue(ids.contains("PL004"), "\(ids)")
        XCTAssertFalse(ids.contains("PL003"), "\(ids)")
    }

    func testSettingsListWithCacheFlagsAndDuplicatedKeys() throws {
        var models = ""
        for i in 0..<6 {
            models += "- name: model-\(i)\n  cache_control: true\n  use_temperature: false\n"
            models += "  system_prompt: \"Formatting re-enabled. Answer in short lines, model \(i).\"\n"
        }
        models += "- name: model-dup\n  use_temperature: false\n  use_temperature: true\n"
        let found = try findings(models, path: "model-settings.yml")
        XCTAssertEqual(found.map(\.ruleID), [], "\(found.map(\.message))")
        // The duplicated key is read as common YAML loaders read it: the last one wins.
        let template = TemplateReading.read(path: "model-settings.yml", text: models)
        XCTAssertEqual(template.issues.map(\.message), [])
        XCTAssertEqual(template.messages.count, 6)
    }

    func testCountsAndMarkupTagsAreConfiguration() {
        let classifier = SlotClassifier()
        for name in ["num_code_suggestions", "num_max_findings", "code_block_opening_tag", "closing_tag"] {
            XCTAssertEqual(classifier.classify(LintTest.slot(name)).volatility, .constant, name)
        }
        XCTAssertEqual(classifier.classify(LintTest.slot("user_question")).volatility, .perRequest)
    }
}
