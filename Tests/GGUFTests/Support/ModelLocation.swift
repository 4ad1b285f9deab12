import Foundation
import XCTest

/// The real model's path: `PROMPTLINT_MODEL`, else `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf`.
///
/// A missing model fails the calling test with a message naming the setup script; it is never skipped.
func requireModelPath(file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let env = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let p = env["PROMPTLINT_MODEL"], !p.isEmpty { candidates.append(p) }
    let cacheHome = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
    candidates.append(cacheHome + "/promptlint/gemma-3-270m-q4_k_m.gguf")
    for c in candidates where FileManager.default.fileExists(atPath: c) { return c }
    let message = "model not found at \(candidates.joined(separator: " or ")); run `bash Scripts/setup.sh` to install it"
    XCTFail(message, file: file, line: line)
    throw ModelMissing(message: message)
}

/// Thrown after the failure is recorded, to end the test.
struct ModelMissing: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
