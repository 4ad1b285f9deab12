import NIOConcurrencyHelpers
import ServiceLifecycle

/// Whether the server is shutting down (for `/ready`): a service that waits for the graceful-shutdown signal, then
/// returns. Run it after the application in one service group (`PromptServer.run`), so that it is shut down first.
public final class ServerLifecycle: Service, Sendable {
    private let shuttingDown = NIOLockedValueBox(false)

    /// Creates the state, not shutting down.
    public init() {}

    /// True once SIGTERM (or another graceful shutdown) has begun.
    public var isShuttingDown: Bool { shuttingDown.withLockedValue { $0 } }

    /// Waits for graceful shutdown, then marks the server not ready.
    public func run() async throws {
        try? await gracefulShutdown()
        shuttingDown.withLockedValue { $0 = true }
    }
}
