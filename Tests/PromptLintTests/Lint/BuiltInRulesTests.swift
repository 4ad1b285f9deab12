import Foundation
import PromptLintTestSupport
import XCTest

@testable import PromptLint

/// The rules and pricing compiled into the library: the same bytes as `Rules/` (the source of truth), loaded with no
/// folder or environment, and added to (or overridden by id) from `--rules` / `PROMPTLINT_RULES` folders.
final class BuiltInRulesTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try TestFiles.temporaryDirectory(prefix: "promptlint-builtin") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// `(path relative to the package, text)` of the `.yml`/`.yaml` files of `folder`, in name order.
    private func files(_ folder: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.file(folder))
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    func testEmbeddedFilesMatchRulesFolder() throws {
        let hint = "Rules/ and Sources/PromptLint/Rules/BuiltInRuleFiles.swift differ: run `python3 Scripts/embed-rules.py`"
        for (embedded, folder) in [(BuiltInRules.ruleFiles, "Rules"), (BuiltInRules.pricingFiles, "Rules/pricing")] {
            let onDisk = try files(folder)
            XCTAssertEqual(embedded.map(\.path), onDisk, hint)
            for file in embedded where onDisk.contains(file.path) {
                let text = try String(contentsOfFile: PackagePaths.file(file.path), encoding: .utf8)
                XCTAssertEqual(file.text, text, "\(file.path): \(hint)")
            }
        }
        XCTAssertGreaterThanOrEqual(BuiltInRules.ruleFiles.count, 11)
        XCTAssertEqual(BuiltInRules.pricingFiles.map(\.path).sorted(),
                       ["anthropic", "deepseek", "gemini", "openai"].map { "Rules/pricing/\($0).yml" })
    }

    func testBuiltInLinterNeedsNoFolder() throws {
        let linter = try PromptLinter.builtIn()
        XCTAssertEqual(linter.rules.rules.map(\.definition.id).filter { $0.hasPrefix("PL") }.count, BuiltInRules.ruleFiles.count)
        XCTAssertEqual(try RuleLocator.additionalDirectories(environment: [:]), [])
        let tail = String(repeating: "Follow the support policy exactly and cite the handbook section you used. ", count: 35)
        let findings = linter.lint(text: "Today is {{ today }}. " + tail, path: "t.j2", format: .jinja).findings
        XCTAssertEqual(findings.map(\.ruleID), ["PL001"])
        XCTAssertFalse(try BuiltInRules.pricing().models.isEmpty)
    }

    func testAddedFolderAddsAndOverridesByID() throws {
        try TestFiles.write("""
            id: ACME001
            name: acme-build-number
            severity: error
            check: volatile-literal
            message: "Build number `{match}` in the prefix."
            rationale: Build numbers change on every deploy.
            fix: Remove it.
            parameters:
              pattern: 'build #\\\\d+'
              scope: static
            """, "acme.yml", in: dir)
        let pl001 = try XCTUnwrap(BuiltInRules.ruleFiles.first { $0.path.hasPrefix("Rules/PL001") })
        try TestFiles.write(pl001.text.replacingOccurrences(of: "severity: warning", with: "severity: error"), "pl001.yml", in: dir)
        let env = ["PROMPTLINT_RULES": dir]
        let added = try RuleLocator.additionalDirectories(environment: env)
        XCTAssertEqual(added, [dir])
        let set = try RuleLoader.load(directories: added)
        XCTAssertEqual(set.rules.count, BuiltInRules.ruleFiles.count + 1)
        XCTAssertEqual(set.rule("ACME001")?.definition.severity, .error)
        XCTAssertEqual(set.rule("PL001")?.definition.severity, .error, "the folder's PL001 replaces the built-in one")
        XCTAssertEqual(set.rule("PL002")?.definition.sourcePath, "Rules/PL002-volatile-literal-in-prefix.yml")
        XCTAssertEqual(try RuleLoader.load(directories: added, builtIn: false).rules.count, 2)
        XCTAssertThrowsError(try RuleLocator.additionalDirectories(explicit: dir + "/missing", environment: env)) {
            XCTAssertEqual($0 as? PromptLintError, .rulesNotFound(searched: [dir + "/missing"]))
        }
    }

    func testAddedPricingFolderAddsAndOverrides() throws {
        try TestFiles.write("""
            provider: acme
            default-model: a1
            models:
              - {id: a1, input: 1, output: 2, cached-read: 0.1, min-cacheable-tokens: 1024, increment: 1, ttl-minutes: 5,
                 source: "https://example.com/acme", date: 2026-01-01}
            """, "pricing/acme.yml", in: dir)
        let builtIn = try BuiltInRules.pricing()
        let gpt = try builtIn.model(provider: "openai", model: "gpt-4o")
        try TestFiles.write("""
            provider: openai
            models:
              - {id: gpt-4o, input: 99, output: 2, cached-read: 0.1, min-cacheable-tokens: 1024, increment: 128, ttl-minutes: 5,
                 source: "https://example.com/openai", date: 2026-01-01}
            """, "pricing/openai-override.yml", in: dir)
        let catalog = try PricingLoader.load(addingDirectories: [dir + "/pricing"])
        XCTAssertEqual(try catalog.model(provider: "acme", model: nil).id, "a1")
        XCTAssertEqual(try catalog.model(provider: "openai", model: "gpt-4o").input, 99)
        XCTAssertNotEqual(gpt.input, 99)
        XCTAssertEqual(catalog.models.count, builtIn.models.count + 1)
        XCTAssertEqual(SavingsContext.pricingDirectories(options: SavingsOptions(), ruleDirectories: [dir]), [dir + "/pricing"])
    }
}
