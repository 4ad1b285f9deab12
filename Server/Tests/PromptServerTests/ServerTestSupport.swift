import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import PromptLint
import PromptLintTestSupport
import PromptServer
import ServiceLifecycle
import TinyLM
import XCTest

/// One HTTP response as the tests see it.
struct TestResponse: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
}

/// A plain HTTP client on the server's loopback port (Foundation's URLSession: a real client, no extra packages).
struct TestClient: Sendable {
    let port: Int

    func send(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> TestResponse {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 600
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(throwing: error ?? URLError(.badServerResponse))
                    return
                }
                var fields: [String: String] = [:]
                for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
                continuation.resume(returning: TestResponse(status: http.statusCode, headers: fields, body: data ?? Data()))
            }.resume()
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> TestResponse {
        try await send("GET", path, headers: headers)
    }

    /// POSTs a JSON text.
    func post(_ path: String, _ json: String, headers: [String: String] = [:]) async throws -> TestResponse {
        try await send("POST", path, body: Data(json.utf8), headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a })
    }
}

/// Starts the real server (Hummingbird, on a free loopback port) for a test, and stops it gracefully afterwards.
enum ServerTest {
    /// The built-in rules (compiled into the library).
    static func linter() throws -> PromptLinter { try PromptLinter.builtIn() }

    /// The real model, loaded once for all tests (`ModelFiles.requireGemma` reports a missing one as a failure).
    static let languageModel: Result<LanguageModel, any Error> = Result { try LanguageModel(path: ModelFiles.gemmaPath) }

    /// Runs `test` against a live server with `configuration` (port 0: any free port).
    static func withServer<T: Sendable>(
        _ configuration: ServerConfiguration = ServerConfiguration(), model: LanguageModel? = nil,
        _ test: @Sendable (TestClient) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.port = 0
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "promptlint-server-test")
        logger.logLevel = .error
        let app = try PromptServer.application(
            configuration: configuration, linter: try linter(), languageModel: model, logger: logger,
            onServerRunning: { port in continuation.yield(port) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }  // a server that fails to start ends the wait for its port
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()  // the server's own error, when it threw one
                throw URLError(.cannotConnectToHost)
            }
            let result: Result<T, any Error>
            do { result = .success(try await test(TestClient(port: port))) } catch { result = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }

    /// The body parsed as a JSON object.
    static func object(_ response: TestResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: response.body)
        return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(response.text)", file: file, line: line)
    }

    /// The `error` member of an error response: (code, field).
    static func error(_ response: TestResponse) throws -> (code: String, field: String?) {
        let error = try XCTUnwrap(try object(response)["error"] as? [String: Any], response.text)
        return (try XCTUnwrap(error["code"] as? String), error["field"] as? String)
    }

    /// A JSON text from a dictionary.
    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// An Anthropic request with a timestamp at the start of its cached system prompt (written for these tests).
    static let anthropicRequest = """
        {"model": "claude-sonnet-4-5", "max_tokens": 400,
         "system": [{"type": "text", "text": "Now: 2026-01-05T08:00:00Z (trace 3f2a9c1e-7b4d-4e8f-9a6b-2c1d0e9f8a7b). You are a meticulous assistant that reviews contracts for missing clauses, unusual liability terms and renewal traps. List each problem with the clause number and a one-line explanation, most severe first, and never give legal advice.", "cache_control": {"type": "ephemeral"}}],
         "messages": [{"role": "user", "content": "Please review the attached contract."}]}
        """
}
