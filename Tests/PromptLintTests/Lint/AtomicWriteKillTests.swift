import Foundation
import XCTest

@testable import PromptLint

/// `--output` and `--write-baseline` replace their file with a temporary file and a rename, so a process killed at
/// any moment leaves the old file or the whole new one, never a partial file. The test SIGKILLs `promptlint check`
/// at times spread over a complete run (the write happens at the end) and checks the file each time.
final class AtomicWriteKillTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try LintTest.temporaryDirectory()
        // Enough findings (640) for a report large enough that the write itself takes a measurable time.
        let tail = String(repeating: "Follow the support policy exactly and cite the handbook section you used. ", count: 5)
        // One PL002 per file (one finding per prompt; the templates have no slot, so PL002 reads them), so many
        // small files.
        for i in 0..<640 {
            let body = "Hi there, it is 2026-01-05T08:00:00Z. Session 6f1c2d3e-9a8b-4c7d-8e6f-5a4b3c2d\(1000 + i % 40). " + tail + "\n"
            try LintTest.write(body + tail + "\n", "tree/t\(i).j2", in: dir)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func start(_ arguments: [String]) throws -> Process {
        let binary = try CLITests.binary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["PROMPTLINT_RULES"] = nil
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `arguments` (which write `target`) once to completion, then many times killed part-way, with `target`
    /// holding old content before each run: afterwards it must hold the old content or the complete new file.
    func assertKillsLeaveOldOrNew(_ arguments: [String], target: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = dir + "/" + target
        let started = Date()
        let full = try start(arguments)
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        let complete = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertGreaterThan(complete.count, 50_000, "report too small to be caught mid-write", file: file, line: line)
        let old = Data("old report, must survive\n".utf8)
        var killed = 0
        var replaced = 0
        for step in 0..<12 {
            try old.write(to: URL(fileURLWithPath: path))
            // Kill times from 40% to 115% of a full run: most land in linting, some in or after the write.
            let delay = duration * (0.4 + 0.75 * Double(step) / 11)
            let process = try start(arguments)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            if now == complete { replaced += 1; continue }
            XCTAssertEqual(now, old, "step \(step): \(target) is neither the old file nor the whole new one (\(now.count) bytes)",
                           file: file, line: line)
        }
        XCTAssertGreaterThan(killed, 0, "no run was killed", file: file, line: line)
        // Temporary files of killed runs may remain (".<name>.<uuid>.tmp"); the target itself is never partial.
        let litter = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".\(target).") }
        for name in litter { try? FileManager.default.removeItem(atPath: dir + "/" + name) }
        print("\(target): \(killed) of 12 runs killed, \(replaced) left the new file, \(litter.count) temporary files left")
    }

    func testKilledOutputWriteLeavesOldFileIntact() throws {
        try assertKillsLeaveOldOrNew(["check", "tree", "--format", "json", "--output", "report.json"], target: "report.json")
    }

    func testKilledBaselineWriteLeavesOldFileIntact() throws {
        try assertKillsLeaveOldOrNew(["check", "tree", "--write-baseline", "baseline.json"], target: "baseline.json")
    }
}
