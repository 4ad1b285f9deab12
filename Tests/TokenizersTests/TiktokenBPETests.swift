import Foundation
import PromptLintTestSupport
import Tokenizers
import XCTest

/// cl100k_base against ids from tiktoken (needs the rank file; fails when it is missing).
final class TiktokenBPETests: XCTestCase {
    private static let shared: Result<TiktokenBPE, any Error> = Result { try TiktokenBPE.cl100k() }

    private func tokenizer(file: StaticString = #filePath, line: UInt = #line) -> TiktokenBPE? {
        switch Self.shared {
        case .success(let t): return t
        case .failure(let error):
            XCTFail("\(error.localizedDescription) — run Scripts/fetch-tokenizers.sh", file: file, line: line)
            return nil
        }
    }

    func testMatchesTiktoken() throws {
        let bpe = try XCTUnwrap(tokenizer())
        XCTAssertEqual(bpe.vocabularySize, 100_256)
        var agree = 0
        for (text, expected) in cl100kCases {
            let ids = expected.split(separator: " ").map { Int($0)! }
            let got = bpe.encode(text)
            XCTAssertEqual(got, ids, text.debugDescription)
            XCTAssertEqual(bpe.count(text), ids.count)
            XCTAssertEqual(bpe.decode(got), text)
            if got == ids { agree += 1 }
        }
        print("cl100k: \(agree)/\(cl100kCases.count) cases agree with tiktoken")
    }

    func testBenchmarkTextCount() throws {
        let bpe = try XCTUnwrap(tokenizer())
        XCTAssertEqual(BenchmarkText.prose.utf8.count, benchmarkProseBytes, "the text changed: re-measure its counts")
        XCTAssertEqual(bpe.count(BenchmarkText.prose), benchmarkProseCl100kCount)
        XCTAssertEqual(bpe.decode(bpe.encode(BenchmarkText.prose)), BenchmarkText.prose)
    }

    func testRankFileErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiktoken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("tiny.tiktoken")
        // "a"=0, "b"=1, "ab"=2, "c"=3
        try "YQ== 0\nYg== 1\nYWI= 2\nYw== 3\n".write(to: good, atomically: true, encoding: .utf8)
        let tiny = try TiktokenBPE(rankFile: good)
        XCTAssertEqual(tiny.vocabularySize, 4)
        XCTAssertEqual(tiny.encode("abc"), [2, 3])
        XCTAssertEqual(tiny.decode([2, 3]), "abc")

        let bad = dir.appendingPathComponent("bad.tiktoken")
        try "YQ== 0\nnot-base64! 1\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TiktokenBPE(rankFile: bad)) {
            XCTAssertEqual($0 as? TokenizerError, .malformedRankFile(path: bad.path, line: 2, reason: "invalid base64"))
        }
        XCTAssertThrowsError(try TiktokenBPE(rankFile: dir.appendingPathComponent("missing.tiktoken")))
        XCTAssertThrowsError(try TiktokenBPE.cl100k(environment: ["HOME": dir.path])) {
            guard case .rankFileNotFound(let searched)? = $0 as? TokenizerError else { return XCTFail("\($0)") }
            XCTAssertEqual(searched, [dir.path + "/.cache/promptlint/cl100k_base.tiktoken"])
        }
        XCTAssertEqual(
            TiktokenBPE.rankFileCandidates(environment: ["PROMPTLINT_CL100K": "/x/r.tiktoken", "XDG_CACHE_HOME": "/c"])
                .map(\.path),
            ["/x/r.tiktoken", "/c/promptlint/cl100k_base.tiktoken"])
    }
}
