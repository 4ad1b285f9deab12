import XCTest

@testable import PromptLint

final class CacheModelTests: XCTestCase {
    let classifier = SlotClassifier()

    func volatility(_ expression: String, filters: [String] = [], loop: Bool = false) -> SlotVolatility {
        classifier.classify(LintTest.slot(expression, loop: loop, filters: filters)).volatility
    }

    func kind(_ expression: String) -> SlotKind {
        classifier.classify(LintTest.slot(expression)).kind
    }

    func testNamesGiveVolatility() {
        XCTAssertEqual(volatility("current_date"), .perDay)
        XCTAssertEqual(volatility("time.Date"), .perDay)
        XCTAssertEqual(volatility("today"), .perDay)
        XCTAssertEqual(volatility("timestamp"), .perRequest)
        XCTAssertEqual(volatility("now"), .perRequest)
        XCTAssertEqual(volatility("user.first_name"), .perUser)
        XCTAssertEqual(volatility("customer.firstName"), .perUser)
        XCTAssertEqual(volatility("memory"), .perUser)
        XCTAssertEqual(volatility("question"), .perRequest)
        XCTAssertEqual(volatility("$input"), .perRequest)
        XCTAssertEqual(volatility("retrieved_documents"), .perRequest)
        XCTAssertEqual(volatility("max_actions"), .constant)
        XCTAssertEqual(volatility("app_name"), .constant)
        XCTAssertEqual(volatility("bot_name"), .constant)
        XCTAssertEqual(volatility("entity_types"), .constant)
        XCTAssertEqual(volatility("dialect"), .unknown)
    }

    func testKinds() {
        XCTAssertEqual(kind("chat_history"), .history)
        XCTAssertEqual(kind("$HISTORY"), .history)
        XCTAssertEqual(kind("agentScratchPad"), .history)
        XCTAssertEqual(kind("contexts"), .documents)
        XCTAssertEqual(kind("question"), .input)
        XCTAssertEqual(kind("request_id"), .identifier)
        XCTAssertEqual(kind("uuid"), .identifier)
    }

    func testHelpersAndFilters() {
        XCTAssertEqual(volatility("now()"), .perRequest)
        XCTAssertEqual(volatility("created", filters: ["date"]), .perDay)
        XCTAssertEqual(volatility("uuid4()"), .perRequest)
        XCTAssertEqual(volatility("settings", filters: ["tojson"]), .constant)
    }

    func testStructuralHelpersAreNotDynamic() {
        XCTAssertEqual(kind("role \"system\""), .structural)
        XCTAssertEqual(kind("section \"thought\""), .structural)
        XCTAssertEqual(kind("endfor"), .structural)
        XCTAssertEqual(kind("/each"), .structural)
        let include = LintTest.slot("include \"policies.j2\"", include: true)
        XCTAssertEqual(classifier.classify(include).kind, .structural)
        let flag = LintTest.slot("if show_tools", conditional: true)
        XCTAssertEqual(classifier.classify(flag).kind, .structural)
        let userFlag = LintTest.slot("if user.is_premium", conditional: true)
        XCTAssertEqual(classifier.classify(userFlag).volatility, .perUser)
    }

    func testConfigurationWins() {
        let c = SlotClassifier(constants: ["dialect"], declared: ["tenant_rules": SlotClass(configName: "documents", variable: "tenant_rules")!])
        XCTAssertEqual(c.classify(LintTest.slot("dialect")).volatility, .constant)
        XCTAssertEqual(c.classify(LintTest.slot("tenant_rules")).kind, .documents)
        XCTAssertEqual(c.classify(LintTest.slot("user.name")).volatility, .perUser)
    }

    func testMetadataDescriptionsAndSamples() {
        var template = LintTest.template(["Intro ", "{{ profile_blob }}", " tail"])
        template.metadata["input_variables[0].name"] = "profile_blob"
        XCTAssertEqual(classifier.classify(LintTest.slot("xyz"), in: template).volatility, .unknown)
        template.metadata["input_variables.0.name"] = "xyz"; template.metadata["input_variables.0.description"] = "The customer account details"
        XCTAssertEqual(classifier.classify(LintTest.slot("xyz"), in: template).volatility, .perUser)
        template.sampleValues["blob"] = String(repeating: "A long retrieved passage. ", count: 20)
        XCTAssertEqual(classifier.classify(LintTest.slot("blob"), in: template).kind, .documents)
    }

    func testLayoutCountsStaticTokensAndLoops() {
        let long = String(repeating: "Follow the policy carefully. ", count: 10)
        let template = PromptTemplate(
            path: "t.j2", format: .jinja,
            messages: [TemplateMessage(role: .system, segments: [
                .text("Intro. ", LintTest.at(1)),
                .slot(LintTest.slot("for d in documents", line: 2, offset: 7, loop: true)),
                .text(" - body ", LintTest.at(2, 20, 100)),
                .text(long, LintTest.at(3, 1, 500)),
            ], position: .start)],
            source: String(repeating: " ", count: 1000))
        let layout = CacheLayout(template: template)
        XCTAssertEqual(layout.items.count, 4)
        XCTAssertFalse(layout.items[2].inDynamicLoop, "a loop without a closing tag covers only its own tag")
        XCTAssertEqual(layout.firstDynamicIndex, 1)
        XCTAssertGreaterThan(layout.staticTokens(after: 1), 50)
        XCTAssertEqual(layout.cacheablePrefixTokens(for: .openai), EstimatedTokenCounter().count("Intro. "))
    }

    func testLoopBodiesBelongToTheirLoop() throws {
        let text = """
            You are an assistant.
            {% for d in documents %}Doc: {{ d.text }}
            {% endfor %}
            Now answer carefully, following every rule in the handbook without exception.
            """
        let template = TemplateReading.read(path: "t.j2", text: text, format: .jinja)
        let layout = CacheLayout(template: template)
        let inLoop = layout.items.filter(\.inDynamicLoop)
        XCTAssertFalse(inLoop.isEmpty)
        XCTAssertTrue(inLoop.allSatisfy { $0.staticTokens == 0 })
        let last = try XCTUnwrap(layout.items.last)
        XCTAssertFalse(last.inDynamicLoop, "text after endfor is outside the loop")
        XCTAssertGreaterThan(last.staticTokens, 10)
    }

    func testAnthropicBreakpointsDecideThePrefix() {
        var template = LintTest.template([String(repeating: "Static rules. ", count: 40), "{{ question }}"])
        template.messages.append(TemplateMessage(role: .user, segments: [.text("Hi", LintTest.at(9))], position: LintTest.at(9)))
        template.messages[1].hasCacheBreakpoint = true
        let layout = CacheLayout(template: template)
        XCTAssertEqual(layout.cacheablePrefixTokens(for: .anthropic), 0, "the only breakpoint follows the dynamic slot")
        XCTAssertGreaterThan(layout.cacheablePrefixTokens(for: .openai), 100)
    }

    func testTokenCounterEstimates() {
        let counter = EstimatedTokenCounter()
        XCTAssertEqual(counter.count(""), 0)
        XCTAssertEqual(counter.count("one two three"), 4)
        XCTAssertEqual(counter.count("a b c d e f"), 6)
        XCTAssertEqual(counter.count(String(repeating: "a", count: 400)), 100)
    }

    func testDynamicPrefixDecisions() throws {
        let rules = try LintTest.rules()
        let linter = PromptLinter(rules: rules, configuration: LintTest.strictConfiguration)
        let tail = String(repeating: "Always answer politely and cite the handbook section. ", count: 4)
        let bad = LintTest.template(["Hello ", "{{ user.name }}", ". " + tail])
        XCTAssertTrue(linter.lint(bad).contains { $0.ruleID == "PL001" && $0.line == 2 })
        let good = LintTest.template([tail, "{{ question }}", " Answer:"])
        XCTAssertFalse(linter.lint(good).contains { $0.ruleID == "PL001" })
        let constant = LintTest.template(["You are ", "{{ app_name }}", ". " + tail])
        XCTAssertFalse(linter.lint(constant).contains { $0.ruleID == "PL001" })
    }
}

final class CachePrefixTests: XCTestCase {
    func testPrefixPerProvider() {
        let rules = String(repeating: "Static rules for every request. ", count: 200)
        let template = LintTest.template([rules, "{{ question }}"])
        let layout = CacheLayout(template: template)
        let openai = layout.cacheablePrefix(for: .openai)
        XCTAssertTrue(openai.isCacheable)
        XCTAssertFalse(openai.setByBreakpoint)
        XCTAssertEqual(openai.end.line, 1)
        XCTAssertEqual(layout.cacheablePrefix(for: .deepseek).minimumTokens, 64)
        var withBreakpoint = template
        withBreakpoint.messages[0].hasCacheBreakpoint = true
        let anthropic = CacheLayout(template: withBreakpoint).cacheablePrefix(for: .anthropic)
        XCTAssertTrue(anthropic.setByBreakpoint)
        XCTAssertEqual(anthropic.tokens, 0, "the breakpoint's message holds the dynamic slot")
    }
}
