import Foundation
import GGUF
import Tokenizers
import XCTest

/// Where the Gemma 3 270M GGUF model is: `PROMPTLINT_MODEL`, else
/// `${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/gemma-3-270m-q4_k_m.gguf`.
enum ModelLocation {
    static var modelPath: String {
        let env = ProcessInfo.processInfo.environment
        if let path = env["PROMPTLINT_MODEL"], !path.isEmpty { return path }
        return cacheFolder(env) + "/gemma-3-270m-q4_k_m.gguf"
    }

    static func cacheFolder(_ env: [String: String]) -> String {
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return base + "/promptlint"
    }

    /// The tokenizer read from the model, loaded once for all tests.
    private static let shared: Result<SentencePieceTokenizer, any Error> = Result {
        try SentencePieceTokenizer(gguf: GGUFFile(path: modelPath))
    }

    /// The model's tokenizer, or nil after recording a failure that says how to get the model.
    static func tokenizer(file: StaticString = #filePath, line: UInt = #line) -> SentencePieceTokenizer? {
        guard FileManager.default.fileExists(atPath: modelPath) else {
            XCTFail(
                "Gemma model not found at \(modelPath): run the project's setup script to download it, "
                    + "or set PROMPTLINT_MODEL", file: file, line: line)
            return nil
        }
        switch shared {
        case .success(let tokenizer): return tokenizer
        case .failure(let error):
            XCTFail("cannot load the tokenizer from \(modelPath): \(error)", file: file, line: line)
            return nil
        }
    }
}
