import Foundation
import GGUF
import PromptLintTestSupport
import Tokenizers
import XCTest

/// The Gemma tokenizer read from the model (found by `ModelFiles`), loaded once for all tests.
enum ModelLocation {
    private static let shared: Result<SentencePieceTokenizer, any Error> = Result {
        try SentencePieceTokenizer(gguf: GGUFFile(path: ModelFiles.gemmaPath))
    }

    /// The model's tokenizer, or nil after recording a failure that says how to get the model.
    static func tokenizer(file: StaticString = #filePath, line: UInt = #line) -> SentencePieceTokenizer? {
        guard (try? ModelFiles.requireGemma(file: file, line: line)) != nil else { return nil }
        switch shared {
        case .success(let tokenizer): return tokenizer
        case .failure(let error):
            XCTFail("cannot load the tokenizer from \(ModelFiles.gemmaPath): \(error)", file: file, line: line)
            return nil
        }
    }
}
