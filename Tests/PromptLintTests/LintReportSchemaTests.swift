import Foundation
import PromptLint
import PromptLintTestSupport
import XCTest

/// `promptlint check --format json`'s report of a linted request matches the server's `LintReport` schema
/// (`Server/Sources/PromptServer/openapi.yaml`), whose `/v1/lint/request` answers with the same fields; checked here,
/// in `Scripts/test.sh`, so the two cannot drift apart without the server being built.
final class LintReportSchemaTests: XCTestCase {
    func testRequestLintReportMatchesLintReportSchema() throws {
        let linter = try PromptLinter.builtIn()
        let body = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.file("Samples/templates/anthropic_request.json")))
        let file = linter.lintRequestReport(body, kind: .anthropic)
        XCTAssertFalse(file.findings.isEmpty, "the sample request should give findings, so that they are checked too")
        XCTAssertTrue(file.findings.contains { !$0.related.isEmpty }, "a finding with related locations, so that they are checked too")
        let json = JSONReporter.generateReport(LintReport(files: [file], rules: linter.rules.rules.map(\.definition), workingDirectory: ""))
        XCTAssertEqual(try OpenAPISchemas.server().problems(json, schema: "LintReport"), [], json)
    }
}
