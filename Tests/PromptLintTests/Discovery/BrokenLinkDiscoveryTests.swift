import Foundation
import XCTest

@testable import PromptLint

/// A symbolic link whose target does not exist (a checkout that stored the target with a trailing newline, a
/// moved file) is decided like a file of its name: reported only where a prompt would be read.
final class BrokenLinkDiscoveryTests: TemporaryFolderTestCase {
    private func entries() throws -> [String: DiscoveryEntry] {
        let loader = try ConfigurationLoader(fallbackDirectory: dir)
        let found = try FileDiscovery(policy: DiscoveryPolicy(loader: loader)).discover(["."], cwd: dir)
        return Dictionary(found.map { ($0.display, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func link(_ name: String, to target: String) throws {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    func testBrokenLinkWithADocumentationNameIsSkippedQuietly() throws {
        try LintTest.write("# Project\nUse {name} here", "docs/README.md", in: dir)
        try link("README.md", to: "./docs/README.md\n")
        try link("logo.png", to: "missing.png")
        let found = try entries()
        guard case .skipped(let skipped)? = found["README.md"] else {
            return XCTFail("README.md: \(String(describing: found["README.md"]))")
        }
        XCTAssertEqual(skipped.reason, "broken symbolic link; documentation file (README)")
        XCTAssertNil(found["logo.png"])  // not a candidate by its name: nothing to say
    }

    /// The near miss: a broken link where a prompt would be read is still a problem (PL009), not a silent skip.
    func testBrokenLinkWithAPromptNameIsStillAProblem() throws {
        try link("prompts/system.j2", to: "../shared/system.j2")
        try link("prompts/task.md", to: "../shared/task.md")
        let found = try entries()
        for name in ["prompts/system.j2", "prompts/task.md"] {
            guard case .problem(_, let message)? = found[name] else {
                XCTFail("\(name): \(String(describing: found[name]))")
                continue
            }
            XCTAssertEqual(message, "broken symbolic link")
        }
    }
}
