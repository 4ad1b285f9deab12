import Foundation
import XCTest

@testable import promptbench

/// `promptbench lint-eval`'s label parsing and scoring: a labelled problem is matched once, findings on
/// files that are not prompts are false positives, other findings take the nearest verdict or stay
/// unlabelled, and file recall counts files, not findings.
final class LintEvalScoreTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-eval-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func labels(_ rows: [String]) throws -> LintEvalLabels {
        let path = dir + "/labels.tsv"
        let text = (["kind\trepo\tpath\tline\trule\tlabel\tnote", "# a comment"] + rows).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try LintEvalLabels(path: path)
    }

    private func finding(_ path: String, _ line: Int, _ rule: String = "PL001", _ severity: String = "warning") -> ReportedFinding {
        ReportedFinding(path: path, line: line, rule: rule, severity: severity, message: "")
    }

    func testScoresFindingsAgainstProblemsPromptsAndVerdicts() throws {
        let set = try labels([
            "prompt\to/r\ta.j2\t\t\tjinja2\t",
            "prompt\to/r\tb.yaml\t\t\tyaml-fields\t",
            "problem\to/r\ta.j2\t10\tPL001|PL005\treal\tdate before the instructions",
            "problem\to/r\tb.yaml\t4\tPL001\treal\tmissed by the tool",
            "finding\to/r\ta.j2\t30\tPL001\tFP\tlater slot",
        ])
        let run = LintRun(filesRead: 3, findings: [
            finding("a.j2", 12, "PL005"),  // matches the problem (rule listed, 2 lines away): TP
            finding("a.j2", 10),  // the problem is already matched; no verdict near line 10: unlabelled
            finding("a.j2", 32),  // nearest verdict (line 30, within 3): FP
            finding("a.j2", 40),  // no verdict within 3 lines: unlabelled
            finding("README.md", 1, "PL008", "error"),  // not a prompt: FP on a non-prompt, and an error
        ], exitCode: 1, seconds: 0.5)
        let score = LintEvalScore(repo: "o/r", run: run, labels: set)
        XCTAssertEqual(score.truePositives, 1)
        XCTAssertEqual(score.falsePositives, 2)
        XCTAssertEqual(score.nonPromptFindings, 1)
        XCTAssertEqual(score.errorFindings, 1)
        XCTAssertEqual(score.unlabelled.map(\.line), [10, 40])
        XCTAssertEqual(score.precision ?? -1, 1.0 / 3.0, accuracy: 1e-9)
        XCTAssertEqual(score.problemFiles, 2)
        XCTAssertEqual(score.recalledFiles, 1)
        XCTAssertEqual(score.recall ?? -1, 0.5, accuracy: 1e-9)
        XCTAssertEqual(score.missed.map(\.path), ["b.yaml"])
    }

    func testWrongRuleOrDistantLineDoesNotMatchAProblem() throws {
        let set = try labels([
            "prompt\to/r\ta.j2\t\t\tjinja2\t",
            "problem\to/r\ta.j2\t10\tPL001\treal\t",
        ])
        let run = LintRun(filesRead: 1, findings: [finding("a.j2", 10, "PL007"), finding("a.j2", 14)], exitCode: 1, seconds: 0.1)
        let score = LintEvalScore(repo: "o/r", run: run, labels: set)
        XCTAssertEqual(score.truePositives, 0)
        XCTAssertEqual(score.unlabelled.count, 2)
        XCTAssertEqual(score.recall, 0)
        XCTAssertNil(score.precision)
    }

    func testALabelOnALaterValueTheFindingListsMatchesIt() throws {
        // One finding per prefix break, at its first value (line 22); the labelled value is 6 lines lower and
        // listed in the finding's `related`: a match. A related line near, but not on, the label is not.
        let set = try labels([
            "prompt\to/r\ta.yaml\t\t\tyaml-fields\t",
            "prompt\to/r\tb.yaml\t\t\tyaml-fields\t",
            "problem\to/r\ta.yaml\t28\tPL001\treal\t",
            "problem\to/r\tb.yaml\t28\tPL001\treal\t",
        ])
        var listed = finding("a.yaml", 22)
        listed.relatedLines = [28, 40]
        var near = finding("b.yaml", 20)
        near.relatedLines = [26]
        let run = LintRun(filesRead: 2, findings: [listed, near], exitCode: 0, seconds: 0.1)
        let score = LintEvalScore(repo: "o/r", run: run, labels: set)
        XCTAssertEqual(score.truePositives, 1)
        XCTAssertEqual(score.missed.map(\.path), ["b.yaml"])
        XCTAssertEqual(score.unlabelled.map(\.path), ["b.yaml"])
    }

    func testLabelsOfOtherRepositoriesDoNotApply() throws {
        let set = try labels([
            "prompt\tother/repo\ta.j2\t\t\tjinja2\t",
            "problem\tother/repo\ta.j2\t1\tPL001\treal\t",
        ])
        let run = LintRun(filesRead: 1, findings: [finding("a.j2", 1)], exitCode: 1, seconds: 0.1)
        let score = LintEvalScore(repo: "o/r", run: run, labels: set)
        XCTAssertEqual(score.falsePositives, 1)
        XCTAssertEqual(score.nonPromptFindings, 1)
        XCTAssertNil(score.recall)
    }

    /// An `alternative` row: a finding at the other place the labeller names for a problem matches it, and
    /// recalls the problem's own file; a finding elsewhere in that file does not, nor one of another rule.
    func testAFindingAtALabelledAlternativeMatchesTheProblem() throws {
        let set = try labels([
            "prompt\to/r\tmemories.ts\t\t\ttypescript-source\t",
            "prompt\to/r\troute.ts\t\t\ttypescript-source\t",
            "problem\to/r\tmemories.ts\t12\tPL001\treal\tmemories before the conversation",
            "alternative\to/r\troute.ts\t36\tPL001\tmemories.ts:12\twhere the text becomes a system message",
        ])
        XCTAssertEqual(set.problems(of: "o/r").first?.alternatives.map(\.line), [36])
        let matched = LintEvalScore(repo: "o/r", run: LintRun(filesRead: 2, findings: [finding("route.ts", 37)], exitCode: 1, seconds: 0.1), labels: set)
        XCTAssertEqual(matched.truePositives, 1)
        XCTAssertEqual(matched.recalledFiles, 1)
        XCTAssertEqual(matched.missed.count, 0)
        let elsewhere = LintEvalScore(
            repo: "o/r", run: LintRun(filesRead: 2, findings: [finding("route.ts", 50), finding("route.ts", 36, "PL005")], exitCode: 1, seconds: 0.1),
            labels: set)
        XCTAssertEqual(elsewhere.truePositives, 0)
        XCTAssertEqual(elsewhere.recalledFiles, 0)
        XCTAssertThrowsError(try labels([
            "problem\to/r\tmemories.ts\t12\tPL001\treal\t",
            "alternative\to/r\troute.ts\t36\tPL001\tmemories.ts:99\tno such problem",
        ]))
    }

    func testBadRowsAreErrorsNamingFileAndLine() throws {
        for (row, expected) in [
            ("problem\to/r\ta.j2\tten\tPL001\treal\t", "line must be a positive number"),
            ("finding\to/r\ta.j2\t3\tPL001\tmaybe\t", "TP or FP"),
            ("bogus\to/r\ta.j2\t3\tPL001\tTP\t", "unknown kind"),
            ("prompt\to/r", "7 tab-separated columns"),
        ] {
            XCTAssertThrowsError(try labels([row])) { error in
                let text = String(describing: error)
                XCTAssertTrue(text.contains("labels.tsv:3"), text)
                XCTAssertTrue(text.contains(expected), text)
            }
        }
    }

    func testPinnedListSkipsHeaderAndComments() throws {
        let path = dir + "/repos.tsv"
        try "repo\tcommit\tlayouts\twhy\n# note\no/r\tabc123\tx\ty\n".write(toFile: path, atomically: true, encoding: .utf8)
        let list = try PinnedRepository.list(path: path)
        XCTAssertEqual(list.map(\.name), ["o/r"])
        XCTAssertEqual(list.first?.folder, "o+r")
    }

    func testAFindingAtACallMatchesOnlyTheExactPromptSlotItNamesInAnotherFile() throws {
        let set = try labels([
            "prompt\to/r\tprompts.py\t\t\tpython\t",
            "prompt\to/r\tagent.py\t\t\tpython\t",
            "problem\to/r\tprompts.py\t13\tPL001\treal\tdate first",
            "problem\to/r\tprompts.py\t40\tPL001\treal\tdate first",
        ])
        var named = finding("agent.py", 267)
        named.relatedSites = ["prompts.py:13"]
        var near = finding("agent.py", 300)
        near.relatedSites = ["prompts.py:41"]  // one line off: no match across files
        let score = LintEvalScore(repo: "o/r", run: LintRun(filesRead: 2, findings: [named, near], exitCode: 1, seconds: 0.1),
                                  labels: set)
        XCTAssertEqual(score.truePositives, 1)
        XCTAssertEqual(score.missed.map(\.line), [40])
        XCTAssertEqual(score.unlabelled.map(\.line), [300])
        XCTAssertEqual(score.recalledFiles, 1)
    }
}
