import Foundation
import XCTest

@testable import PromptLint

final class ConfigurationTests: XCTestCase {
    func testParsesEveryKey() throws {
        let yaml = """
            rules: {PL001: error, PL006: off, context-before-instructions: info}
            disable: [PL003]
            enable: [PL012]
            exclude: ["vendor/**", "*.generated.j2"]
            per-file-ignores: {"tests/**": [PL001]}
            constants: [dialect]
            slot-kinds: {tenant_rules: documents}
            providers: [anthropic]
            formats: {"prompts/*.txt": jinja}
            rules-dirs: [lint/rules]
            max-file-bytes: 1000
            """
        let c = try ConfigurationLoader.parse(yaml, path: "/repo/.promptlint.yml")
        let rules = try LintTest.rules()
        let pl001 = try XCTUnwrap(rules.rule("PL001")).definition
        let pl003 = try XCTUnwrap(rules.rule("PL003")).definition
        let pl005 = try XCTUnwrap(rules.rule("PL005")).definition
        let pl006 = try XCTUnwrap(rules.rule("PL006")).definition
        XCTAssertEqual(c.severity(for: pl001), .error)
        XCTAssertEqual(c.severity(for: pl005), .info)
        XCTAssertFalse(c.isEnabled(pl006))
        XCTAssertFalse(c.isEnabled(pl003))
        XCTAssertTrue(c.isEnabled(pl001))
        XCTAssertTrue(c.isExcluded("/repo/vendor/x/y.j2"))
        XCTAssertTrue(c.isExcluded("/repo/a/b/c.generated.j2"))
        XCTAssertFalse(c.isExcluded("/repo/prompts/a.j2"))
        XCTAssertTrue(c.isIgnored(pl001, path: "/repo/tests/fixtures/a.j2"))
        XCTAssertFalse(c.isIgnored(pl001, path: "/repo/prompts/a.j2"))
        XCTAssertEqual(c.format(for: "/repo/prompts/x.txt"), .jinja)
        XCTAssertNil(c.format(for: "/repo/other/x.txt"))
        XCTAssertEqual(c.providers(for: pl001), [.anthropic])
        XCTAssertEqual(c.ruleDirectories, ["/repo/lint/rules"])
        XCTAssertEqual(c.maxFileBytes, 1000)
        XCTAssertEqual(c.classifier.classify(LintTest.slot("dialect")).volatility, .constant)
        XCTAssertEqual(c.classifier.classify(LintTest.slot("tenant_rules")).kind, .documents)
    }

    func testInvalidConfigurationsAreTypedErrors() {
        for yaml in ["rules: {PL001: loud}", "unknown_key: 1", "providers: [nobody]", "- a list", "rules: [", "slot-kinds: {x: sometimes}"] {
            XCTAssertThrowsError(try ConfigurationLoader.parse(yaml, path: "c.yml"), yaml) { error in
                guard case .invalidConfiguration? = error as? PromptLintError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertNoThrow(try ConfigurationLoader.parse("", path: "empty.yml"))
    }

    func testAliasBombConfigurationIsATypedErrorNotAHang() {
        XCTAssertThrowsError(try ConfigurationLoader.parse(LintTest.aliasBombYAML, path: "bomb.yml")) { error in
            guard case .invalidConfiguration(_, let reason)? = error as? PromptLintError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("aliases expand"), reason)
        }
        // Ordinary aliases still work.
        XCTAssertNoThrow(try ConfigurationLoader.parse("rules: {PL001: &s error, PL006: *s}", path: "ok.yml"))
    }

    func testDiscoveryWalksUpFromEachFile() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("rules: {PL001: error}\n", ".promptlint.yml", in: dir)
        try LintTest.write("rules: {PL001: info}\n", "team/.promptlint.yml", in: dir)
        let a = try LintTest.write("x", "a/b/p.j2", in: dir)
        let b = try LintTest.write("x", "team/deep/p.j2", in: dir)
        let loader = try ConfigurationLoader(fallbackDirectory: dir)
        let pl001 = try XCTUnwrap(try LintTest.rules().rule("PL001")).definition
        XCTAssertEqual(try loader.configuration(for: a).severity(for: pl001), .error)
        XCTAssertEqual(try loader.configuration(for: b).severity(for: pl001), .info)
        XCTAssertEqual(try loader.configuration(for: b).baseDirectory, dir + "/team")
    }

    func testGlobs() {
        XCTAssertTrue(Glob("*.j2").matches("a/b/c.j2"))
        XCTAssertFalse(Glob("/*.j2").matches("a/c.j2"))
        XCTAssertTrue(Glob("/*.j2").matches("c.j2"))
        XCTAssertTrue(Glob("vendor/").matches("vendor/a/b.txt"))
        XCTAssertFalse(Glob("vendor/").matches("vendor"))
        XCTAssertTrue(Glob("docs/**/*.md").matches("docs/a/b/c.md"))
        XCTAssertTrue(Glob("docs/**/*.md").matches("docs/c.md"))
        XCTAssertTrue(Glob("build").matches("x/build/y.txt"))
        XCTAssertTrue(Glob("p?.txt").matches("p1.txt"))
        XCTAssertTrue(Glob("[ab].txt").matches("b.txt"))
        XCTAssertFalse(Glob("[!ab].txt").matches("b.txt"))
        let list = GlobList(["*.txt", "!keep.txt", "# comment"])
        XCTAssertTrue(list.matches("drop.txt"))
        XCTAssertFalse(list.matches("keep.txt"))
    }

    func testConfigDrivesLinting() throws {
        let text = """
            You write SQL for the {{ dialect }} database. Follow these rules: qualify every column, never use
            SELECT *, add LIMIT clauses to exploratory queries, and explain joins in one sentence each.

            Question: {{ question }}
            """
        XCTAssertTrue(try LintTest.ruleIDs(text, format: .jinja).contains("PL001"))
        var config = LintTest.strictConfiguration
        config.constants = ["dialect"]
        XCTAssertFalse(try LintTest.ruleIDs(text, format: .jinja, configuration: config).contains("PL001"))
        config = LintTest.strictConfiguration
        config.severities["PL001"] = .some(nil)
        XCTAssertFalse(try LintTest.ruleIDs(text, format: .jinja, configuration: config).contains("PL001"))
    }

    /// The fast path of `PathUtil.absolute` (a path already absolute and normal is returned as it is) gives what
    /// the general path gives.
    func testAbsolutePathFastPathAgreesWithTheGeneralOne() {
        let cases = ["/", "/a", "/a/b", "/a/b/", "//a", "/a//b", "/./a", "/a/.", "/a/..", "/a/../b", "/a/.../b",
                     "/.hidden/x", "/a/..b", "/a/b..", "/..", "/.", "/a/.b/", "relative/x", "/a b/ç/😀"]
        for path in cases {
            // A trailing `/x/..` sends the same path through the general (split and join) route.
            XCTAssertEqual(PathUtil.absolute(path, cwd: "/cwd"), PathUtil.absolute(path + "/x/..", cwd: "/cwd"), path)
        }
        XCTAssertTrue(PathUtil.isNormalAbsolute("/a/.../b"))
        XCTAssertFalse(PathUtil.isNormalAbsolute("/a/../b"))
        XCTAssertFalse(PathUtil.isNormalAbsolute("/a/"))
        XCTAssertFalse(PathUtil.isNormalAbsolute("a/b"))
        for path in ["/", "/a", "/a/b", "/a/b/c.txt", "/.x/..y"] {
            XCTAssertEqual(PathUtil.parent(path), (path as NSString).deletingLastPathComponent, path)
        }
    }
}
