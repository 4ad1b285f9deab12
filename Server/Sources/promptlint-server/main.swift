import ArgumentParser
import CommandLineSupport
import Foundation
import Logging
import PromptLint
import PromptServer
import SafeIO
import TinyLM

/// `promptlint-server`: compression, few-shot selection, request linting and token scoring over HTTP.
@main
struct PromptLintServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptlint-server",
        abstract: "Serve compression, few-shot selection, request linting and token scoring over HTTP (API: Server/Sources/PromptServer/openapi.yaml).",
        discussion: "Listens on 127.0.0.1 unless --host is given. SIGTERM or SIGINT finishes in-flight requests, then exits.",
        version: PromptLintVersion.current)

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port; the port is printed on stdout).") var port = 8787
    @Option(help: "Model worker threads (default: the number of cores).") var workers: Int?
    @Option(name: .customLong("queue"), help: "Model requests that may wait for a worker before 429 (default: 4 x cores).") var queue: Int?
    @Option(name: .customLong("max-body"), help: "Largest request body in bytes.") var maxBody = 4 << 20
    @Option(name: .customLong("max-text"), help: "Largest text given to the model, in bytes.") var maxText = 64 << 10
    @Option(help: "Seconds allowed for a request's model work, waiting included.") var deadline = 60.0
    @Option(name: .customLong("token-env"), help: "Name of an environment variable holding a bearer token every endpoint but /health and /ready requires.") var tokenEnv: String?
    @Option(help: "The GGUF model file (default: $PROMPTLINT_MODEL, then the setup script's cache folder).") var model: String?
    @Option(help: "Directory of lint rules (default: the built-in rules).") var rules: String?
    @Flag(name: .customLong("lint-only"), help: "Serve request linting without loading the model.") var lintOnly = false

    struct UsageError: LocalizedError {
        let message: String
        var errorDescription: String? { message }
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let queue, queue < 0 { throw ValidationError("--queue must be 0 or more") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024") }
        guard maxText >= 1 else { throw ValidationError("--max-text must be at least 1") }
        guard deadline.isFinite, deadline > 0 else { throw ValidationError("--deadline must be a positive number of seconds") }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        if let workers { configuration.workers = workers }
        if let queue { configuration.queueLimit = queue }
        configuration.maxBodyBytes = maxBody
        configuration.maxModelTextBytes = maxText
        configuration.deadline = .milliseconds(Int64(deadline * 1000))
        if let tokenEnv {
            guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
                throw UsageError(message: "--token-env \(tokenEnv): the variable is not set or empty")
            }
            configuration.bearerToken = token
        }
        let linter = try PromptLinter.builtIn(rulesDirectory: rules)
        let languageModel = lintOnly ? nil : try LanguageModel(path: try ModelLocator.locate(explicit: model))
        var logger = Logger(label: "promptlint-server")
        logger.logLevel = .warning
        let boundHost = host
        let lifecycle = ServerLifecycle()
        let app = try PromptServer.application(
            configuration: configuration, linter: linter, languageModel: languageModel, lifecycle: lifecycle, logger: logger,
            onServerRunning: { port in
                // A closed standard output only loses the announcement; the server keeps serving.
                try? StandardStreams.writeOutput("promptlint-server: listening on http://\(boundHost):\(port)\n")
            })
        try await PromptServer.run(app, lifecycle: lifecycle, logger: logger)
    }

    /// Every failure before serving is one line on stderr and exit status 2 (the tools' shared runner).
    static func main() async {
        await CommandLineRunner.runAsync(Self.self, name: "promptlint-server")
    }
}
