import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport
import SafeIO

/// The discovery walk on generated trees (issue 18): folders are opened relative to their open parent and kept
/// on an explicit stack, so a chain thousands of folders deep is walked in this process (a recursive walk
/// overflowed the stack of a debug build at about 1,400 levels), links to folders are followed, and a link back
/// to a folder above is reported as a loop.
final class DeepTreeWalkTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try LintTest.temporaryDirectory() }

    override func tearDownWithError() throws {
        let rm = Process()  // `rm -rf` walks relative to open folders, so it removes any depth
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", dir]
        try rm.run()
        rm.waitUntilExit()
    }

    /// Makes `c/d/d/.../d` (`depth` folders named `d`) with `p.j2` every `every` levels, by `mkdirat`/`openat`.
    func makeChain(depth: Int, every: Int) throws {
        var fd = open(dir, O_RDONLY | O_DIRECTORY)
        XCTAssertEqual(mkdirat(fd, "c", 0o755), 0)
        var next = openat(fd, "c", O_RDONLY | O_DIRECTORY)
        close(fd)
        fd = next
        for level in 1...depth {
            XCTAssertEqual(mkdirat(fd, "d", 0o755), 0)
            next = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            XCTAssertGreaterThanOrEqual(next, 0)
            close(fd)
            fd = next
            if level % every == 0 {
                let file = openat(fd, "p.j2", O_WRONLY | O_CREAT, 0o644)
                XCTAssertEqual("Hi {{ x }}".withCString { write(file, $0, 9) }, 9)
                close(file)
            }
        }
        close(fd)
    }

    func testChainDeeperThanARecursiveWalkCouldGoIsWalkedWhole() throws {
        // As deep as fits under PATH_MAX with 2-byte levels (about 2,000 in a short temporary folder).
        let depth = min(2000, (Int(PATH_MAX) - dir.utf8.count - 16) / 2)
        XCTAssertGreaterThan(depth, 1500)
        try makeChain(depth: depth, every: 100)
        let entries = try FileDiscovery().discover(["c"], cwd: dir)
        let read = entries.compactMap { entry -> String? in
            if case .read(let file) = entry { return file.display }
            return nil
        }
        XCTAssertEqual(read.count, depth / 100)
        // Depth first in name order (`d` before `p.j2`): the deepest prompt is found first.
        XCTAssertEqual(read.first?.utf8.count, ("c/" + String(repeating: "d/", count: depth / 100 * 100) + "p.j2").utf8.count)
        XCTAssertEqual(read.last, "c/" + String(repeating: "d/", count: 100) + "p.j2")
        XCTAssertTrue(entries.allSatisfy { if case .read = $0 { return true } else { return false } }, "\(entries.suffix(3))")
    }

    func testChainBeyondPathMaxStopsWithOneProblem() throws {
        let depth = (Int(PATH_MAX) - dir.utf8.count) / 2 + 50
        try makeChain(depth: depth, every: 100)
        let entries = try FileDiscovery().discover(["c"], cwd: dir)
        let problems = entries.compactMap { entry -> String? in
            if case .problem(_, let message) = entry { return message }
            return nil
        }
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.contains("PATH_MAX") == true, "\(problems)")
    }

    func testLinkedFoldersAreFollowedAndLoopsReported() throws {
        try LintTest.write("Hello {{ name }}\n", "other/prompts/a.j2", in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/tree/prompts", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/tree/prompts/linked", withDestinationPath: "../../other/prompts")
        try FileManager.default.createSymbolicLink(atPath: dir + "/tree/prompts/loop", withDestinationPath: "..")
        let entries = try FileDiscovery().discover(["tree"], cwd: dir)
        XCTAssertTrue(entries.contains { if case .read(let file) = $0 { return file.display == "tree/prompts/linked/a.j2" } else { return false } },
                      "\(entries)")
        XCTAssertTrue(entries.contains {
            if case .problem(let display, let message) = $0 {
                return display == "tree/prompts/loop" && message.contains("symbolic link loop")
            }
            return false
        }, "\(entries)")
    }

    func testListingRelativeToAnOpenFolder() throws {
        try LintTest.write("x", "top/inner/f.txt", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/top/link", withDestinationPath: "inner")
        let top = try XCTUnwrap(DirectoryListing(dir + "/top"))
        XCTAssertEqual(top.entries.map(\.name), ["inner", "link"])
        XCTAssertEqual(top.entries.map(\.kind), [.directory, .symbolicLink])
        let inner = try XCTUnwrap(DirectoryListing(name: "inner", in: top.folder))
        let viaLink = try XCTUnwrap(DirectoryListing(name: "link", in: top.folder))
        XCTAssertEqual(inner.entries.map(\.name), ["f.txt"])
        XCTAssertEqual([viaLink.device, viaLink.inode], [inner.device, inner.inode])
        XCTAssertEqual(top.folder.status(of: "link")?.kind, .directory)
        XCTAssertEqual(inner.folder.status(of: "f.txt")?.size, 1)
        XCTAssertNil(top.folder.status(of: "missing"))
        XCTAssertNil(DirectoryListing(name: "f.txt", in: inner.folder), "a file is not listed")
    }
}
