import Foundation
import XCTest

@testable import PromptLint

/// Discovery as the tests run it.
enum DiscoveryTest {
    /// Discovers `paths` in `dir` (writing `config` as its `.promptlint.yml` first); returns read paths with
    /// their evidence and skipped paths with their reasons.
    static func discover(in dir: String, _ paths: [String] = ["."], config: String? = nil) throws
        -> (read: [String: String], skipped: [String: String])
    {
        if let config { try LintTest.write(config, ".promptlint.yml", in: dir) }
        let loader = try ConfigurationLoader(fallbackDirectory: dir)
        let entries = try FileDiscovery(policy: DiscoveryPolicy(loader: loader)).discover(paths, cwd: dir)
        var read: [String: String] = [:]
        var skipped: [String: String] = [:]
        for entry in entries {
            switch entry {
            case .read(let file): read[file.display] = file.evidence
            case .skipped(let s): skipped[s.display] = s.reason
            case .problem(let display, let message): XCTFail("\(display): \(message)")
            }
        }
        return (read, skipped)
    }
}
