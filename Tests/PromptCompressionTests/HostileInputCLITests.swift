import Foundation
import XCTest

@testable import PromptCompression
import PromptLintTestSupport

/// `promptcompress` against hostile input (issue 18): standard streams closed or full, FIFOs as input or model,
/// JSON nested 100,000 deep (plain, `--messages`, `fewshot`), a question beyond the limit, a ratio that rounds to
/// no token. Each is one line on stderr and exit 2, never a signal or a hang.
final class HostileInputCLITests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "promptcompress-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("Hello there world, this is a short text to compress.\n".utf8).write(to: URL(fileURLWithPath: dir + "/t.txt"))
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try Data(deep.utf8).write(to: URL(fileURLWithPath: dir + "/deep.json"))
        let request = "{\"messages\": [{\"role\": \"user\", \"content\": " + deep + "}]}"
        try Data(request.utf8).write(to: URL(fileURLWithPath: dir + "/deep-request.json"))
        XCTAssertEqual(mkfifo(dir + "/fifo", 0o644), 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `promptcompress ARGS REDIRECTIONS` through `/bin/sh` under `ulimit -v` (4 GB), stdin from /dev/null.
    func run(_ arguments: String, _ redirections: String = "< /dev/null") throws -> (code: Int32, err: String) {
        let run = try BuiltTool.runLimited(
            try BuiltTool.require("promptcompress"), arguments, redirections: redirections, cwd: dir,
            env: ["PROMPTLINT_MODEL": TestModel.path], memoryKB: 4_000_000)
        XCTAssertEqual(run.reason, .exit, "\(arguments): signal \(run.code)")
        return (run.code, run.err)
    }

    func assertOneLine(_ arguments: String, _ redirections: String = "< /dev/null", mentions: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run(arguments, redirections)
        XCTAssertEqual(result.code, 2, "\(arguments): \(result.err)", file: file, line: line)
        XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err, file: file, line: line)
        XCTAssertTrue(result.err.hasPrefix("promptcompress: ") && result.err.contains(mentions),
                      "\(arguments) \(redirections): \(result.err)", file: file, line: line)
    }

    func testClosedOrFullStandardStreams() throws {
        try assertOneLine("--ratio 0.5", "<&-", mentions: "standard input is closed")
        try assertOneLine("--help", ">&-", mentions: "standard output is closed")
        try assertOneLine("score t.txt", "> /dev/full", mentions: "cannot write standard output")
        try assertOneLine("--ratio 0.5 t.txt", "> /dev/full", mentions: "cannot write standard output")
        XCTAssertEqual(try run("--ratio 0.5 t.txt", "2>&- > /dev/null").code, 0)
    }

    func testFIFOsAreRefusedWithoutBlocking() throws {
        try assertOneLine("--ratio 0.5 fifo", mentions: "fifo: is a FIFO, not a regular file")
        try assertOneLine("--ratio 0.5 t.txt --model fifo", mentions: "is a FIFO, not a regular file")
    }

    func testDeeplyNestedJSONIsAnErrorNotAStackOverflow() throws {
        try assertOneLine("--ratio 0.5 deep.json", mentions: "nested deeper than 256 levels")
        try assertOneLine("--ratio 0.5 --messages deep-request.json", mentions: "nested deeper than 256 levels")
        try assertOneLine("fewshot --keep 2 deep.json", mentions: "nested deeper than 256 levels")
    }

    func testLimitsOnQuestionAndRatio() throws {
        let question = String(repeating: "why ", count: 2000)
        try assertOneLine("--ratio 0.5 t.txt --question '\(question)'", mentions: "above the 4096-byte limit")
        try assertOneLine("--ratio 0.0001 t.txt", mentions: "keeps no token")
    }

    /// A letter with 20,000 combining marks, and a word ending in 100,000 brackets (both once ran past 120 s):
    /// compressed, exit 0, the long word kept or dropped whole.
    func testPathologicalWordsCompress() throws {
        let stacked = "a" + String(repeating: "\u{0301}", count: 20_000)
        let brackets = "Look: " + String(repeating: "[", count: 100_000) + "x" + String(repeating: "]", count: 100_000)
        for (name, text) in [("stacked.txt", stacked), ("brackets.txt", brackets)] {
            try Data((text + " and then some ordinary words to keep or drop.\n").utf8)
                .write(to: URL(fileURLWithPath: dir + "/" + name))
            let run = try BuiltTool.runLimited(
                try BuiltTool.require("promptcompress"), "--ratio 0.5 " + name, redirections: "< /dev/null", cwd: dir,
                env: ["PROMPTLINT_MODEL": TestModel.path], memoryKB: 4_000_000, cpuSeconds: 600)
            XCTAssertEqual(run.reason, .exit, "\(name): signal \(run.code)")
            XCTAssertEqual(run.code, 0, "\(name): \(run.err)")
            // Kept whole, or not a trace of it (compared as bytes: the stacked letter is one Character).
            let longWord = Data(text.split(separator: " ").last!.utf8)
            let out = Data(run.out.utf8)
            XCTAssertTrue(out.range(of: longWord) != nil || out.range(of: longWord.prefix(3)) == nil, "\(name): long word cut")
        }
    }

    func testDepthPolicyInTheLibrary() throws {
        let deep = Array((String(repeating: "{\"a\":", count: 300) + "1" + String(repeating: "}", count: 300)).utf8)
        XCTAssertThrowsError(try JSONStringScanner.scan(deep)) { error in
            XCTAssertEqual((error as? JSONStringScanner.SyntaxError)?.isDepthLimit, true)
        }
        let shallow = Array((String(repeating: "[", count: 200) + "\"x\"" + String(repeating: "]", count: 200)).utf8)
        XCTAssertEqual(try JSONStringScanner.scan(shallow).count, 1)
        XCTAssertThrowsError(try PromptCompressor.validateMessages(String(decoding: deep, as: UTF8.self)))
    }
}
