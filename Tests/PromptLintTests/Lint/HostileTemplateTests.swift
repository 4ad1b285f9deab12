import Foundation
import XCTest

@testable import PromptLint

/// `promptlint check` on files no template should be: binary, NUL bytes, invalid UTF-8, 50 MB, 10,000-deep nesting,
/// symlink loops, FIFOs and unreadable files. Each gives findings or warnings (exit 0 or 1), never a crash or a
/// hang, and the 50 MB file is handled in bounded memory.
final class HostileTemplateTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try LintTest.temporaryDirectory() }
    override func tearDownWithError() throws {
        _ = chmod(dir + "/locked.j2", 0o644)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs `promptlint check`; with `memoryLimitKB`, through `/bin/sh` under `ulimit -v`, a limit that binds that
    /// child alone (a peak RSS read back from this process would also count the memory this process had when it
    /// spawned). Going over the limit aborts the child, which fails the exit-status assertions.
    func check(_ arguments: [String], memoryLimitKB: Int? = nil) throws -> (code: Int32, out: String) {
        let binary = try CLITests.binary()
        let process = Process()
        if let memoryLimitKB {
            let quoted = ([binary, "check"] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(memoryLimitKB) && exec " + quoted.joined(separator: " ")]
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["check"] + arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["PROMPTLINT_RULES"] = nil
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "\(arguments): killed by signal \(process.terminationStatus)")
        XCTAssertTrue([0, 1].contains(process.terminationStatus), "\(arguments): exit \(process.terminationStatus)")
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func write(_ bytes: [UInt8], _ name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    func testBinaryNULAndInvalidUTF8AreWarnings() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // fixed xorshift seed: the same bytes every run
        let noise: [UInt8] = (0..<8192).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 32)
        }
        try write(noise, "random.prompt")
        try write(Array("Hello\u{0}world {{ x }}".utf8), "nul.j2")
        try write(Array("Hello ".utf8) + [0xFF, 0xFE, 0xC0] + Array(" {{ x }}".utf8), "bad.j2")
        try write([0xEF, 0xBB, 0xBF] + Array("{\"messages\": [{\"role\": \"user\", \"content\": \"\u{1}".utf8) + [0xED, 0xA0, 0x80], "req.json")
        let run = try check(["."])
        for name in ["random.prompt", "nul.j2", "bad.j2", "req.json"] {
            XCTAssertTrue(run.out.contains(name + ":"), "\(name) has no finding: \(run.out)")
        }
    }

    func testTenThousandDeepNestingIsRead() throws {
        let n = 10_000
        let cases: [(String, String)] = [
            ("deep.j2", String(repeating: "{% if a %}", count: n) + "x {{ y }}" + String(repeating: "{% endif %}", count: n)),
            ("deep.mustache", String(repeating: "{{#a}}", count: n) + "x" + String(repeating: "{{/a}}", count: n)),
            ("deep.poml", String(repeating: "<p>", count: n) + "x" + String(repeating: "</p>", count: n)),
            ("deep.json", "{\"messages\": " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "}"),
            ("expr.j2", "{{ " + String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n) + " }}"),
            ("deep.prompt", "---\na:\n" + (0..<n).map { String(repeating: " ", count: $0 + 1) + "- \n" }.joined() + "---\nhi"),
        ]
        for (name, text) in cases {
            try write(Array(text.utf8), name)
            let run = try check([name])
            // Read to the end: either a finding names the file, or the summary counts it as checked.
            XCTAssertTrue(run.out.contains(name + ":") || run.out.contains("in 1 file"), "\(name): \(run.out)")
        }
    }

    /// "Billion laughs": ten levels of nine aliases each would expand to 9^10 values. Front matter like this took
    /// 5 GB and did not finish in a minute before expansion was capped; now it is a finding at the alias.
    func testYAMLAliasBombIsAFindingInBoundedMemory() throws {
        let yaml = "---\nname: bomb\n" + LintTest.aliasBombYAML
        try write(Array((yaml + "---\nsystem:\nYou are {{name}}. Today is {{date}}.\n").utf8), "bomb.prompty")
        let run = try check(["bomb.prompty"], memoryLimitKB: 512 * 1024)
        XCTAssertTrue(run.out.contains("bomb.prompty:3:") && run.out.contains("aliases expand"), run.out)
    }

    func testFiftyMegabyteFileInBoundedMemory() throws {
        let line = "You are a helpful assistant. Answer {{ question }} and cite {{ source }} exactly.\n"
        let big = String(repeating: line, count: 50_000_000 / line.utf8.count + 1)
        try write(Array(big.utf8), "big.j2")
        let run = try check(["big.j2"], memoryLimitKB: 512 * 1024)
        XCTAssertTrue(run.out.contains("big.j2:") && run.out.contains("limit"), run.out)
    }

    /// A 2 MB template with 50,000 slots is linted in full (it took minutes when a check rescanned the layout per
    /// slot) and within the same memory limit. The prefix breaks once, so there is one PL001, at the first slot,
    /// listing the other slots that sit before static content: tens of thousands, from all over the file.
    func testTwoMegabyteTemplateWithManySlotsIsLintedInBoundedMemory() throws {
        var text = ""
        var i = 0
        while text.utf8.count < 2_000_000 {
            text += "You are a helpful assistant. Answer {{ question_\(i) }} and cite {{ source }} exactly.\n"
            i += 1
        }
        try write(Array(text.utf8), "many.j2")
        // Each static stretch here is a short label between two values, which the default profile does not
        // count; the strict profile counts every static token, so the check does its full work.
        try write(Array("profile: strict\n".utf8), ".promptlint.yml")
        let run = try check(["many.j2"], memoryLimitKB: 512 * 1024)
        let findings = run.out.split(separator: "\n").filter { $0.hasPrefix("many.j2:") && $0.contains("PL001") }
        XCTAssertEqual(findings.count, 1, String(run.out.prefix(500)))
        let more = findings.first.flatMap { line -> Int? in
            guard let r = line.range(of: #"and \d+ more"#, options: .regularExpression) else { return nil }
            return Int(line[r].split(separator: " ")[1])
        } ?? 0
        XCTAssertGreaterThan(more, 10_000, String(findings.first ?? ""))
    }

    func testLinksFIFOsAndUnreadableFilesAreWarnings() throws {
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir + "/loop.j2", withDestinationPath: dir + "/loop.j2")
        try fm.createSymbolicLink(atPath: dir + "/dangling.j2", withDestinationPath: dir + "/missing.j2")
        try fm.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir + "/sub/up", withDestinationPath: "..")
        XCTAssertEqual(mkfifo(dir + "/fifo.j2", 0o644), 0)
        var expected = ["loop.j2", "dangling.j2", "fifo.j2", "sub/up"]
        if getuid() != 0 {
            try write(Array("x {{ y }}".utf8), "locked.j2")
            XCTAssertEqual(chmod(dir + "/locked.j2", 0), 0)
            expected.append("locked.j2")
        } else {
            // Root reads any file whatever its mode; the FIFO and the broken links cover "cannot be read" there.
            print("HostileTemplateTests: running as root, chmod 000 does not make a file unreadable; skipped that case")
        }
        let run = try check(["."])
        for name in expected { XCTAssertTrue(run.out.contains(name), "\(name) not reported: \(run.out)") }
        _ = try check(["fifo.j2"])
        _ = try check(["loop.j2"])
    }
}
