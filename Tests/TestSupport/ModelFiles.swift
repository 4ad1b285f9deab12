import Foundation
import XCTest

/// Where the tests find the files `Scripts/install-deps.sh` installs: the Gemma 3 270M model.
public enum ModelFiles {
    /// `PROMPTLINT_MODEL`, else `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf`.
    public static var gemmaCandidates: [String] {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let p = env["PROMPTLINT_MODEL"], !p.isEmpty { candidates.append(p) }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let cacheHome = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.cache")
        candidates.append(cacheHome + "/promptlint/gemma-3-270m-q4_k_m.gguf")
        return candidates
    }

    /// The first candidate (where the model is expected), for messages and lazily loaded models.
    public static var gemmaPath: String {
        gemmaCandidates.first { FileManager.default.fileExists(atPath: $0) } ?? gemmaCandidates[0]
    }

    /// The model's path; a missing model records a failure naming the setup script and throws (never skips).
    public static func requireGemma(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let found = gemmaCandidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        let message = "model not found at \(gemmaCandidates.joined(separator: " or ")); "
            + "run `bash Scripts/setup.sh` to install it (or set PROMPTLINT_MODEL)"
        XCTFail(message, file: file, line: line)
        throw TestSupportError(message: message)
    }
}
