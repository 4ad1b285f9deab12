import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

/// The figures in every output format, the HTML page, and the command line's exit codes.
final class SavingsReportTests: XCTestCase {
    func report() throws -> (LintReport, SavingsReport) {
        var traffic = TrafficAssumptions()
        traffic.requestsPerDay = 1440
        let estimator = SavingsEstimator(pricing: try SavingsTest.model("anthropic", "claude-sonnet-4-5"), counter: WordCounter(),
                                         traffic: traffic)
        let savings = SavingsReport(pricing: estimator.pricing, tokenizer: "words (test)", tokenizerIsFallback: false,
                                    traffic: traffic, templates: estimator.estimate(handTemplate()))
        let finding = Finding(ruleID: "PL001", ruleName: "dynamic-content-in-cached-prefix", severity: .warning, message: "m",
                              fix: "f", path: "hand.j2", line: 1, column: 13, snippet: "{{ current_date }}")
        var lint = LintReport(files: [FileReport(path: "hand.j2", format: "jinja", findings: [finding])], rules: [],
                              workingDirectory: "/project")
        lint.savings = savings
        return (lint, savings)
    }

    func testTextTable() throws {
        let (lint, _) = try report()
        let text = TextReporter.generateReport(lint)
        XCTAssertTrue(text.contains("Savings estimate for anthropic claude-sonnet-4-5"), text)
        XCTAssertTrue(text.contains("input $3.00, cache write $3.75, cache read $0.30, output $15.00"), text)
        XCTAssertTrue(text.contains("tokens: words (test)"), text)
        let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("hand.j2 ") })
        XCTAssertEqual(row.split(separator: " ").map(String.init),
                       ["hand.j2", "1502", "2", "158", "0", "1502", "0.9933", "0.004980", "0.000960", "215.14", "41.45", "173.68"])
        XCTAssertTrue(text.contains("dynamic: current_date 8 (default (time)), question 150 (default (input))"), text)
    }

    func testJSONFields() throws {
        let (lint, _) = try report()
        let json = JSONReporter.generateReport(lint)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let file = try XCTUnwrap((object["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(try XCTUnwrap(file["cost_per_request_usd"] as? Double), 0.00498, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(file["cost_per_request_fixed_usd"] as? Double), 0.0009595153675545611, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(file["savings_per_month_usd"] as? Double), 173.68493612164298, accuracy: 1e-6)
        XCTAssertNotNil(file["savings_per_request_usd"] as? Double)
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        for key in ["cost_per_request_usd", "cost_per_request_fixed_usd", "savings_per_request_usd", "savings_per_month_usd"] {
            XCTAssertNotNil(summary[key] as? Double, key)
        }
        let detail = try XCTUnwrap(summary["savings"] as? [String: Any])
        XCTAssertEqual(detail["model"] as? String, "claude-sonnet-4-5")
    }

    func testSARIFProperties() throws {
        let (lint, _) = try report()
        let sarif = SARIFReporter.generateReport(lint)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try XCTUnwrap((object["runs"] as? [[String: Any]])?.first)
        let runSavings = try XCTUnwrap((run["properties"] as? [String: Any])?["promptlint.savings"] as? [String: Any])
        XCTAssertNotNil(runSavings["savings_per_month_usd"] as? Double)
        let result = try XCTUnwrap((run["results"] as? [[String: Any]])?.first)
        let properties = try XCTUnwrap(result["properties"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(properties["cost_per_request_usd"] as? Double), 0.00498, accuracy: 1e-12)
    }

    func testHTMLIsSelfContained() throws {
        let (_, savings) = try report()
        let html = HTMLReport.render(savings, findings: ["hand.j2": 1])
        XCTAssertTrue(html.contains("<table id=\"templates\" class=\"sortable\">"))
        XCTAssertTrue(html.contains("<svg id=\"chart\""))
        XCTAssertTrue(html.contains("class=\"static-missed\""))
        XCTAssertTrue(html.contains("<script>") && html.contains("<style>"))
        XCTAssertNil(html.range(of: #"(src|href)\s*=\s*"https?:"#, options: .regularExpression), "the page must not load anything")
        XCTAssertFalse(html.contains("<link"))
    }

    func testCommandLine() throws {
        let binary = try CLITests.binary()
        let dir = try SavingsTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SavingsTest.write("It is {{ now() }}.\n" + String(repeating: "Follow the policy. ", count: 400)
                              + "\nQuestion: {{ question }}\n", "t/a.j2", in: dir)
        let ok = try run(binary, ["check", "--savings", "--provider", "openai", "--model", "gpt-4o", "--requests-per-day", "10000",
                                  "--format", "json", "t"], cwd: dir)
        XCTAssertEqual(ok.code, 1, ok.err)  // the PL001 finding
        XCTAssertTrue(ok.out.contains("\"savings_per_month_usd\""), ok.out)
        let html = dir + "/out.html"
        let report = try run(binary, ["report", "t", "--html", html, "--provider", "deepseek"], cwd: dir)
        XCTAssertEqual(report.code, 0, report.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: html))
        for (args, needle) in [
            (["check", "--savings", "--provider", "acme", "t"], "unknown provider 'acme'"),
            (["check", "--savings", "--model", "gpt-2", "t"], "unknown model 'gpt-2'"),
            (["check", "--savings", "--requests-per-day=-4", "t"], "--requests-per-day"),
        ] {
            let r = try run(binary, args, cwd: dir)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
            XCTAssertTrue(r.err.contains(needle), r.err)
        }
        let pricing = dir + "/pricing"
        let bad = try SavingsTest.write("provider: acme\nmodels: [\n", "pricing/acme.yml", in: dir)
        let r = try run(binary, ["check", "--savings", "--pricing", pricing, "t"], cwd: dir)
        XCTAssertEqual(r.code, 2, r.err)
        XCTAssertTrue(r.err.contains(bad) && r.err.contains("(yaml)"), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        // A missing tokenizer is a one-line error naming the setup script, unless --tokenizer-fallback.
        let noTokenizer = ["PROMPTLINT_CL100K": "/nonexistent/x.tiktoken", "XDG_CACHE_HOME": "/nonexistent-cache"]
        let missing = try run(binary, ["check", "--savings", "t"], cwd: dir, env: noTokenizer)
        XCTAssertEqual(missing.code, 2, missing.err)
        XCTAssertTrue(missing.err.contains("bash Scripts/setup.sh"), missing.err)
        let fallback = try run(binary, ["check", "--savings", "--tokenizer-fallback", "t"], cwd: dir,
                               env: noTokenizer)
        XCTAssertEqual(fallback.code, 1, fallback.err)
        XCTAssertTrue(fallback.out.contains("WARNING: token counts are a chars/4 estimate"), fallback.out)
    }

    func run(_ binary: String, _ arguments: [String], cwd: String, env extra: [String: String] = [:]) throws
        -> (code: Int32, out: String, err: String)
    {
        let r = try BuiltTool.run(binary, arguments, cwd: cwd, env: ["PROMPTLINT_RULES": ""].merging(extra) { $1 })
        return (r.code, r.out, r.err)
    }
}
