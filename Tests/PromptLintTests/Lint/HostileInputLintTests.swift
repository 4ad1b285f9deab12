import Foundation
import XCTest

@testable import PromptLint

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
    /// killed by SIGXCPU and fails the exit assertions) and `ulimit -v` (2 GB); stdout is captured.
    func run(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let binary = try CLITests.binary()
        let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -t 60; ulimit -v 2000000; exec " + quoted.joined(separator: " ") + " 2> err.txt"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "\(arguments): signal \(process.terminationStatus)")
        let err = (try? String(contentsOfFile: dir + "/err.txt", encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), err)
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

    func testControlCharactersInAPathAreEscaped() throws {
        let result = try run(["layout", "a\u{1B}[2Jb\nc.j2"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "promptlint: cannot read a\\u{1B}[2Jb\\nc.j2: no such file\n")
    }
}
