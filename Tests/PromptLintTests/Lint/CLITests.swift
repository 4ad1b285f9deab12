import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

/// Runs the built `promptlint` binary (next to the test bundle) and checks exit codes and outputs.
final class CLITests: XCTestCase {
    var dir = ""
    /// ~630 tokens of static instructions: above the default 512-token reporting threshold of PL001.
    let tail = String(repeating: "Follow the support policy exactly and cite the handbook section you used. ", count: 35)

    override func setUpWithError() throws {
        dir = try LintTest.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The built `promptlint`.
    static func binary() throws -> String { try BuiltTool.require("promptlint") }

    @discardableResult
    func run(_ arguments: [String], cwd: String? = nil) throws -> (code: Int32, out: String, err: String) {
        let r = try BuiltTool.run(try Self.binary(), arguments, cwd: cwd ?? dir, env: ["PROMPTLINT_RULES": ""])
        return (r.code, r.out, r.err)
    }

    func testExitCodes() throws {
        try LintTest.write(tail + "\nQuestion: {{ question }}\n", "clean/ok.j2", in: dir)
        try LintTest.write("Hi {{ user.name }}, it is {{ now() }}. " + tail, "bad/a.j2", in: dir)
        XCTAssertEqual(try run(["check", "clean"]).code, 0)
        let bad = try run(["check", "bad"])
        XCTAssertEqual(bad.code, 1)
        // The clock beside the user's name is where the finding is anchored (`TurnTimestampAndNamedClockTests`).
        XCTAssertTrue(bad.out.contains("bad/a.j2:1:27: warning PL001"), bad.out)
        XCTAssertTrue(bad.out.contains("fix: "))
        XCTAssertEqual(try run(["check", "bad", "--fail-on", "error"]).code, 0)
        let missing = try run(["check", "nope"])
        XCTAssertEqual(missing.code, 2)
        XCTAssertEqual(missing.err.split(separator: "\n").count, 1, missing.err)
        XCTAssertEqual(try run(["check", "bad", "--format", "yaml"]).code, 2)
        XCTAssertEqual(try run(["check", "bad", "--fail-on", "sometimes"]).code, 2)
        try LintTest.write("rules: {PL001: loud}\n", "bad/.promptlint.yml", in: dir)
        let config = try run(["check", "bad"])
        XCTAssertEqual(config.code, 2)
        XCTAssertTrue(config.err.contains("invalid configuration"), config.err)
    }

    func testSeveralOutputsAndBaseline() throws {
        try LintTest.write("It is {{ now() }}. " + tail, "p/a.j2", in: dir)
        let result = try run(["check", "p", "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "r.sarif",
                              "--report", "junit:r.xml", "--report", "checkstyle:r.checkstyle.xml"])
        XCTAssertEqual(result.code, 1)
        for name in ["r.json", "r.sarif", "r.xml", "r.checkstyle.xml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + name), name)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/r.json"))) as? [String: Any]
        XCTAssertEqual((json?["summary"] as? [String: Any])?["findings"] as? Int, 1)
        XCTAssertEqual(try run(["check", "p", "--write-baseline", "base.json"]).code, 0, "writing a baseline is not a failure")
        XCTAssertEqual(try run(["check", "p", "--baseline", "base.json"]).code, 0)
        try LintTest.write("\n\nIt is {{ now() }}. " + tail, "p/a.j2", in: dir)
        XCTAssertEqual(try run(["check", "p", "--baseline", "base.json"]).code, 0, "moved lines stay baselined")
        try LintTest.write("Nonce {{ uuid4() }}. It is {{ now() }}. " + tail, "p/a.j2", in: dir)
        XCTAssertEqual(try run(["check", "p", "--baseline", "base.json"]).code, 1, "a new problem is reported")
    }

    func testBadInputIsAFindingNotACrash() throws {
        try LintTest.write("ok", "p/.git/config.txt", in: dir)
        try LintTest.write("ok", "p/node_modules/x.txt", in: dir)
        // Text files are read from folders only on evidence: these sit in a prompts folder.
        try FileManager.default.createDirectory(atPath: dir + "/p/prompts", withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]).write(to: URL(fileURLWithPath: dir + "/p/prompts/image.txt"))
        try Data([0x66, 0xff, 0xfe, 0x41]).write(to: URL(fileURLWithPath: dir + "/p/prompts/latin1.txt"))
        try LintTest.write("{% for x in items %}unterminated", "p/broken.j2", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/p/loop", withDestinationPath: dir + "/p")
        _ = FileManager.default.createFile(atPath: dir + "/p/prompts/huge.txt", contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/p/prompts/huge.txt"))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let result = try run(["check", "p", "--format", "json"])
        XCTAssertEqual(result.code, 1, result.err)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let files = try XCTUnwrap(root["files"] as? [[String: Any]])
        let paths = files.compactMap { $0["path"] as? String }
        XCTAssertFalse(paths.contains { $0.contains(".git") || $0.contains("node_modules") }, "\(paths)")
        func rules(_ path: String) -> [String] {
            let file = files.first { $0["path"] as? String == path }
            return (file?["findings"] as? [[String: Any]])?.compactMap { $0["rule_id"] as? String } ?? []
        }
        XCTAssertEqual(rules("p/prompts/image.txt"), ["PL009"])
        XCTAssertEqual(rules("p/prompts/latin1.txt"), ["PL009"])
        XCTAssertEqual(rules("p/prompts/huge.txt"), ["PL009"])
        XCTAssertTrue(rules("p/broken.j2").contains("PL008"))
        XCTAssertTrue(paths.contains { $0.hasPrefix("p/loop") }, "symlink loop reported: \(paths)")
    }

    func testFilesListsWhatIsReadWithEvidenceAndWhatIsSkippedWithReasons() throws {
        try LintTest.write("Call `f({x})` then {{ y }}", "README.md", in: dir)
        try LintTest.write("Hi {{ name }}. " + tail, "prompts/a.md", in: dir)
        try LintTest.write("Answer {question} for {user}", "q.prompt", in: dir)
        try LintTest.write("on: push\n", ".github/workflows/ci.yml", in: dir)
        let text = try run(["files"])
        XCTAssertEqual(text.code, 0, text.err)
        XCTAssertEqual(text.out, """
            skipped  .github/      -        hidden folder
            skipped  README.md     -        documentation file (README)
            read     prompts/a.md  jinja    in a prompts folder (prompts/)
            read     q.prompt      fstring  template extension (.prompt)
            2 files read, 2 skipped or not readable

            """)
        let json = try run(["files", ".", "--format", "json"])
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(root["files"] as? [[String: String]])
        XCTAssertEqual(rows.map { $0["path"] ?? "" }, [".github/", "README.md", "prompts/a.md", "q.prompt"])
        XCTAssertEqual(rows[1]["reason"], "documentation file (README)")
        XCTAssertEqual(rows[3]["format"], "fstring")
        XCTAssertEqual(try run(["check", "."]).out.contains("README.md"), false)
        XCTAssertEqual(try run(["files", "--format", "xml"]).code, 2)
    }

    func testRuleExplanationsAndListing() throws {
        let rule = try run(["rule", "PL001"])
        XCTAssertEqual(rule.code, 0)
        XCTAssertTrue(rule.out.contains("dynamic-content-in-cached-prefix"))
        XCTAssertTrue(rule.out.contains("Triggers on (example 1"))
        XCTAssertTrue(rule.out.contains("Does not trigger on"))
        XCTAssertEqual(try run(["rule", "examples-after-input"]).code, 0)
        XCTAssertEqual(try run(["rule", "PL999"]).code, 2)
        let list = try run(["rules"])
        XCTAssertEqual(list.code, 0)
        XCTAssertTrue(list.out.contains("PL011"))
        let eval = try run(["eval-corpus", dir + "/no-corpus"])
        XCTAssertEqual(eval.code, 2)
        XCTAssertTrue(eval.err.contains("corpus not found"), eval.err)
    }
}
