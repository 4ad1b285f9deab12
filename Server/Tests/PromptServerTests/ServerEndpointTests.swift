import Foundation
import PromptLint
import PromptServer
import XCTest

/// The endpoints that need no model, and every error case, against the live server (lint-only).
final class ServerEndpointTests: XCTestCase {
    func testHealthReadyAndMetrics() async throws {
        try await ServerTest.withServer { client in
            let health = try await client.get("/health")
            XCTAssertEqual(health.status, 200)
            XCTAssertEqual(try ServerTest.object(health)["status"] as? String, "ok")
            let ready = try await client.get("/ready")
            XCTAssertEqual(ready.status, 200)
            XCTAssertEqual(try ServerTest.object(ready)["status"] as? String, "ready")
            _ = try await client.post("/v1/lint/request", #"{"provider": "openai", "request": "{}"}"#)
            let metrics = try await client.get("/metrics")
            XCTAssertEqual(metrics.status, 200)
            let text = metrics.text
            XCTAssertTrue(text.contains(#"promptlint_http_requests_total{endpoint="/v1/lint/request",status="200"} 1"#), text)
            XCTAssertTrue(text.contains(#"promptlint_http_request_duration_seconds_bucket{endpoint="/health""#), text)
            XCTAssertTrue(text.contains("promptlint_model_queue_depth 0"), text)
            XCTAssertTrue(text.contains("promptlint_model_busy_seconds_total"), text)
        }
    }

    func testLintRequestGivesTheCheckCommandsJSON() async throws {
        let expected = try ServerTest.linter().lintRequestReport(Data(ServerTest.anthropicRequest.utf8), kind: .anthropic)
        XCTAssertFalse(expected.findings.isEmpty, "the fixture must have findings for this test to mean anything")
        let cli = JSONReporter.generateReport(LintReport(files: [expected], rules: [], workingDirectory: ""))
        let body = try ServerTest.json(["provider": "anthropic", "request": ServerTest.anthropicRequest])
        try await ServerTest.withServer { client in
            let response = try await client.post("/v1/lint/request", body)
            XCTAssertEqual(response.status, 200)
            let got = try ServerTest.object(response) as NSDictionary
            let want = try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? NSDictionary
            XCTAssertEqual(got, want)
            let files = try XCTUnwrap(got["files"] as? [[String: Any]])
            let ids = (files.first?["findings"] as? [[String: Any]])?.compactMap { $0["rule_id"] as? String } ?? []
            XCTAssertTrue(ids.contains("PL002"), "\(ids)")
            let related = (files.first?["findings"] as? [[String: Any]])?.compactMap { $0["related"] as? [Any] } ?? []
            XCTAssertFalse(related.isEmpty, "the fixture's second literal must be a related location, so the field is compared too")
        }
    }

    func testBadInputGets400NamingTheField() async throws {
        let cases: [(String, String, String, String?)] = [
            ("/v1/lint/request", #"{"provider": "openai", "request": "{}""#, "invalid_json", nil),
            ("/v1/lint/request", #"{"provider": 3, "request": "{}"}"#, "invalid_field", "provider"),
            ("/v1/lint/request", #"{"provider": "mistral", "request": "{}"}"#, "invalid_field", "provider"),
            ("/v1/lint/request", #"{"provider": "openai", "request": "{}", "extra": 1}"#, "unknown_field", "extra"),
            ("/v1/lint/request", #"{"request": "{}"}"#, "missing_field", "provider"),
            ("/v1/compress", #"{"text": "hello", "ratio": "half"}"#, "invalid_field", "ratio"),
            ("/v1/compress", #"{"text": "hello", "ratio": 1.5}"#, "invalid_field", "ratio"),
            ("/v1/compress", #"{"text": "hello", "ratio": 0.5, "target_tokens": 3}"#, "invalid_field", "target_tokens"),
            ("/v1/compress", #"{"ratio": 0.5}"#, "missing_field", "text"),
            ("/v1/compress", #"{"text": "hello", "ratio": 0.5, "force": ["a", 2]}"#, "invalid_field", "force[1]"),
            ("/v1/compress", #"{"request": "not json", "ratio": 0.5}"#, "invalid_field", "request"),
            ("/v1/compress", #"{"text": "   ", "ratio": 0.5}"#, "invalid_field", "text"),
            ("/v1/fewshot", #"{"examples": "[]", "keep": 0}"#, "invalid_field", "keep"),
            ("/v1/score", #"{"text": ["a"]}"#, "invalid_field", "text"),
        ]
        try await ServerTest.withServer { client in
            for (uri, body, code, field) in cases {
                let response = try await client.post(uri, body)
                XCTAssertEqual(response.status, 400, "\(uri) \(body): \(response.text)")
                let error = try ServerTest.error(response)
                XCTAssertEqual(error.code, code, "\(uri) \(body)")
                XCTAssertEqual(error.field, field, "\(uri) \(body)")
            }
        }
    }

    func testOverLongTextAndBodyAreRefused() async throws {
        var configuration = ServerConfiguration()
        configuration.maxModelTextBytes = 100
        configuration.maxBodyBytes = 2000
        try await ServerTest.withServer(configuration) { client in
            let long = String(repeating: "word ", count: 30)
            let response = try await client.post("/v1/compress", #"{"text": "\#(long)", "ratio": 0.5}"#)
            XCTAssertEqual(response.status, 400)
            XCTAssertEqual(try ServerTest.error(response).code, "too_long")
            XCTAssertEqual(try ServerTest.error(response).field, "text")
            let huge = String(repeating: "x", count: 5000)
            let tooBig = try await client.post("/v1/lint/request", #"{"provider": "openai", "request": "\#(huge)"}"#)
            XCTAssertEqual(tooBig.status, 413)
            XCTAssertEqual(try ServerTest.error(tooBig).code, "body_too_large")
        }
    }

    func testBearerTokenGuardsAllButProbes() async throws {
        var configuration = ServerConfiguration()
        configuration.bearerToken = "s3cret-token"
        try await ServerTest.withServer(configuration) { client in
            let lint = #"{"provider": "openai", "request": "{}"}"#
            let without = try await client.post("/v1/lint/request", lint)
            XCTAssertEqual(without.status, 401)
            XCTAssertEqual(without.header("WWW-Authenticate"), "Bearer")
            let wrong = try await client.post("/v1/lint/request", lint, headers: ["Authorization": "Bearer s3cret-tokeN"])
            XCTAssertEqual(wrong.status, 401)
            let right = try await client.post("/v1/lint/request", lint, headers: ["Authorization": "Bearer s3cret-token"])
            XCTAssertEqual(right.status, 200)
            let metrics = try await client.get("/metrics")
            XCTAssertEqual(metrics.status, 401)
            let health = try await client.get("/health")
            XCTAssertEqual(health.status, 200)
        }
    }

    func testWrongMethodIs405WithAllow() async throws {
        try await ServerTest.withServer { client in
            let response = try await client.send("PUT", "/v1/compress", body: Data("{}".utf8))
            XCTAssertEqual(response.status, 405)
            XCTAssertEqual(response.header("Allow"), "POST")
            XCTAssertEqual(try ServerTest.error(response).code, "method_not_allowed")
        }
    }

    func testModelEndpointsWithoutModelAre503AndUnknownPathsAreJSON404() async throws {
        try await ServerTest.withServer { client in
            let response = try await client.post("/v1/score", #"{"text": "hello"}"#)
            XCTAssertEqual(response.status, 503)
            XCTAssertEqual(try ServerTest.error(response).code, "model_unavailable")
            let missing = try await client.get("/v1/nothing")
            XCTAssertEqual(missing.status, 404)
            XCTAssertEqual(try ServerTest.error(missing).code, "not_found")
        }
    }
}
