import Foundation
import XCTest

/// Where the tests find the real model: `PROMPTLINT_MODEL`, else the setup script's cache folder.
/// A missing model fails the test (CI always installs it); it is never skipped.
func requireModelPath(file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let env = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let p = env["PROMPTLINT_MODEL"], !p.isEmpty { candidates.append(p) }
    let cacheHome = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
    candidates.append(cacheHome + "/promptlint/gemma-3-270m-q4_k_m.gguf")
    for c in candidates where FileManager.default.fileExists(atPath: c) { return c }
    XCTFail("model not found at \(candidates); run `bash Scripts/setup.sh`", file: file, line: line)
    throw XCTSkip("unreachable: failed above")
}
