import Foundation
import OpenAPIRuntime
import PromptCompression
import PromptLint
import TinyLM

/// The API's operations (the protocol is generated from `openapi.yaml`). Each answer is the JSON the command-line
/// tools print for the same input: the libraries write it (`CompressionResult.json`, ...) and it is decoded into the
/// generated type here, so the field names and values have one source; request linting, which must be cheap enough
/// for every request, builds its report directly (`LintReportMapping.swift`, tested against `JSONReporter`).
struct APIHandler: APIProtocol {
    let configuration: ServerConfiguration
    let linter: PromptLinter
    /// Nil when the server runs for request linting only.
    let languageModel: LanguageModel?
    let gate: ModelGate
    let metrics: ServerMetrics
    let lifecycle: ServerLifecycle

    func compress(_ input: Operations.Compress.Input) async throws -> Operations.Compress.Output {
        let body = switch input.body { case .json(let value): value }
        let job = try CompressJob(body, maxTextBytes: configuration.maxModelTextBytes)
        let compressor = PromptCompressor(languageModel: try requireModel())
        let json = try await gate.run(deadline: deadline) { try job.run(compressor).json }
        return .ok(.init(body: .json(try Self.decode(json))))
    }

    func fewShot(_ input: Operations.FewShot.Input) async throws -> Operations.FewShot.Output {
        let body = switch input.body { case .json(let value): value }
        let job = try FewShotJob(body, maxTextBytes: configuration.maxModelTextBytes)
        let model = try requireModel()
        let json = try await gate.run(deadline: deadline) { try job.run(model) }
        return .ok(.init(body: .json(try Self.decode(json))))
    }

    func lintRequest(_ input: Operations.LintRequest.Input) async throws -> Operations.LintRequest.Output {
        let body = switch input.body { case .json(let value): value }
        let kind: RequestKind = body.provider == .anthropic ? .anthropic : .openAI
        let file = linter.lintRequestReport(Data(body.request.utf8), kind: kind)
        return .ok(.init(body: .json(Components.Schemas.LintReport(file))))
    }

    func score(_ input: Operations.Score.Input) async throws -> Operations.Score.Output {
        let body = switch input.body { case .json(let value): value }
        try Validate.length(body.text, field: "text", limit: configuration.maxModelTextBytes)
        let model = try requireModel()
        let text = body.text
        let json = try await gate.run(deadline: deadline) {
            TokenScoreReport.json(model: model.name, tokens: try model.score(text))
        }
        return .ok(.init(body: .json(try Self.decode(json))))
    }

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func ready(_ input: Operations.Ready.Input) async throws -> Operations.Ready.Output {
        guard !lifecycle.isShuttingDown else {
            throw APIError(.serviceUnavailable, code: "not_ready", message: "the server is shutting down", retryAfter: 1)
        }
        return .ok(.init(body: .json(.init(status: .ready, model: languageModel?.name, workers: gate.workers))))
    }

    func metrics(_ input: Operations.Metrics.Input) async throws -> Operations.Metrics.Output {
        .ok(.init(body: .plainText(HTTPBody(metrics.render()))))
    }

    /// The request's deadline.
    private var deadline: ContinuousClock.Instant { GatewayMiddleware.deadline ?? .now + configuration.deadline }

    private func requireModel() throws -> LanguageModel {
        guard let languageModel else {
            throw APIError(.serviceUnavailable, code: "model_unavailable",
                           message: "this server was started with --lint-only: no model endpoints")
        }
        return languageModel
    }

    /// Decodes a library's JSON report into the generated type; a mismatch is a server bug (500).
    static func decode<T: Decodable>(_ json: String) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(json.utf8)) } catch {
            throw APIError(.internalServerError, code: "internal", message: "report does not match the API document: \(error)")
        }
    }
}
