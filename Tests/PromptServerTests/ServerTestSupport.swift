import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PromptLint
import PromptServer
import TinyLM
import XCTest

/// Starts the real server (Hummingbird on a loopback port) for a test and talks to it over HTTP.
enum ServerTest {
    /// The built-in rules, found from the package root (where `swift test` runs).
    static func linter() throws -> PromptLinter { try PromptLinter.builtIn() }

    /// The real model; a test that needs it fails (never skips) when it is missing.
    static let languageModel: Result<LanguageModel, any Error> = Result { try LanguageModel(path: try ModelLocator.locate()) }

    /// Runs `test` against a live server with `configuration` on a free port.
    static func withServer<T: Sendable>(
        _ configuration: ServerConfiguration = ServerConfiguration(), model: LanguageModel? = nil,
        metrics: ServerMetrics = ServerMetrics(), _ test: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.port = 0
        let app = try PromptServer.application(
            configuration: configuration, linter: try linter(), languageModel: model, metrics: metrics)
        return try await app.test(.live) { client in try await test(client) }
    }

    /// POSTs a JSON text.
    static func post(_ client: any TestClientProtocol, _ uri: String, _ json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await client.executeRequest(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: json))
    }

    /// The body parsed as a JSON object.
    static func object(_ response: TestResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
        return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(String(buffer: response.body))", file: file, line: line)
    }

    /// The `error` member of an error response: (code, field).
    static func error(_ response: TestResponse) throws -> (code: String, field: String?) {
        let error = try XCTUnwrap(try object(response)["error"] as? [String: Any])
        return (try XCTUnwrap(error["code"] as? String), error["field"] as? String)
    }

    /// An Anthropic request with a timestamp at the start of its cached system prompt (written for these tests).
    static let anthropicRequest = """
        {"model": "claude-sonnet-4-5", "max_tokens": 400,
         "system": [{"type": "text", "text": "Now: 2026-01-05T08:00:00Z. You are a meticulous assistant that reviews contracts for missing clauses, unusual liability terms and renewal traps. List each problem with the clause number and a one-line explanation, most severe first, and never give legal advice.", "cache_control": {"type": "ephemeral"}}],
         "messages": [{"role": "user", "content": "Please review the attached contract."}]}
        """
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}
