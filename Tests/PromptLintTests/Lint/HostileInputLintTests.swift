import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

/// `promptlint` on hostile content and configuration (issue 18): an empty rules folder, absurd traffic numbers,
/// file names that are not UTF-8, a POML external entity, Mustache sections nested 20,000 deep with distinct names,
/// control characters in paths. Each is a finding or one line and exit 2, in bounded CPU time.
final class HostileInputLintTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try LintTest.temporaryDirectory()
        try LintTest.write("Hello {{ name }}\n", "t.j2", in: dir)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs promptlint through `/bin/sh` under `ulimit -t 60` (CPU seconds: a quadratic or exponential run is
    /// killed by SIGXCPU and fails the exit assertions) and `ulimit -v` (2 GB); stdout and stderr are captured.
    func run(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let run = try BuiltTool.runLimited(
            try CLITests.binary(), arguments.map { BuiltTool.shellQuoted($0) }.joined(separator: " "), cwd: dir,
            memoryKB: 2_000_000, cpuSeconds: 60)
        XCTAssertEqual(run.reason, .exit, "\(arguments): signal \(run.code)")
        return (run.code, run.out, run.err)
    }

    func testEmptyRulesFolderIsExit2() throws {
        try FileManager.default.createDirectory(atPath: dir + "/norules", withIntermediateDirectories: false)
        let result = try run(["check", "t.j2", "--rules", "norules"])
        XCTAssertEqual(result.code, 2, result.err)
        XCTAssertTrue(result.err.contains("holds no rule files"), result.err)
        XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err)
    }

    func testAbsurdRequestRateIsExit2() throws {
        let result = try run(["check", "t.j2", "--savings", "--requests-per-day", "1e300"])
        XCTAssertEqual(result.code, 2, result.err)
        XCTAssertTrue(result.err.contains("at most 10000000000"), result.err)
    }

    func testNonUTF8FileNameIsReported() throws {
        try FileManager.default.createDirectory(atPath: dir + "/prompts", withIntermediateDirectories: false)
        // Swift strings cannot hold the byte 0xFF in a path: the shell writes the name.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf 'Hello {{ x }}' > \"prompts/bad$(printf '\\377').j2\""]
        shell.currentDirectoryURL = URL(fileURLWithPath: dir)
        try shell.run()
        shell.waitUntilExit()
        XCTAssertEqual(shell.terminationStatus, 0)
        let result = try run(["check", "prompts"])
        XCTAssertEqual(result.code, 1, result.err)
        XCTAssertTrue(result.out.contains("prompts/bad\\xFF.j2") && result.out.contains("not valid UTF-8"), result.out)
    }

    func testPOMLExternalEntityIsAFinding() throws {
        for declaration in ["", "<?xml version=\"1.0\"?>\n"] {
            try LintTest.write(declaration + """
                <!DOCTYPE poml [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <poml><system-msg>Hello &e; and more {{ question }}</system-msg></poml>

                """, "ent.poml", in: dir)
            let result = try run(["check", "ent.poml"])
            XCTAssertEqual(result.code, 1, result.err)
            XCTAssertTrue(result.out.contains("ent.poml:") && result.out.contains("PL008"), result.out)
        }
    }

    func testDeeplyNestedDistinctMustacheSectionsAreLinear() throws {
        let n = 20_000
        let text = (0..<n).map { "{{#s\($0)}}" }.joined() + "x {{ y }}" + (0..<n).reversed().map { "{{/s\($0)}}" }.joined()
        try LintTest.write(text, "deep.mustache", in: dir)
        let result = try run(["check", "deep.mustache"])
        XCTAssertTrue([0, 1].contains(result.code), result.err)
    }

    /// A chain of 1,500 folders named `dd` (4,500 bytes of path, beyond PATH_MAX) with a prompt every 100 levels,
    /// made with `mkdirat`/`openat` as no path-based call can reach the bottom.
    func testDeepTreesAreWalkedInLinearTimeAndTooLongPathsReported() throws {
        let depth = 1500
        var fd = open(dir, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        for level in 1...depth {
            XCTAssertEqual(mkdirat(fd, "dd", 0o755), 0)
            let next = openat(fd, "dd", O_RDONLY | O_DIRECTORY)
            XCTAssertGreaterThanOrEqual(next, 0)
            close(fd)
            fd = next
            if level % 100 == 0 {
                let file = openat(fd, "p.j2", O_WRONLY | O_CREAT, 0o644)
                XCTAssertEqual("Hi {{ x }}".withCString { write(file, $0, 9) }, 9)
                close(file)
            }
        }
        close(fd)
        defer { removeDeepTree(dir + "/dd") }
        // Paths are `dd/dd/.../p.j2`: the prompt at level L has an absolute path of len(dir) + 3L + 5 bytes.
        let limit = Int(PATH_MAX)
        let reachable = (100...depth).filter { $0 % 100 == 0 && dir.utf8.count + 3 * $0 + 5 < limit }.count
        let result = try run(["files", "dd", "--format", "json"])
        XCTAssertEqual(result.code, 0, result.err)
        let files = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        XCTAssertEqual(files.filter { $0["status"] as? String == "read" }.count, reachable)
        let problems = files.compactMap { $0["problem"] as? String }
        // The first folder (and perhaps a prompt beside it) beyond the limit is reported; nothing below it is tried.
        XCTAssertTrue((1...2).contains(problems.count), "\(problems)")
        XCTAssertTrue(problems.allSatisfy { $0.contains("beyond the system limit") && $0.contains("PATH_MAX") }, "\(problems)")
        let check = try run(["check", "dd"])
        XCTAssertEqual(check.code, 1, check.err)
        XCTAssertTrue(check.out.contains("PL009") && check.out.contains("PATH_MAX"), check.out)
    }

    /// `rm -rf`, which walks relative to open folders, so it removes trees deeper than PATH_MAX.
    private func removeDeepTree(_ path: String) {
        let rm = Process()
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", path]
        try? rm.run()
        rm.waitUntilExit()
    }

    /// Escape sequences in a template (a slot that clears the screen, one that sets the window title) and in a
    /// file name reach the text outputs of `check`, `layout` and `files` escaped, never raw.
    func testControlCharactersFromFilesAreEscapedInTextOutput() throws {
        let slots = "You are a bot. Today is {{ current_date\u{1B}[2J }} and {{ datetime.now()\u{1B}]0;pwned\u{07} }}.\n"
        let rest = String(repeating: "Rest of the long static system prompt, with rules and examples. ", count: 300) + "\n"
        try LintTest.write(slots + rest, "esc/t.j2", in: dir)
        try LintTest.write("Hi {{ x }}", "esc/a\u{1B}[31mred.j2", in: dir)
        for arguments in [["check", "esc"], ["layout", "esc/t.j2"], ["files", "esc"]] {
            let result = try run(arguments)
            XCTAssertTrue([0, 1].contains(result.code), "\(arguments): \(result.err)")
            XCTAssertFalse(result.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(arguments): \(result.out)")
            XCTAssertTrue(result.out.contains("\\u{1B}"), "\(arguments): \(result.out)")
        }
        XCTAssertTrue(try run(["check", "esc"]).out.contains("{{ current_date\\u{1B}[2J }}"))
    }

    func testControlCharactersInAPathAreEscaped() throws {
        let result = try run(["layout", "a\u{1B}[2Jb\nc.j2"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "promptlint: cannot read a\\u{1B}[2Jb\\nc.j2: no such file\n")
    }
}
