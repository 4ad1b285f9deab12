import Foundation
import PromptLintTestSupport
import PromptLintVersion
import XCTest

/// What all three tools promise: `--version` prints the one project version, usage errors are one line on stderr
/// with exit status 2 (never ArgumentParser's 64), and no flag is accepted that would do nothing.
final class ToolContractTests: XCTestCase {
    static let tools = ["promptlint", "promptcompress", "promptbench"]

    func testVersionOnAllThree() throws {
        for tool in Self.tools {
            let r = try BuiltTool.run(try BuiltTool.require(tool), ["--version"])
            XCTAssertEqual(r.code, 0, "\(tool): \(r.err)")
            XCTAssertEqual(r.out, PromptLintVersion.current + "\n", tool)
        }
    }

    func testUsageErrorsExitTwoWithOneLine() throws {
        for tool in Self.tools {
            let r = try BuiltTool.run(try BuiltTool.require(tool), ["--no-such-flag"])
            XCTAssertEqual(r.reason, .exit, tool)
            XCTAssertEqual(r.code, 2, "\(tool): \(r.err)")
            XCTAssertEqual(r.out, "", tool)
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "\(tool): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix(tool + ": "), "\(tool): \(r.err)")
        }
        let bench = try BuiltTool.run(try BuiltTool.require("promptbench"), ["compression-eval", "--bogus", "1"])
        XCTAssertEqual(bench.code, 2, bench.err)
    }

    func testReportHasNoSavingsFlag() throws {
        // `report` always prices; a `--savings` flag there would do nothing, so it is refused.
        let dir = try TestFiles.temporaryDirectory(prefix: "promptlint-contract")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try BuiltTool.run(try BuiltTool.require("promptlint"), ["report", ".", "--html", "r.html", "--savings"], cwd: dir)
        XCTAssertEqual(r.code, 2, r.err)
        XCTAssertTrue(r.err.contains("--savings"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/r.html"))
    }
}
