import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport
import SafeIO

/// `promptlint` against a hostile or careless environment (issue 18): outputs that are device nodes, FIFOs,
/// links or directories; standard output full or closed; a link to a 3 GB file; a FIFO named on the command line;
/// a rule whose regular expression backtracks catastrophically. Each ends with a clean result or one line and
/// exit 2, never a signal, a hang, or a device replaced by a regular file.
final class HostileIOCLITests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try LintTest.temporaryDirectory()
        try LintTest.write("Hello {{ name }}\n", "t.j2", in: dir)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `promptlint ARGS REDIRECTIONS` through `/bin/sh` in the temporary folder, under `ulimit -v` (2 GB).
    func shell(_ arguments: String, _ redirections: String = "") throws -> (code: Int32, err: String) {
        let run = try BuiltTool.runLimited(try CLITests.binary(), arguments, redirections: redirections, cwd: dir,
                                           memoryKB: 2_000_000)
        XCTAssertEqual(run.reason, .exit, "\(arguments) \(redirections): signal \(run.code)")
        return (run.code, run.err)
    }

    func kind(_ name: String) -> FileKind? { FileReadPolicy.status(dir + "/" + name)?.kind }

    func testDeviceNodeOutputIsWrittenToNotReplaced() throws {
        // A private character device like /dev/null (root only: CI runs as root); elsewhere /dev/null itself,
        // which the policy writes to directly.
        let target = getuid() == 0 ? dir + "/null" : "/dev/null"
        if getuid() == 0 { XCTAssertEqual(mknod(target, S_IFCHR | 0o666, dev_t(1 << 8 | 3)), 0) }  // makedev(1, 3)
        for option in ["--format text --output", "--write-baseline", "--report sarif:"] {
            let glue = option.hasSuffix(":") ? "" : " "
            let run = try shell("check t.j2 \(option)\(glue)'\(target)'")
            XCTAssertEqual(run.code, 0, "\(option): \(run.err)")
            XCTAssertEqual(FileReadPolicy.status(target)?.kind, .characterDevice, option)
        }
    }

    func testOutputsGoThroughSymbolicLinks() throws {
        try LintTest.write("old", "real.json", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: "real.json")
        XCTAssertEqual(try shell("check t.j2 --format json --output link.json").code, 0)
        XCTAssertEqual(kind("link.json"), .regular)  // status follows the link
        XCTAssertNotNil(try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.json"))
        XCTAssertTrue(try String(contentsOfFile: dir + "/real.json", encoding: .utf8).contains("\"files\""))
    }

    func testDirectoryOrUnreadFIFOOutputIsExit2() throws {
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        XCTAssertEqual(mkfifo(dir + "/pipe", 0o644), 0)
        for target in ["out", "pipe"] {
            let run = try shell("check t.j2 --format text --output \(target)")
            XCTAssertEqual(run.code, 2, run.err)
            XCTAssertEqual(run.err.split(separator: "\n").count, 1, run.err)
            XCTAssertTrue(run.err.hasPrefix("promptlint: cannot write \(target): "), run.err)
        }
        XCTAssertEqual(kind("out"), .directory)
        XCTAssertEqual(kind("pipe"), .fifo)
    }

    func testFullOrClosedStandardOutputIsOneLineAndExit2() throws {
        let cases = ["check t.j2": "> /dev/full", "layout t.j2": ">&-", "rules": "> /dev/full", "--help": "> /dev/full"]
        for (arguments, redirection) in cases {
            let run = try shell(arguments, redirection)
            XCTAssertEqual(run.code, 2, "\(arguments) \(redirection): \(run.err)")
            XCTAssertEqual(run.err.split(separator: "\n").count, 1, run.err)
            XCTAssertTrue(run.err.hasPrefix("promptlint: ") && run.err.contains("standard output"), run.err)
        }
        // Standard error closed: the run itself is unaffected.
        XCTAssertEqual(try shell("check t.j2", "2>&-").code, 0)
    }

    func testLinkToAHugeFileIsAFindingInBoundedMemory() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/huge.bin", contents: nil))
        XCTAssertEqual(truncate(dir + "/huge.bin", 3 << 30), 0)
        try FileManager.default.createDirectory(atPath: dir + "/prompts", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir + "/prompts/big.txt", withDestinationPath: "../huge.bin")
        let run = try shell("check prompts", "> report.txt")
        XCTAssertEqual(run.code, 1, run.err)
        let report = try String(contentsOfFile: dir + "/report.txt", encoding: .utf8)
        XCTAssertTrue(report.contains("PL009") && report.contains("3221225472 bytes"), report)
    }

    func testFIFOOnTheCommandLineIsRefusedWithoutBlocking() throws {
        XCTAssertEqual(mkfifo(dir + "/fifo.j2", 0o644), 0)
        let check = try shell("check fifo.j2", "> report.txt")
        XCTAssertEqual(check.code, 1, check.err)
        XCTAssertTrue(try String(contentsOfFile: dir + "/report.txt", encoding: .utf8).contains("is a FIFO"))
        let layout = try shell("layout fifo.j2")
        XCTAssertEqual(layout.code, 2)
        XCTAssertEqual(layout.err, "promptlint: cannot read fifo.j2: is a FIFO, not a regular file\n")
    }

    func testCatastrophicRuleRegexIsReportedNotHungOn() throws {
        try FileManager.default.createDirectory(atPath: dir + "/extra", withIntermediateDirectories: false)
        try LintTest.write("""
            id: PX900
            name: backtracking
            severity: warning
            check: regex
            summary: A pattern a pull request could ship.
            message: "matched {match}"
            rationale: test
            fix: test
            parameters:
              pattern: '(x+x+)+y'
              scope: source
            """, "extra/PX900-backtracking.yml", in: dir)
        try LintTest.write("rules-dirs:\n  - extra\n", ".promptlint.yml", in: dir)
        try LintTest.write(String(repeating: "x", count: 2000) + "\n", "xs.txt", in: dir)
        let run = try shell("check xs.txt", "> report.txt")
        XCTAssertEqual(run.code, 1, run.err)
        let report = try String(contentsOfFile: dir + "/report.txt", encoding: .utf8)
        XCTAssertTrue(report.contains("PX900") && report.contains("exceeded the matching budget"), report)
    }
}
