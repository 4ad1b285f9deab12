import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import PromptLint
import TinyLM

/// The HTTP server: the generated OpenAPI routes on Hummingbird 2, behind `GatewayMiddleware`.
///
/// ```swift
/// let app = try PromptServer.application(configuration: ServerConfiguration(), linter: .builtIn(), languageModel: model)
/// try await app.runService()  // SIGTERM and SIGINT finish in-flight requests, then return
/// ```
public enum PromptServer {
    /// Builds the application; nothing listens until it runs.
    /// - Parameters:
    ///   - languageModel: The model for compress, fewshot and score; nil serves request linting only.
    ///   - metrics: Where counts go (a new registry by default).
    ///   - onServerRunning: Called with the bound port once listening (the port may have been 0).
    /// - Throws: When the generated routes cannot be registered.
    public static func application(
        configuration: ServerConfiguration, linter: PromptLinter, languageModel: LanguageModel?,
        metrics: ServerMetrics = ServerMetrics(), logger: Logger = Logger(label: "promptlint-server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let lifecycle = ServerLifecycle()
        let gate = ModelGate(workers: configuration.workers, queueLimit: configuration.queueLimit, metrics: metrics)
        let router = Router()
        router.add(middleware: GatewayMiddleware(configuration: configuration, metrics: metrics))
        let handler = APIHandler(
            configuration: configuration, linter: linter, languageModel: languageModel, gate: gate, metrics: metrics,
            lifecycle: lifecycle)
        try handler.registerHandlers(on: router, middlewares: [RequestErrorMiddleware()])
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "promptlint"),
            services: [lifecycle],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
