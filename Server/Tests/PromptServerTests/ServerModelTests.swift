import Foundation
import PromptCompression
import PromptLintTestSupport
import PromptServer
import TinyLM
import XCTest

/// The model endpoints against the live server with the real model (run these in release).
final class ServerModelTests: XCTestCase {
    /// The real model; a missing one fails the test (never a skip).
    private func model() throws -> LanguageModel {
        _ = try ModelFiles.requireGemma()
        return try ServerTest.languageModel.get()
    }

    private static let text = try! String(contentsOfFile: PackagePaths.file("Samples/prompts/support_policy.txt"), encoding: .utf8)

    func testCompressGivesTheCommandLinesJSON() async throws {
        let model = try model()
        let expected = try PromptCompressor(languageModel: model).compress(Self.text, ratio: 0.5).json
        let body = try ServerTest.json(["text": Self.text, "ratio": 0.5])
        try await ServerTest.withServer(model: model) { client in
            let response = try await client.post("/v1/compress", body)
            XCTAssertEqual(response.status, 200, response.text)
            let got = try ServerTest.object(response)
            XCTAssertEqual(got as NSDictionary, try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary)
            XCTAssertLessThan(got["compressed_tokens"] as? Int ?? .max, got["original_tokens"] as? Int ?? 0)
        }
    }

    func testCompressARequestKeepsItAValidRequest() async throws {
        let request = #"{"model": "gpt-4.1-mini", "messages": [{"role": "system", "content": "\#(Self.text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\"", with: "'"))"}, {"role": "user", "content": "Can I return a helmet after 40 days?"}]}"#
        let body = try ServerTest.json(["request": request, "target_tokens": 120])
        let model = try model()
        let whole = try PromptCompressor(languageModel: model)
            .compressMessages(request, targetTokens: 120, options: .init(compressLastUser: true)).json
        try await ServerTest.withServer(model: model) { client in
            let response = try await client.post("/v1/compress", body)
            XCTAssertEqual(response.status, 200, response.text)
            let compressed = try XCTUnwrap(try ServerTest.object(response)["compressed"] as? String)
            let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(compressed.utf8)) as? [String: Any])
            XCTAssertEqual(parsed["model"] as? String, "gpt-4.1-mini")
            let messages = try XCTUnwrap(parsed["messages"] as? [[String: Any]])
            XCTAssertEqual(messages.count, 2)
            XCTAssertEqual(messages[1]["content"] as? String, "Can I return a helmet after 40 days?", "the question is kept")
            XCTAssertLessThan(compressed.utf8.count, request.utf8.count)
            // `compress_last_user`: the library's answer with the option, the question compressed too.
            let all = try await client.post(
                "/v1/compress", try ServerTest.json(["request": request, "target_tokens": 120, "compress_last_user": true]))
            XCTAssertEqual(all.status, 200, all.text)
            XCTAssertEqual(try ServerTest.object(all) as NSDictionary,
                           try JSONSerialization.jsonObject(with: Data(whole.utf8)) as? NSDictionary)
        }
    }

    func testScoreAndFewShot() async throws {
        let model = try model()
        let expected = TokenScoreReport.json(model: model.name, tokens: try model.score("The quick brown fox"))
        let examples = try String(contentsOfFile: PackagePaths.file("Samples/fewshot/support_intents.json"), encoding: .utf8)
        let fewShotBody = try ServerTest.json(["examples": examples, "keep": 4])
        try await ServerTest.withServer(model: model) { client in
            let score = try await client.post("/v1/score", #"{"text": "The quick brown fox"}"#)
            XCTAssertEqual(score.status, 200)
            // The command line's JSON, but the first token's null logprob is absent (the API leaves nulls out).
            var want = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [String: Any])
            let tokens = try XCTUnwrap(want["tokens"] as? [[String: Any]])
            XCTAssertTrue(tokens.first?["logprob"] is NSNull, "BOS has no logprob")
            want["tokens"] = tokens.map { $0.filter { !($0.value is NSNull) } }
            XCTAssertEqual(try ServerTest.object(score) as NSDictionary, want as NSDictionary)
            let fewShot = try await client.post("/v1/fewshot", fewShotBody)
            XCTAssertEqual(fewShot.status, 200, fewShot.text)
            let result = try ServerTest.object(fewShot)
            XCTAssertEqual((result["selected"] as? [Int])?.count, 4)
            XCTAssertFalse((result["text"] as? String ?? "").isEmpty)
        }
    }

    func testBeyondWorkersAndQueueIs429AndNothingElseFails() async throws {
        var configuration = ServerConfiguration()
        configuration.workers = 1
        configuration.queueLimit = 0
        let body = try ServerTest.json(["text": Self.text, "ratio": 0.5])
        let statuses = try await ServerTest.withServer(configuration, model: try model()) { client in
            try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let r = try await client.post("/v1/compress", body)
                        return (r.status, r.header("Retry-After"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        XCTAssertTrue(statuses.allSatisfy { $0.0 == 200 || $0.0 == 429 }, "\(statuses)")
        XCTAssertGreaterThanOrEqual(statuses.filter { $0.0 == 200 }.count, 1)
        let refused = statuses.filter { $0.0 == 429 }
        XCTAssertGreaterThanOrEqual(refused.count, 1, "six at once on one worker without a queue must refuse some")
        XCTAssertTrue(refused.allSatisfy { Int($0.1 ?? "") ?? 0 >= 1 }, "429 must carry Retry-After")
    }

    /// The README's Python client, run as written against the live server.
    func testReadmePythonClient() async throws {
        let readme = try String(contentsOfFile: PackagePaths.file("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.range(of: "## promptlint-server"), "README has no server section")
        let rest = readme[section.upperBound...]
        let start = try XCTUnwrap(rest.range(of: "```python\n"))
        let end = try XCTUnwrap(rest[start.upperBound...].range(of: "```\n"))
        let script = String(rest[start.upperBound..<end.lowerBound])
        let output = try await ServerTest.withServer(model: try model()) { client in
            try await PythonRunner.run(script, environment: ["PROMPTLINT_URL": "http://127.0.0.1:\(client.port)"])
        }
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix("tokens ") }, output)
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 3, String(line))
        XCTAssertLessThan(numbers[1], numbers[0], "the client must get a shorter request back: \(line)")
        XCTAssertTrue(output.contains("\"messages\""), output)
        XCTAssertTrue(output.contains("\"content\": \"I bought a helmet 12 days ago and wore it once. Can I still return it?\""),
                      "the user's question must reach the provider whole: \(output)")
    }
}

/// Runs a Python script with `python3` (off the concurrency pool, which the server under test shares) and returns its
/// standard output; a non-zero exit throws with what it printed on standard error.
enum PythonRunner {
    static func run(_ script: String, environment: [String: String]) async throws -> String {
        let dir = try TestFiles.temporaryDirectory(prefix: "promptlint-server-client")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try TestFiles.write(script, "client.py", in: dir)
        var withoutKey = environment
        withoutKey["OPENAI_API_KEY"] = ""  // never call the provider from a test
        let env = withoutKey
        let run = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<BuiltTool.Run, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try BuiltTool.run("/usr/bin/env", ["python3", path], env: env) })
            }
        }
        guard run.reason == .exit, run.code == 0 else {
            throw TestSupportError(message: "python3 exited \(run.code): \(run.err)")
        }
        return run.out
    }
}
