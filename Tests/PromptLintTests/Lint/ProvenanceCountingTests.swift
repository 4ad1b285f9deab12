import XCTest

@testable import PromptLint

/// Issue 12 items 4-6: severity from what a classification rests on, counting as a provider caches,
/// and the false positives (tojson, literals in URLs/comments/raw blocks).
final class ProvenanceCountingTests: XCTestCase {
    static let policy = String(
        repeating: "Follow the escalation policy: verify identity, summarise the issue, propose two fixes. ", count: 4)

    private func pl001(_ text: String, format: TemplateFormat = .jinja, configuration: Configuration = LintTest.strictConfiguration)
        throws -> [Finding]
    {
        try LintTest.linter(configuration).lint(text: text, path: "t.\(format.usualExtension)", format: format).findings
            .filter { $0.ruleID == "PL001" }
    }

    func testANameGuessIsInfoAndSaysSo() throws {
        let findings = try pl001("Today is {{ current_date }}.\n" + Self.policy + "\n{{ question }}")
        XCTAssertEqual(findings.count, 1)
        XCTAssertEqual(findings[0].severity, .info)
        XCTAssertTrue(findings[0].message.contains("judged from the name alone"), findings[0].message)
    }

    /// A value and a conversation both read from their names (holdout30's BASIC-BIT: a per-meeting
    /// `{{formattedContext}}` before the call's own `{{transcript}}`): the message says the volatility is likely,
    /// names the later slot as history judged from its name, and states the conversation's loss as a condition.
    func testNameGuessesAreWordedAsGuesses() throws {
        let findings = try pl001("Notes:\n{{ context }}\n" + Self.policy + "\n{{ chat_history }}")
        XCTAssertEqual(findings.count, 1)
        let message = findings[0].message
        XCTAssertTrue(message.hasPrefix("{{ context }} is likely per-request ("), message)
        XCTAssertTrue(message.contains("and `{{ chat_history }}` (conversation history, judged from the name alone) come after it"), message)
        XCTAssertTrue(message.contains("If it holds turns kept across requests, they cannot be cached either."), message)
        XCTAssertFalse(message.contains("turn after turn"), message)
        // On evidence (the expression reads the clock) the volatility is stated plainly.
        let clock = try pl001("It is {{ now() }}.\n" + Self.policy)
        XCTAssertTrue(clock.first?.message.hasPrefix("{{ now() }} is per-request (") == true, "\(clock.map(\.message))")
    }

    /// A shell variable a command file sets itself (`OWNER=acme`) is a constant there: no break at `$OWNER`
    /// (holdout30's `.codex/prompts/automated-review-cycle.md`); the same marker unset stays a possible break.
    func testShellVariableSetInTheSameFileIsNoBreak() throws {
        let body = "Run `gh api repos/$OWNER/pulls` first.\n" + Self.policy
        XCTAssertEqual(try pl001("Shell vars: `OWNER=acme`\n" + body, format: .markdown), [])
        XCTAssertEqual(try pl001(body, format: .markdown).map(\.snippet), ["$OWNER"])
    }

    func testEvidenceFromTheExpressionOrConfigurationIsAWarning() throws {
        XCTAssertEqual(try pl001("It is {{ now() }}.\n" + Self.policy).map(\.severity), [.warning])
        var configuration = LintTest.strictConfiguration
        configuration.slotKinds = ["stamp": SlotClass(volatility: .perRequest, kind: .time, reason: "`stamp` is configured per-request")]
        XCTAssertEqual(try pl001("Stamp {{ stamp }}.\n" + Self.policy, configuration: configuration).map(\.severity), [.warning])
    }

    func testUnknownValuesAreInfo() throws {
        let findings = try pl001("Hello {{ zork }}.\n" + Self.policy)
        XCTAssertEqual(findings.map(\.severity), [.info])
        XCTAssertTrue(findings[0].message.contains("nothing in the file says what fills it"), findings[0].message)
    }

    func testDeploymentConstantsByConventionAreNotPerRequest() {
        let classifier = SlotClassifier()
        for name in ["general_instructions", "api_docs", "sample_conversation", "MAX_WINDOW", "self.role_description"] {
            let slot = TemplateSlot(expression: name, variable: name, source: "{\(name)}", position: .start)
            XCTAssertEqual(classifier.classify(slot).volatility, .constant, name)
        }
        for name in ["retrieved_docs", "question", "chat_history", "CURRENT_TIME"] {
            let slot = TemplateSlot(expression: name, variable: name, source: "{\(name)}", position: .start)
            XCTAssertNotEqual(classifier.classify(slot).volatility, .constant, name)
        }
    }

    func testOneFindingPerPrefixBreakListingTheRest() throws {
        let text = "{{ now() }} {{ user_name }}\n" + Self.policy + "\n{{ session_id }}\n" + Self.policy + "\n{{ question }}"
        let findings = try pl001(text)
        XCTAssertEqual(findings.count, 1)
        XCTAssertTrue(findings[0].message.contains("as are `{{ user_name }}`, `{{ session_id }}`"), findings[0].message)
    }

    func testIfElseBranchesCountTheSmallestNotTheSum() {
        let long = String(repeating: "word ", count: 80)
        let short = String(repeating: "word ", count: 20)
        let text = "{% if expert %}\(long){% else %}\(short){% endif %}"
        let layout = CacheLayout(template: ReaderTest.read(text, path: "t.j2"))
        XCTAssertEqual(layout.totalStaticTokens, EstimatedTokenCounter().count(short))
        let mustache = "{{#expert}}\(long){{/expert}}{{^expert}}\(short){{/expert}}"
        let m = CacheLayout(template: ReaderTest.read(mustache, path: "t.mustache"))
        XCTAssertEqual(m.totalStaticTokens, EstimatedTokenCounter().count(short))
        let handlebars = "{{#if expert}}\(short){{else}}\(long){{/if}}"
        let h = CacheLayout(template: ReaderTest.read(handlebars, path: "t.hbs"))
        XCTAssertEqual(h.totalStaticTokens, EstimatedTokenCounter().count(short))
    }

    func testAFixThatSavesNothingUnderTheProvidersInScopeIsInfo() throws {
        var configuration = LintTest.strictConfiguration
        configuration.providers = [.openai]
        let findings = try pl001("It is {{ now() }}.\n" + Self.policy, configuration: configuration)
        XCTAssertEqual(findings.map(\.severity), [.info])
        XCTAssertTrue(findings[0].message.contains("saves nothing"), findings[0].message)
    }

    func testTojsonSortsKeysSoPL007StaysQuiet() throws {
        let tail = "\n" + Self.policy
        XCTAssertFalse(try LintTest.ruleIDs("Schema: {{ schema | tojson }}" + tail, format: .jinja).contains("PL007"))
        // Insertion order is stable for data built the same way each call; see OrderStabilityTests.
        XCTAssertFalse(try LintTest.ruleIDs("Schema: {{ schema | tojson(sort_keys=False) }}" + tail, format: .jinja).contains("PL007"))
        XCTAssertFalse(try LintTest.ruleIDs("Schema: {{ schema | dump }}" + tail, format: .jinja).contains("PL007"))
    }

    func testLiteralsInURLsCommentsAndRawBlocksAreNotVolatile() throws {
        let uuid = "6f1c2d3e-9a8b-4c7d-8e6f-5a4b3c2d1e0f"
        let tail = "\n" + Self.policy
        XCTAssertFalse(try LintTest.ruleIDs("![logo](https://img.example.com/\(uuid).png)" + tail, format: .markdown).contains("PL002"))
        XCTAssertFalse(try LintTest.ruleIDs("<!-- generated \(uuid) -->" + tail, format: .markdown).contains("PL002"))
        XCTAssertFalse(try LintTest.ruleIDs("{% raw %}id: \(uuid){% endraw %}" + tail, format: .jinja).contains("PL002"))
        XCTAssertTrue(try LintTest.ruleIDs("Session \(uuid)" + tail, format: .plainText).contains("PL002"))
    }

    func testQuotedFieldValuesAreSampleDataExceptInRequestBodies() throws {
        let tail = "\n" + Self.policy
        for sample in ["{\"createdAt\": \"2025-03-15T12:00:00.000Z\"}", "users = [{ lastLogin: '2023-05-15T10:30:00Z' }]",
                       "record: {\\\"updated_at\\\": \\\"2023-05-15T12:00:00Z\\\"}", "<meta date=\"2024-01-01T00:00Z\">",
                       "x: \\\\\\\"createdAt\\\\\\\": \\\\\\\"2025-03-15T12:00:00.000Z\\\\\\\""] {
            XCTAssertFalse(try LintTest.ruleIDs(sample + tail, format: .markdown).contains("PL002"), sample)
        }
        XCTAssertTrue(try LintTest.ruleIDs("Current time: 2025-03-02T10:15:07Z." + tail, format: .plainText).contains("PL002"))
        XCTAssertTrue(try LintTest.ruleIDs("Request \"2025-03-02T10:15:07Z\" came in." + tail, format: .plainText).contains("PL002"))
        let body = "{\"system\": \"Context: {\\\"now\\\": \\\"2025-03-02T10:15:07Z\\\"}. " + Self.policy + "\", \"messages\": []}"
        XCTAssertTrue(try LintTest.ruleIDs(body, format: .anthropicRequest).contains("PL002"))
    }
}
