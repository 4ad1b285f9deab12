import Foundation
import XCTest

@testable import PromptLint
@testable import SafeIO

/// The read and write policies in-process: links are followed and their TARGET checked, FIFOs and directories
/// are refused without blocking, writes go through links and never replace something that is not a regular file.
final class SafeIOPolicyTests: TemporaryFolderTestCase {
    func testSymlinkSizeIsTheTargetsAndTheLimitHolds() throws {
        let big = dir + "/big.bin"
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: nil))
        XCTAssertEqual(truncate(big, 3 << 30), 0)  // sparse: 3 GB long, no blocks used
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: "big.bin")
        XCTAssertEqual(FileReadPolicy.status(dir + "/link.txt")?.size, 3 << 30)
        XCTAssertEqual(Walk.size(dir + "/link.txt"), 3 << 30)
        XCTAssertThrowsError(try FileReadPolicy.read(dir + "/link.txt", limit: 1 << 20)) { error in
            XCTAssertEqual(error as? FileAccessError, .tooLarge(path: dir + "/link.txt", size: 3 << 30, limit: 1 << 20))
        }
    }

    func testFIFOAndDirectoryAreRefusedWithoutBlocking() throws {
        XCTAssertEqual(mkfifo(dir + "/fifo", 0o644), 0)
        // A blocking open of a FIFO with no writer would never return: this test would hang, not fail.
        XCTAssertThrowsError(try FileReadPolicy.read(dir + "/fifo", limit: 100)) { error in
            XCTAssertEqual(error as? FileAccessError, .notRegularFile(path: self.dir + "/fifo", kind: .fifo))
        }
        XCTAssertThrowsError(try FileReadPolicy.read(dir, limit: 100)) { error in
            XCTAssertEqual(error as? FileAccessError, .notRegularFile(path: self.dir, kind: .directory))
        }
        XCTAssertThrowsError(try FileReadPolicy.read(dir + "/missing", limit: 100)) { error in
            XCTAssertEqual(error as? FileAccessError, .notFound(path: self.dir + "/missing"))
        }
    }

    func testWriteGoesThroughALinkChainAndKeepsTheLinksAndMode() throws {
        try LintTest.write("old", "target.json", in: dir)
        XCTAssertEqual(chmod(dir + "/target.json", 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/a", withDestinationPath: "target.json")
        try FileManager.default.createSymbolicLink(atPath: dir + "/b", withDestinationPath: dir + "/a")
        try AtomicFile.write(Data("new".utf8), to: dir + "/b")
        XCTAssertEqual(try String(contentsOfFile: dir + "/target.json", encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/b"), dir + "/a")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/a"), "target.json")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/target.json")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testDanglingLinkCreatesItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: dir + "/report.sarif", withDestinationPath: "out/real.sarif")
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        try AtomicFile.write(Data("{}".utf8), to: dir + "/report.sarif")
        XCTAssertEqual(try String(contentsOfFile: dir + "/out/real.sarif", encoding: .utf8), "{}")
        XCTAssertNotNil(try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/report.sarif"))
    }

    func testLinkLoopIsAnErrorNotAHang() throws {
        try FileManager.default.createSymbolicLink(atPath: dir + "/x", withDestinationPath: "y")
        try FileManager.default.createSymbolicLink(atPath: dir + "/y", withDestinationPath: "x")
        XCTAssertThrowsError(try AtomicFile.write(Data("z".utf8), to: dir + "/x")) { error in
            guard case PromptLintError.writeFailed(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("symbolic links"), reason)
        }
    }

    func testFIFOWithoutReaderIsRefusedAndNotReplaced() throws {
        XCTAssertEqual(mkfifo(dir + "/pipe", 0o644), 0)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: dir + "/pipe")) { error in
            guard case PromptLintError.writeFailed(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("no process reading"), reason)
        }
        XCTAssertEqual(FileReadPolicy.status(dir + "/pipe")?.kind, .fifo)
    }

    func testFIFOWithAReaderIsStreamedTo() throws {
        XCTAssertEqual(mkfifo(dir + "/pipe", 0o644), 0)
        let path = dir + "/pipe"
        // Open the read end first (non-blocking), so the writer finds a reader; the FIFO's buffer holds the bytes.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        try AtomicFile.write(Data("streamed".utf8), to: path)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buffer, buffer.count)
        XCTAssertEqual(n, 8)
        XCTAssertEqual(String(decoding: buffer[0..<max(0, n)], as: UTF8.self), "streamed")
        XCTAssertEqual(FileReadPolicy.status(path)?.kind, .fifo)
    }

    func testDirectoryTargetIsRefused() throws {
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: dir + "/out")) { error in
            XCTAssertEqual(error as? PromptLintError, .writeFailed(path: dir + "/out", reason: "is a directory, not a regular file"))
        }
    }

    func testControlCharactersAndInvalidNamesAreEscaped() {
        XCTAssertEqual(DisplayText.escaped("a\u{1B}[2Jb\nc\u{7}"), "a\\u{1B}[2Jb\\nc\\u{7}")
        XCTAssertEqual(DisplayText.fileName([0x61, 0xFF, 0x62]), "a\\xFFb")
        XCTAssertEqual(DisplayText.fileName(Array("é.j2".utf8)), "é.j2")
    }
}
