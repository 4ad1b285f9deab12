import Foundation
import TinyLM
import XCTest
@testable import PromptCompression

/// The pruner with the real Gemma 3 270M model on the samples in `Samples/fewshot/`.
final class FewShotModelTests: XCTestCase {
    /// The loaded model and the sample's vectors, computed once for all tests.
    struct Fixture: Sendable {
        var pruner: FewShotPruner
        var document: FewShotDocument
        var vectors: [[Float]]
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) throws -> String {
        let path = repositoryRoot.appendingPathComponent("Samples/fewshot/\(name)").path
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
        return String(decoding: data, as: UTF8.self)
    }

    struct LoadFailure: Error {
        var message: String
    }

    static let shared: Result<Fixture, LoadFailure> = {
        do {
            let path = try ModelLocator.locate()
            let pruner = FewShotPruner(languageModel: try LanguageModel(path: path))
            let document = try FewShotDocument.parse(try sample("support_intents.json"))
            return .success(Fixture(pruner: pruner, document: document, vectors: try pruner.vectors(for: document.examples)))
        } catch {
            return .failure(LoadFailure(message: (error as? LocalizedError)?.errorDescription ?? "\(error)"))
        }
    }()

    func fixture() throws -> Fixture {
        switch Self.shared {
        case .success(let f): return f
        case .failure(let failure):
            XCTFail("""
                the model is needed (PROMPTLINT_MODEL, else ${XDG_CACHE_HOME:-$HOME/.cache}/promptlint/\(ModelLocator.fileName)): \
                run `bash Scripts/setup.sh` (\(failure.message))
                """)
            throw failure
        }
    }

    func testDeterministicAcrossRunsAndFreshEmbeddings() throws {
        let f = try fixture()
        let examples = f.document.examples
        let a = try f.pruner.prune(examples, limit: .count(5), vectors: f.vectors)
        let b = try f.pruner.prune(examples, limit: .count(5))
        XCTAssertEqual(a.selected, b.selected)
        XCTAssertEqual(a.scores, b.scores)
        // The same examples give bit-identical embeddings. Packed into another batch (two texts instead of the
        // whole pool) the float products see other matrix shapes, and OpenBLAS may round them differently (seen
        // on an AMD EPYC: about 1e-6 relative), so a sub-batch agrees to rounding, not to the bit.
        XCTAssertEqual(try f.pruner.vectors(for: examples), f.vectors, "embeddings are bit-identical")
        for (fresh, stored) in zip(try f.pruner.vectors(for: Array(examples.prefix(2))), f.vectors.prefix(2)) {
            XCTAssertEqual(fresh.count, stored.count)
            for (x, y) in zip(fresh, stored) { XCTAssertEqual(x, y, accuracy: 1e-4 * max(1, abs(y))) }
        }
        let c = try f.pruner.prune(examples, limit: .budget(60), vectors: f.vectors)
        let d = try f.pruner.prune(examples, limit: .budget(60), vectors: f.vectors)
        XCTAssertEqual(c.selected, d.selected)
    }

    func testBudgetRule() throws {
        let f = try fixture()
        let examples = f.document.examples
        let costs = examples.map(f.pruner.tokenCount)
        let total = costs.reduce(0, +)
        for budget in [costs.min()!, 30, 50, 80, total - 1] {
            let r = try f.pruner.prune(examples, limit: .budget(budget), vectors: f.vectors)
            XCTAssertLessThanOrEqual(r.tokensAfter, budget, "budget \(budget)")
            XCTAssertEqual(r.tokensAfter, r.selected.reduce(0) { $0 + costs[$1] })
            XCTAssertEqual(r.tokensBefore, total)
            XCTAssertFalse(r.selected.isEmpty)
            XCTAssertEqual(r.selected, r.selected.sorted())
        }
        let all = try f.pruner.prune(examples, limit: .budget(total), vectors: f.vectors)
        XCTAssertEqual(all.selected, Array(examples.indices))
        XCTAssertEqual(all.warnings, [.budgetHoldsAll(budget: total, total: total)])
        XCTAssertThrowsError(try f.pruner.prune(examples, limit: .budget(costs.min()! - 1), vectors: f.vectors)) {
            XCTAssertEqual($0 as? FewShotError, .budgetTooSmall(budget: costs.min()! - 1, smallestExample: costs.min()!))
        }
        XCTAssertThrowsError(try f.pruner.prune(examples, limit: .budget(0), vectors: f.vectors))
    }

    func testEveryLabelIsKeptWhenThereIsRoom() throws {
        let f = try fixture()
        let examples = f.document.examples
        let labels = Set(examples.compactMap(\.label))
        XCTAssertEqual(labels.count, 4)
        for k in 4...8 {
            let r = try f.pruner.prune(examples, limit: .count(k), vectors: f.vectors)
            XCTAssertEqual(Set(r.examples.compactMap(\.label)), labels, "K = \(k)")
            XCTAssertEqual(r.selected.count, k)
            XCTAssertTrue(r.warnings.isEmpty)
        }
        let two = try f.pruner.prune(examples, limit: .count(2), vectors: f.vectors)
        XCTAssertEqual(Set(two.examples.compactMap(\.label)).count, 2, "two slots, two different labels")
        guard case .labelsNotCovered(let missing)? = two.warnings.first else { return XCTFail("\(two.warnings)") }
        XCTAssertEqual(missing.count, 2)
    }

    func testOrderPreservedAndKeepAllBeyondTheCount() throws {
        let f = try fixture()
        let examples = f.document.examples
        let r = try f.pruner.prune(examples, limit: .count(6), vectors: f.vectors)
        XCTAssertEqual(r.selected, r.selected.sorted())
        XCTAssertEqual(r.examples, r.selected.map { examples[$0] })
        XCTAssertEqual(r.scores.count, 6)
        let rendered = f.document.render(keeping: r.selected)
        let reparsed = try FewShotDocument.parse(rendered)
        XCTAssertEqual(reparsed.examples.map(\.source), r.examples.map(\.source), "plain output is the input's own form")
        let all = try f.pruner.prune(examples, limit: .count(50), vectors: f.vectors)
        XCTAssertEqual(all.selected, Array(examples.indices))
        XCTAssertEqual(all.warnings, [.keepExceedsCount(keep: 50, count: examples.count)])
        XCTAssertThrowsError(try f.pruner.prune(examples, limit: .count(0), vectors: f.vectors))
        XCTAssertThrowsError(try f.pruner.prune([], limit: .count(2)))
    }

    /// The near-duplicate pair (s10 and s12: "the app crashes ... camera") is never kept together.
    func testNearDuplicatesAreNotBothKept() throws {
        let f = try fixture()
        for k in 2...6 {
            let r = try f.pruner.prune(f.document.examples, limit: .count(k), vectors: f.vectors)
            XCTAssertFalse(r.selected.contains(9) && r.selected.contains(11), "K = \(k): \(r.selected)")
        }
    }

    func testQueryAndPromptPruningBeforeTheRequest() throws {
        let f = try fixture()
        let withQuery = try f.pruner.prune(
            f.document.examples, limit: .count(2), query: "My package never arrived", vectors: f.vectors)
        XCTAssertTrue(withQuery.examples.contains { $0.label == "shipping" }, "\(withQuery.selected)")
        // A JSONL file whose last line is the live question: it stays, and the demonstrations are pruned.
        let jsonl = try Self.sample("unit_conversions.jsonl")
        let pruned = try f.pruner.prunePrompt(jsonl, limit: .count(3), lastIsQuery: true)
        let lines = pruned.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines.last, jsonl.split(separator: "\n").last.map(String.init))
        XCTAssertEqual(pruned.result.selected.count, 3)
        XCTAssertFalse(pruned.result.selected.contains(pruned.document.examples.count - 1))
    }
}
