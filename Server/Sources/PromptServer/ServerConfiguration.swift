import Foundation

/// How the server listens and what it allows. Every limit has a default a sidecar can use as it is.
public struct ServerConfiguration: Sendable {
    /// The address to bind: loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// The port (0: any free port).
    public var port = 8787
    /// When set, every endpoint but `/health` and `/ready` needs `Authorization: Bearer <token>`.
    public var bearerToken: String?
    /// Largest request body, in bytes; beyond it, 413.
    public var maxBodyBytes = 4 << 20
    /// Largest text given to the model (compress `text`/`request`, fewshot `examples`, score `text`), in bytes.
    public var maxModelTextBytes = 64 << 10
    /// Model worker threads.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Model requests that may wait for a worker; beyond workers + queue, 429.
    public var queueLimit = 4 * ProcessInfo.processInfo.activeProcessorCount
    /// Time allowed for a request's model work, waiting included; beyond it, 503.
    public var deadline: Duration = .seconds(60)

    /// The defaults.
    public init() {}
}
