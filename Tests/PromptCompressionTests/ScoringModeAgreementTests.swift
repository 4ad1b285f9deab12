import PromptCompression
import PromptLintTestSupport
import XCTest

/// Compression makes the same keep/drop decisions in fast and exact scoring (issue 15, item 3: the fast mode is
/// the default only while at least 98% of decisions match exact mode).
final class ScoringModeAgreementTests: XCTestCase {
    /// Share of `text`'s words (maximal runs of non-whitespace) kept in both results or dropped in both; a word is
    /// kept when any of its bytes is.
    static func agreement(_ text: String, _ a: CompressionResult, _ b: CompressionResult) -> Double {
        let bytes = Array(text.utf8)
        func mask(_ ranges: [Range<Int>]) -> [Bool] {
            var m = [Bool](repeating: false, count: bytes.count)
            for r in ranges { for i in r where i < bytes.count { m[i] = true } }
            return m
        }
        let x = mask(a.kept), y = mask(b.kept)
        var words = 0, same = 0, i = 0
        let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        while i < bytes.count {
            if space(bytes[i]) { i += 1; continue }
            var j = i, keptX = false, keptY = false
            while j < bytes.count && !space(bytes[j]) {
                keptX = keptX || x[j]
                keptY = keptY || y[j]
                j += 1
            }
            words += 1
            same += keptX == keptY ? 1 : 0
            i = j
        }
        return words == 0 ? 1 : Double(same) / Double(words)
    }

    func testFastAndExactScoringAgreeOnAtLeast98PercentOfDecisions() throws {
        guard let compressor = TestModel.require() else { return }
        let long = BenchmarkText.prose
        let short = String(long.prefix(1500))
        for (text, ratio, question) in [
            (long, 0.5, nil as String?), (short, 0.33, nil), (short, 0.5, "When did construction begin?"),
        ] {
            let exact = try compressor.compress(text, ratio: ratio, options: CompressionOptions(question: question, scoringMode: .exact))
            let fast = try compressor.compress(text, ratio: ratio, options: CompressionOptions(question: question, scoringMode: .fast))
            XCTAssertFalse(exact.kept.isEmpty)
            XCTAssertGreaterThanOrEqual(
                Self.agreement(text, exact, fast), 0.98, "ratio \(ratio), question \(question ?? "none")")
        }
    }

    func testAgreementCountsDifferingWords() {
        let text = "one two three four"
        func result(_ kept: [Range<Int>]) -> CompressionResult {
            CompressionResult(
                text: "", originalTokens: 4, compressedTokens: 2, targetTokens: 2, kept: kept,
                protectedExceedsBudget: false, protectedTokens: 0)
        }
        let a = result([0..<3, 8..<13]), b = result([0..<3, 14..<18])
        XCTAssertEqual(Self.agreement(text, a, b), 0.5)
        XCTAssertEqual(Self.agreement(text, a, a), 1)
    }
}
