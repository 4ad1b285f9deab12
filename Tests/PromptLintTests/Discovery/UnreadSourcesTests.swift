import Foundation
import XCTest

@testable import PromptLint

/// A repository whose prompts live in a language promptlint does not read (holdout17's Go miniclaw,
/// session 22): the text report and `promptlint files` say in one line how many such files were met and
/// that they were not analysed; the JSON report does not change.
final class UnreadSourcesTests: XCTestCase {
    private func folder() throws -> String {
        let dir = try LintTest.temporaryDirectory()
        try LintTest.write("package agent\n\nconst system = \"You are a helpful assistant. Today is %s\"\n", "internal/agent/context.go", in: dir)
        try LintTest.write("package main\n\nfunc main() {}\n", "cmd/main.go", in: dir)
        try LintTest.write("fn main() {}\n", "tools/src/main.rs", in: dir)
        try LintTest.write("vendor/\n", ".gitignore", in: dir)
        try LintTest.write("package x\n", "vendor/x/x.go", in: dir)
        return dir
    }

    func testTheTextReportNamesTheUnreadLanguages() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = LintRunner(ruleDirectories: [], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let report = try runner.run(["."])
        XCTAssertEqual(TextReporter.generateReport(report), """
            No findings in 0 files.
            Not analysed: 2 Go files (1 with prompt-like text), 1 Rust file; promptlint reads the prompts of Python and \
            TypeScript/JavaScript source and of template and data files only.

            """)
        XCTAssertFalse(JSONReporter.generateReport(report).contains("Go"))
        let listing = try DiscoveryReport(paths: ["."], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        XCTAssertTrue(listing.text().hasSuffix("Not analysed: 2 Go files (1 with prompt-like text), 1 Rust file; promptlint reads the "
            + "prompts of Python and TypeScript/JavaScript source and of template and data files only.\n"), listing.text())
        XCTAssertFalse(listing.json().contains("Not analysed"))
    }

    func testNoLineWithoutSuchFiles() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("Hello {{ name }}\n", "prompts/greet.j2", in: dir)
        let runner = LintRunner(ruleDirectories: [], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        XCTAssertFalse(TextReporter.generateReport(try runner.run(["."])).contains("Not analysed"))
    }
}
