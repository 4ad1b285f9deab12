import XCTest
import TinyLM
import PromptLintTestSupport

/// The fast (clustered log-normaliser) mode against exact mode on a text it was not tuned on.
final class FastScoringTests: XCTestCase {
    /// Written for this test; not used to choose any parameter.
    static let heldOut = """
        The ferry left the harbour twenty minutes late because a delivery van had blocked the loading ramp. \
        Passengers waited on the quay while the crew argued with the driver, and a gull stole half a sandwich \
        from a child who had been told twice to keep it in the bag. Once at sea, the wind dropped and the \
        crossing was calm enough that most people went out on deck to watch the cliffs slide past.
        """

    private func model() throws -> LanguageModel {
        try LanguageModel(path: try ModelFiles.requireGemma())
    }

    func testFastModeErrorOnHeldOutText() throws {
        let lm = try model()
        let ids = lm.tokenizer.encode(Self.heldOut, addBOS: true)
        var exactSession = ScoringSession(model: lm.model)
        let exact = try exactSession.append(ids)
        var fastSession = ScoringSession(model: lm.model, mode: .fast)
        let fast = try fastSession.append(ids)
        XCTAssertEqual(exact.count, fast.count)
        XCTAssertNil(fast[0])
        var errors: [Double] = []
        for (e, f) in zip(exact.dropFirst(), fast.dropFirst()) {
            let f = try XCTUnwrap(f)
            // The target's own term is always in the normaliser, so log p never exceeds 0.
            XCTAssertLessThanOrEqual(f, 1e-4)
            errors.append(abs(Double(try XCTUnwrap(e)) - Double(f)))
        }
        let within = Double(errors.filter { $0 <= 0.05 }.count) / Double(errors.count)
        let mean = errors.reduce(0, +) / Double(errors.count)
        // Measured bounds of the current method (the target is 99% within 0.05 nats; not met yet).
        XCTAssertGreaterThanOrEqual(within, 0.5, "fraction within 0.05 nats")
        XCTAssertLessThanOrEqual(mean, 0.15, "mean absolute error")
        XCTAssertLessThanOrEqual(errors.max() ?? 0, 4, "largest error")
    }

    func testWalkingEveryClusterIsExact() throws {
        let lm = try model()
        let ids = lm.tokenizer.encode(String(Self.heldOut.prefix(200)), addBOS: true)
        var exactSession = ScoringSession(model: lm.model)
        let exact = try exactSession.append(ids)
        var fastSession = ScoringSession(model: lm.model, mode: .fast)
        let all = VocabularyClusters.defaultCount
        fastSession.fastParameters = FastHeadParameters(tailFraction: 0, minimumClusters: all, maximumClusters: all)
        let fast = try fastSession.append(ids)
        for (e, f) in zip(exact.dropFirst(), fast.dropFirst()) {
            XCTAssertEqual(Double(try XCTUnwrap(e)), Double(try XCTUnwrap(f)), accuracy: 1e-3)
        }
    }
}
