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

    func check(_ arguments: [String]) throws -> (code: Int32, out: String) {
        guard let binary = CLITests.binary else { throw XCTSkip("promptlint binary not built next to the tests") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["check"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["PROMPTLINT_RULES"] = LintTest.rulesDirectory
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
        var random = SystemRandomNumberGenerator()
        try write((0..<8192).map { _ in UInt8.random(in: 0...255, using: &random) }, "random.prompt")
        try write(Array("Hello\u{0}world {{ x }}".utf8), "nul.j2")
        try write(Array("Hello ".utf8) + [0xFF, 0xFE, 0xC0] + Array(" {{ x }}".utf8), "bad.j2")
        try write([0xEF, 0xBB, 0xBF] + Array("{\"messages\": [{\"role\": \"user\", \"content\": \"\u{1}".utf8) + [0xED, 0xA0, 0x80], "req.json")
        let run = try check(["."])
        for name in ["random.prompt", "nul.j2", "bad.j2", "req.json"] {
            XCTAssertTrue(run.out.contains(name + ":"), "\(name) has no finding: \(run.out)")
        }
    }

    func testTenThousandDeepNestingIsReadInTime() throws {
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
            let started = Date()
            _ = try check([name])
            XCTAssertLessThan(Date().timeIntervalSince(started), 120, "\(name) took too long")
        }
    }

    func testFiftyMegabyteFileInBoundedMemory() throws {
        let line = "You are a helpful assistant. Answer {{ question }} and cite {{ source }} exactly.\n"
        let big = String(repeating: line, count: 50_000_000 / line.utf8.count + 1)
        try write(Array(big.utf8), "big.j2")
        let run = try check(["big.j2"])
        XCTAssertTrue(run.out.contains("big.j2:"), run.out)
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        // ru_maxrss is in kilobytes on Linux: the largest child so far, this run included.
        XCTAssertLessThan(usage.ru_maxrss, 512 * 1024, "peak RSS \(usage.ru_maxrss) kB")
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
