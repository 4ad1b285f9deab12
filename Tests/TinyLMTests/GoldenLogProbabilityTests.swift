import XCTest
import TinyLM

/// Reproduces llama.cpp's per-token log-probabilities for the Gemma 3 270M file.
/// Fixture: ids and log-probabilities from shared/golden/logprobs.json (llama.cpp via llama-cpp-python 0.3.36,
/// CPU, 2 threads), copied with their source.
final class GoldenLogProbabilityTests: XCTestCase {
    func testMatchesLlamaCppLogProbabilities() throws {
        let model = try Gemma3Model(path: try requireModelPath())
        var differences: [Double] = []
        for golden in GoldenLogProbabilities.cases {
            var session = ScoringSession(model: model)
            let ours = try session.append(golden.ids)
            XCTAssertNil(ours[0])
            for i in 1..<golden.ids.count {
                let diff = abs(Double(ours[i]!) - golden.logprobs[i - 1])
                XCTAssertLessThanOrEqual(diff, 0.3, "token \(i) of '\(golden.text)'")
                differences.append(diff)
            }
        }
        let mean = differences.reduce(0, +) / Double(differences.count)
        XCTAssertLessThanOrEqual(mean, 0.05, "mean absolute difference \(mean)")
    }
}
