import Foundation
import XCTest

@testable import PromptLint

/// `AtomicFile.write` in-process: the content lands whole, an existing file is replaced, no temporary file is
/// left behind, and a failure is a typed error naming the path that leaves the old file as it was.
final class AtomicFileTests: TemporaryFolderTestCase {
    private func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    func testWritesThenReplacesWithoutLeavingTemporaries() throws {
        let path = dir + "/report.json"
        try AtomicFile.write(Data("first\n".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first\n")
        let large = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try AtomicFile.write(large, to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), large)
        XCTAssertEqual(try entries(), ["report.json"])
    }

    func testEmptyDataGivesEmptyFile() throws {
        let path = dir + "/empty.txt"
        try AtomicFile.write(Data(), to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data())
    }

    func testMissingDirectoryThrowsWriteFailedNamingThePath() throws {
        let path = dir + "/no/such/dir/out.json"
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: path)) { error in
            guard case PromptLintError.writeFailed(let reported, let reason) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reported, path)
            XCTAssertTrue(reason.contains("No such file"), reason)
        }
    }

    func testFailedRenameKeepsTheOldTargetAndRemovesTheTemporary() throws {
        // A directory in the target's place: rename(2) of a file over it fails with EISDIR.
        let path = dir + "/taken"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try LintTest.write("kept", "taken/inside.txt", in: dir)
        XCTAssertThrowsError(try AtomicFile.write(Data("new".utf8), to: path))
        XCTAssertEqual(try String(contentsOfFile: path + "/inside.txt", encoding: .utf8), "kept")
        XCTAssertEqual(try entries(), ["taken"])
    }
}
