import XCTest
import TinyLM
import PromptLintTestSupport

/// The runtime against two references on the same three texts:
/// - an independent float64 forward pass (Scripts/reference/reference_forward.py): must agree tightly;
/// - llama.cpp (shared/golden/logprobs.json): ids identical, log-probabilities within llama.cpp's own spread.
///   llama.cpp quantizes activations to 8 bits and keeps the KV cache in f16; on these texts that alone moves
///   its results by up to 0.49 nats between its own configurations (flash attention on vs off, measured with
///   Scripts/reference/llama_spread.py), and the float64 reference is 0.078 mean / 0.381 max from it. Emulating
///   its roundings does not close the gap: they make the pass chaotic (Scripts/reference/llama_arithmetic.py).
final class GoldenLogProbabilityTests: XCTestCase {
    static let model: LanguageModel? = try? LanguageModel(path: try ModelFiles.requireGemma())

    private func languageModel() throws -> LanguageModel {
        _ = try ModelFiles.requireGemma()
        return try XCTUnwrap(Self.model)
    }

    func testTokenizerGivesLlamaCppIds() throws {
        let lm = try languageModel()
        for golden in GoldenLogProbabilities.cases {
            XCTAssertEqual(lm.tokenizer.encode(golden.text, addBOS: true), golden.ids, golden.text)
        }
    }

    func testAgreesWithFloat64Reference() throws {
        let lm = try languageModel()
        var differences: [Double] = []
        for reference in ReferenceLogProbabilities.cases {
            var session = ScoringSession(model: lm.model)
            let ours = try session.append(reference.ids)
            XCTAssertNil(ours[0])
            for i in 1..<reference.ids.count {
                let diff = abs(Double(try XCTUnwrap(ours[i])) - reference.logprobs[i - 1])
                XCTAssertLessThanOrEqual(diff, 0.005, "token \(i)")
                differences.append(diff)
            }
        }
        let mean = differences.reduce(0, +) / Double(differences.count)
        XCTAssertLessThanOrEqual(mean, 0.001, "mean absolute difference from the float64 reference")
    }

    func testAgreesWithLlamaCppWithinItsOwnSpread() throws {
        let lm = try languageModel()
        var differences: [Double] = []
        for golden in GoldenLogProbabilities.cases {
            let scored = try lm.score(golden.text)
            XCTAssertEqual(scored.map(\.id), golden.ids)
            for i in 1..<scored.count {
                differences.append(abs(Double(try XCTUnwrap(scored[i].logProbability)) - golden.logprobs[i - 1]))
            }
        }
        let mean = differences.reduce(0, +) / Double(differences.count)
        XCTAssertLessThanOrEqual(mean, 0.08, "mean absolute difference from llama.cpp")
        XCTAssertLessThanOrEqual(differences.max() ?? 0, 0.4, "largest difference from llama.cpp")
    }

    func testIncrementalScoringEqualsOnePass() throws {
        let lm = try languageModel()
        let ids = GoldenLogProbabilities.cases[1].ids
        var whole = ScoringSession(model: lm.model)
        let onePass = try whole.append(ids)
        var pieces = ScoringSession(model: lm.model)
        var incremental = try pieces.append(Array(ids[0..<7]))
        incremental += try pieces.append(Array(ids[7..<20]))
        incremental += try pieces.append(Array(ids[20...]))
        XCTAssertEqual(onePass.count, incremental.count)
        for (a, b) in zip(onePass.dropFirst(), incremental.dropFirst()) {
            XCTAssertEqual(Double(a!), Double(b!), accuracy: 1e-3)
        }
        // Rewinding and re-feeding gives the same numbers again.
        try pieces.rewind(to: 20)
        let again = try pieces.append(Array(ids[20...]))
        for (a, b) in zip(onePass[20...], again) { XCTAssertEqual(Double(a!), Double(b!), accuracy: 1e-3) }
    }

    func testBatchBoundaryAndSlidingWindowMatchSingleBatch() throws {
        // 700 tokens cross the 512-token batch and the 512-token sliding window; scoring in 3 pieces must equal
        // one pass (which itself splits at 512).
        let lm = try languageModel()
        let text = String(repeating: "The committee met on Tuesday to review 42 proposals about river access. ", count: 45)
        let ids = lm.tokenizer.encode(text, addBOS: true)
        XCTAssertGreaterThan(ids.count, 600)
        var a = ScoringSession(model: lm.model)
        let one = try a.append(ids)
        var b = ScoringSession(model: lm.model)
        var three = try b.append(Array(ids[0..<100]))
        three += try b.append(Array(ids[100..<550]))
        three += try b.append(Array(ids[550...]))
        var worst: Double = 0
        for (x, y) in zip(one.dropFirst(), three.dropFirst()) { worst = max(worst, abs(Double(x!) - Double(y!))) }
        XCTAssertLessThan(worst, 2e-3)
    }

    func testOutOfRangeTokenIsAnError() throws {
        let lm = try languageModel()
        var session = ScoringSession(model: lm.model)
        XCTAssertThrowsError(try session.append([2, 999_999])) { error in
            XCTAssertEqual(error as? TinyLMError, .tokenOutOfRange(id: 999_999, vocabularySize: 262_144))
        }
    }
}
