import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import PromptLint
import ServiceLifecycle
import TinyLM

/// The HTTP server: the generated OpenAPI routes on Hummingbird 2, behind `GatewayMiddleware`.
///
/// ```swift
/// let lifecycle = ServerLifecycle()
/// let app = try PromptServer.application(configuration: ServerConfiguration(), linter: .builtIn(), languageModel: model,
///                                        lifecycle: lifecycle)
/// try await PromptServer.run(app, lifecycle: lifecycle)  // SIGTERM and SIGINT finish in-flight requests, then return
/// ```
public enum PromptServer {
    /// Builds the application; nothing listens until it runs.
    /// - Parameters:
    ///   - languageModel: The model for compress, fewshot and score; nil serves request linting only.
    ///   - metrics: Where counts go (a new registry by default).
    ///   - lifecycle: Whether the server is shutting down, for `/ready`; give the same one to `run(_:lifecycle:)`.
    ///   - onServerRunning: Called with the bound port once listening (the port may have been 0).
    /// - Throws: When the generated routes cannot be registered.
    public static func application(
        configuration: ServerConfiguration, linter: PromptLinter, languageModel: LanguageModel?,
        metrics: ServerMetrics = ServerMetrics(), lifecycle: ServerLifecycle = ServerLifecycle(),
        logger: Logger = Logger(label: "promptlint-server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
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
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Runs `app` until SIGTERM or SIGINT, then drains it: `lifecycle` is marked shutting down first, so `/ready`
    /// answers 503 to any request still read during the drain, and only then does the server stop accepting
    /// connections and finish the requests in flight. (A service group shuts its services down in reverse order,
    /// one after another; inside the application's own group `lifecycle` would only learn of the shutdown after
    /// the drain.)
    public static func run(
        _ app: some ApplicationProtocol & Service, lifecycle: ServerLifecycle, logger: Logger = Logger(label: "promptlint-server")
    ) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [app, lifecycle], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
