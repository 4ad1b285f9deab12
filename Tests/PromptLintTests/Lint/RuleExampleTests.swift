import XCTest

@testable import PromptLint

/// Every rule's YAML examples are its tests (the SwiftLint pattern): triggering examples must produce a
/// finding of the rule, non-triggering ones must not. The whole engine runs, with every rule enabled.
final class RuleExampleTests: XCTestCase {
    func testEveryRuleExample() throws {
        let rules = try LintTest.rules()
        var strictConfiguration = Configuration(baseDirectory: "/")
        strictConfiguration.profile = .strict
        let linters: [LintProfile: PromptLinter] = [
            .cost: PromptLinter(rules: rules, configuration: Configuration(baseDirectory: "/")),
            .strict: PromptLinter(rules: rules, configuration: strictConfiguration),
        ]
        XCTAssertGreaterThanOrEqual(rules.rules.count, 11)
        for rule in rules.rules {
            let d = rule.definition
            for (i, example) in d.triggeringExamples.enumerated() {
                let linter = try XCTUnwrap(linters[example.profile])
                let findings = linter.lint(text: example.text, path: example.path, format: example.format).findings
                XCTAssertTrue(findings.contains { $0.ruleID == d.id },
                              "\(d.id) triggering example \(i + 1) (\(example.profile)) did not trigger; got \(findings.map { "\($0.ruleID) \($0.message)" })")
            }
            for (i, example) in d.nonTriggeringExamples.enumerated() {
                let linter = try XCTUnwrap(linters[example.profile])
                let findings = linter.lint(text: example.text, path: example.path, format: example.format).findings
                let own = findings.filter { $0.ruleID == d.id }
                XCTAssertTrue(own.isEmpty, "\(d.id) non-triggering example \(i + 1) triggered: \(own.map(\.message))")
            }
        }
    }

    func testRuleIdsAndNamesAreUniqueAndWellFormed() throws {
        let rules = try LintTest.rules().rules.map(\.definition)
        XCTAssertEqual(Set(rules.map(\.id)).count, rules.count, "duplicate rule ids")
        XCTAssertEqual(Set(rules.map(\.name)).count, rules.count, "duplicate rule names")
        for rule in rules {
            XCTAssertNotNil(rule.id.range(of: "^PL[0-9]{3}$", options: .regularExpression), rule.id)
            XCTAssertNotNil(rule.name.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), rule.name)
            XCTAssertFalse(rule.triggeringExamples.isEmpty, "\(rule.id) has no triggering example")
            XCTAssertFalse(rule.nonTriggeringExamples.isEmpty, "\(rule.id) has no non-triggering example")
            XCTAssertFalse(rule.rationale.isEmpty)
            XCTAssertFalse(rule.fix.isEmpty)
            XCTAssertTrue(rule.sourcePath.hasSuffix(".yml"))
        }
        XCTAssertEqual(rules.first { $0.id == "PL001" }?.name, "dynamic-content-in-cached-prefix")
    }

    func testDuplicateIdsAreRejected() throws {
        let a = RuleDefinition(id: "PL900", name: "a", severity: .info, message: "m", summary: "s", rationale: "r", fix: "f",
                               check: "parse-error")
        var b = a
        b.name = "b"
        XCTAssertThrowsError(try RuleSet([try LoadedRule(definition: a), try LoadedRule(definition: b)])) { error in
            XCTAssertEqual(error as? PromptLintError, .duplicateRule(id: "pl900"))
        }
    }

    func testUnknownCheckAndBadYAMLAreTypedErrors() {
        let yaml = "id: X1\nname: x\nseverity: info\nmessage: m\nrationale: r\nfix: f\ncheck: nope\n"
        XCTAssertThrowsError(try LoadedRule(definition: try RuleLoader.definitions(yaml: yaml, path: "x.yml")[0])) {
            XCTAssertEqual($0 as? PromptLintError, .unknownCheck(rule: "X1", check: "nope"))
        }
        XCTAssertThrowsError(try RuleLoader.definitions(yaml: "id: [", path: "bad.yml"))
        XCTAssertThrowsError(try RuleLoader.definitions(yaml: yaml.replacingOccurrences(of: "name: x", with: "name: Not_Kebab"), path: "x.yml"))
    }

    func testUserRegexRuleFromAFolder() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("""
            id: ACME001
            name: no-build-number
            severity: error
            check: regex
            message: "Build number `{match}` in the prefix."
            rationale: Build numbers change on every deploy.
            fix: Remove it.
            parameters:
              pattern: 'build #\\d+'
              scope: static
            examples:
              triggering: [{format: text, text: "Running build #4411. Be brief."}]
              non_triggering: [{format: text, text: "Be brief."}]
            """, "acme.yml", in: dir)
        let rules = try RuleLoader.load(directories: [dir])
        let linter = PromptLinter(rules: rules, configuration: Configuration(baseDirectory: "/"))
        let findings = linter.lint(text: "Running build #4411. Be brief.", path: "p.txt", format: .plainText).findings
        XCTAssertEqual(findings.first { $0.ruleID == "ACME001" }?.message, "Build number `build #4411` in the prefix.")
        XCTAssertEqual(findings.first { $0.ruleID == "ACME001" }?.severity, .error)
    }
}
