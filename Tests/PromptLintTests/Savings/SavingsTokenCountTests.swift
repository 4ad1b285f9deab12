import Foundation
import XCTest

@testable import PromptLint

/// Real tokenizers behind the estimates. These need the cl100k_base rank file and the Gemma model file
/// and FAIL (never skip) when they are missing: run `bash Scripts/setup.sh`.
final class SavingsTokenCountTests: XCTestCase {
    func load(_ kind: TokenizerKind, factor: Double = 1, file: StaticString = #filePath, line: UInt = #line) -> LoadedTokenCounter? {
        do {
            return try TokenCounterLoader.load(kind, factor: factor)
        } catch {
            XCTFail("\(error.localizedDescription) -- \(SavingsTest.setupHint)", file: file, line: line)
            return nil
        }
    }

    func testCl100kCountsMatchTiktoken() throws {
        let loaded = try XCTUnwrap(load(.cl100k))
        XCTAssertEqual(loaded.used, .cl100k)
        XCTAssertFalse(loaded.isFallback)
        // Counts of tiktoken 0.14.0 cl100k_base encode_ordinary (Tests/TokenizersTests/Fixtures/Cl100kCases.swift).
        let cases: [(String, Int)] = [
            ("", 0), ("Hello world", 2), (" Hello world", 2), ("  two  spaces", 4),
            ("line1\nline2\n\nline4", 8), ("Café naïve résumé", 8), ("日本語のテキスト", 8),
            ("{{ user_name }} and {date}", 8), ("The quick brown fox jumps over the lazy dog.", 10),
            ("def f(x):\n    return x**2  # square", 12),
        ]
        for (text, expected) in cases { XCTAssertEqual(loaded.counter.count(text), expected, text.debugDescription) }
        XCTAssertTrue(loaded.summary.hasPrefix("cl100k_base x1.00"), loaded.summary)
    }

    func testScaledCounts() throws {
        let loaded = try XCTUnwrap(load(.cl100k, factor: 1.2))
        // 10 tokens * 1.2 = 12; 2 * 1.2 = 2.4 -> 2.
        XCTAssertEqual(loaded.counter.count("The quick brown fox jumps over the lazy dog."), 12)
        XCTAssertEqual(loaded.counter.count("Hello world"), 2)
        XCTAssertTrue(loaded.summary.hasPrefix("cl100k_base x1.20"))
    }

    func testGemmaCountsWithoutLoadingWeights() throws {
        let path = try XCTUnwrap(TokenCounterLoader.gemmaCandidates(environment: ProcessInfo.processInfo.environment).first)
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let before = Self.residentBytes()
        let loaded = try XCTUnwrap(load(.gemma))
        let after = Self.residentBytes()
        XCTAssertEqual(loaded.used, .gemma)
        // llama.cpp's counts without BOS (Tests/TokenizersTests/Fixtures/GoldenTokenizeCases.swift).
        let cases: [(String, Int)] = [("", 0), (" ", 1), ("Hello world", 2), (" Hello world", 2), ("  two  spaces", 4),
                                      ("line1\nline2\n\nline4", 8), ("\ttab\tseparated", 4)]
        for (text, expected) in cases { XCTAssertEqual(loaded.counter.count(text), expected, text.debugDescription) }
        // The file is mapped, not read: resident memory grows by the vocabulary, far less than the weights.
        XCTAssertGreaterThan(fileSize, 100_000_000)
        if let before, let after {
            XCTAssertLessThan(after - before, fileSize / 2, "loading the Gemma tokenizer made \(after - before) bytes resident")
        }
    }

    func testMissingFilesNameTheSetupScript() throws {
        let env = ["HOME": "/nonexistent-home", "PROMPTLINT_CL100K": "/nonexistent/cl100k.tiktoken"]
        XCTAssertThrowsError(try TokenCounterLoader.load(.cl100k, environment: env)) { error in
            let text = error.localizedDescription
            XCTAssertTrue(text.contains("cl100k_base tokenizer file not found") && text.contains("bash Scripts/setup.sh"), text)
            XCTAssertTrue(text.contains("/nonexistent/cl100k.tiktoken"), text)
            XCTAssertFalse(text.contains("\n"))
        }
        XCTAssertThrowsError(try TokenCounterLoader.load(.gemma, environment: ["PROMPTLINT_MODEL": "/nonexistent/model.gguf"])) { error in
            XCTAssertTrue(error.localizedDescription.contains("/nonexistent/model.gguf"), error.localizedDescription)
        }
        let fallback = try TokenCounterLoader.load(.cl100k, allowFallback: true, environment: env)
        XCTAssertTrue(fallback.isFallback)
        XCTAssertEqual(fallback.used, .estimate)
        XCTAssertTrue(fallback.summary.contains("FALLBACK"))
        XCTAssertEqual(fallback.counter.count("abcdefgh"), 2)  // chars/4
    }

    /// Resident set size from /proc/self/statm (Linux), in bytes.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
