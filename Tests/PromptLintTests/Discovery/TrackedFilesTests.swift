import Foundation
import XCTest

@testable import PromptLint

/// Git's rule that a tracked file is never ignored (holdout17's miniclaw, session 22): a `.gitignore` pattern
/// meant for a built binary (`miniclaw`) also matches the committed `cmd/miniclaw/` folder; with a readable
/// index the tracked files there are read and the untracked ones stay ignored; without `.git` the pattern
/// decides alone. The index is written here by hand (versions 2 and 4), as git writes it.
final class TrackedFilesTests: XCTestCase {
    /// A git index of `version` listing `paths` (sorted, as git keeps them), stat fields and object names zero.
    static func index(_ paths: [String], version: Int = 2) -> Data {
        func u32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        var bytes: [UInt8] = Array("DIRC".utf8) + u32(version) + u32(paths.count)
        var previous: [UInt8] = []
        for path in paths.sorted() {
            let name = Array(path.utf8)
            var entry = [UInt8](repeating: 0, count: 60)
            entry[27] = 0x81; entry[26] = 0x00  // mode 0100644 (not read)
            entry += [UInt8(name.count >> 8 & 0x0f), UInt8(name.count & 0xff)]
            if version == 4 {
                let common = zip(previous, name).prefix { $0 == $1 }.count
                var strip = previous.count - common
                // git's offset varint
                var varint = [UInt8(strip & 0x7f)]
                while strip >> 7 > 0 {
                    strip = (strip >> 7) - 1
                    varint.insert(UInt8(0x80 | (strip & 0x7f)), at: 0)
                }
                entry += varint + name[common...] + [0]
            } else {
                entry += name
                let length = entry.count
                entry += [UInt8](repeating: 0, count: (length + 8) / 8 * 8 - length)
            }
            bytes += entry
            previous = name
        }
        return Data(bytes + [UInt8](repeating: 0, count: 20))
    }

    func testTheIndexIsReadInVersionsTwoAndFour() {
        let paths = ["README.md", "cmd/miniclaw/main.go", "cmd/miniclaw/prompt.j2", "cmd/root.go", "internal/agent/a-very-long-name-of-a-file.go"]
        XCTAssertEqual(TrackedFiles.parseIndex([UInt8](Self.index(paths, version: 2))), paths)
        XCTAssertEqual(TrackedFiles.parseIndex([UInt8](Self.index(paths, version: 4))), paths)
        XCTAssertNil(TrackedFiles.parseIndex(Array("not an index".utf8)))
    }

    func testACutOrDamagedIndexNeverTraps() {
        let paths = ["a.txt", "prompts/system.j2", "prompts/user.j2"]
        for version in [2, 3, 4] {
            let whole = [UInt8](Self.index(paths, version: version == 3 ? 2 : version))
            var bytes = whole
            if version == 3 { bytes[7] = 3; bytes[12 + 60] |= 0x40 }  // an extended flag with no room for it
            for cut in stride(from: 0, through: bytes.count, by: 1) {
                _ = TrackedFiles.parseIndex(Array(bytes[0..<cut]))
            }
            for position in 12..<min(bytes.count, 200) {
                var damaged = whole
                damaged[position] = 0xff
                _ = TrackedFiles.parseIndex(damaged)
            }
        }
        XCTAssertNil(TrackedFiles.parseIndex(Array([UInt8](Self.index(paths, version: 2)).prefix(40))))
    }

    private func repository(withIndex: Bool, version: Int = 2) throws -> String {
        let dir = try LintTest.temporaryDirectory()
        try LintTest.write("miniclaw\ndist/\n", ".gitignore", in: dir)
        try LintTest.write("You are {{ name }}'s assistant.\n", "cmd/miniclaw/prompt.j2", in: dir)
        try LintTest.write("Scratch {{ note }}\n", "cmd/miniclaw/scratch.j2", in: dir)
        try LintTest.write("Built {{ x }}\n", "dist/out.j2", in: dir)
        if withIndex {
            try FileManager.default.createDirectory(atPath: dir + "/.git", withIntermediateDirectories: true)
            try Self.index([".gitignore", "cmd/miniclaw/prompt.j2"], version: version).write(to: URL(fileURLWithPath: dir + "/.git/index"))
        }
        return dir
    }

    func testATrackedFileInAnIgnoredFolderIsRead() throws {
        for version in [2, 4] {
            let dir = try repository(withIndex: true, version: version)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let found = try DiscoveryTest.discover(in: dir)
            XCTAssertNotNil(found.read["cmd/miniclaw/prompt.j2"], "\(found)")
            XCTAssertEqual(found.skipped["cmd/miniclaw/scratch.j2"],
                           "ignored by .gitignore (`miniclaw`); only the files git tracks there are read")
            XCTAssertEqual(found.skipped["dist/"], "ignored by .gitignore (`dist/`)")
        }
    }

    func testWithoutGitTheIgnorePatternDecides() throws {
        let dir = try repository(withIndex: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.skipped["cmd/miniclaw/"], "ignored by .gitignore (`miniclaw`)")
        XCTAssertNil(found.read["cmd/miniclaw/prompt.j2"])
    }
}
