import Foundation
import NIOConcurrencyHelpers
import NIOPosix

/// Admission control for model work: a fixed number of worker threads (the cores, by default) behind a bounded
/// queue. A request beyond workers + queue is refused at once with 429 and a Retry-After estimated from the
/// recent mean job time; a request whose deadline passes while it waits is answered 503 and its work skipped.
///
/// Model work is CPU-bound and synchronous, so it runs on these threads, never on Swift concurrency's
/// cooperative pool, which stays free for request linting and I/O.
public final class ModelGate: Sendable {
    /// Worker threads.
    public let workers: Int
    /// Requests that may wait for a worker.
    public let queueLimit: Int
    private let pool: NIOThreadPool
    private let state = NIOLockedValueBox(State())
    private let metrics: ServerMetrics

    struct State {
        var admitted = 0
        var running = 0
        /// Exponential moving mean of job seconds, for Retry-After.
        var meanSeconds = 1.0
    }

    /// Starts `workers` threads.
    public init(workers: Int, queueLimit: Int, metrics: ServerMetrics) {
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
        self.metrics = metrics
        pool = NIOThreadPool(numberOfThreads: self.workers)
        pool.start()
    }

    /// Requests admitted and not yet running, and requests running.
    public var load: (waiting: Int, running: Int) {
        state.withLockedValue { ($0.admitted - $0.running, $0.running) }
    }

    /// Runs `work` on a worker.
    /// - Throws: `APIError` 429 when full, 503 when `deadline` passes first; whatever `work` throws.
    public func run<T: Sendable>(deadline: ContinuousClock.Instant, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted: Bool = state.withLockedValue { s in
            guard s.admitted < workers + queueLimit else { return false }
            s.admitted += 1
            return true
        }
        guard admitted else {
            metrics.recordRejection()
            throw APIError(.tooManyRequests, code: "overloaded",
                           message: "the model workers and their queue are full", retryAfter: retryAfter())
        }
        publishLoad()
        let waiter = NIOLockedValueBox<CheckedContinuation<T, any Error>?>(nil)
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            if !Task.isCancelled { Self.resume(waiter, with: .failure(Self.deadlineError)) }
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            waiter.withLockedValue { $0 = continuation }
            pool.submit { [self] workState in
                let result: Result<T, any Error>
                if workState == .cancelled {
                    result = .failure(APIError(.serviceUnavailable, code: "not_ready", message: "the server is shutting down", retryAfter: 1))
                } else if ContinuousClock.now >= deadline {
                    result = .failure(Self.deadlineError)
                } else {
                    result = measured(work)
                }
                state.withLockedValue { $0.admitted -= 1 }
                publishLoad()
                Self.resume(waiter, with: result)
            }
        }
    }

    private func measured<T: Sendable>(_ work: () throws -> T) -> Result<T, any Error> {
        state.withLockedValue { $0.running += 1 }
        publishLoad()
        let start = ContinuousClock.now
        let result = Result { try work() }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        state.withLockedValue {
            $0.running -= 1
            $0.meanSeconds = 0.8 * $0.meanSeconds + 0.2 * seconds
        }
        metrics.addBusy(seconds: seconds)
        return result
    }

    /// Seconds until a slot is likely free: the queue ahead of a new request times the mean job time, over the workers.
    func retryAfter() -> Int {
        let (waiting, mean) = state.withLockedValue { ($0.admitted - $0.running, $0.meanSeconds) }
        let estimate = (Double(waiting + 1) * mean / Double(workers)).rounded(.up)
        return Int(min(60, max(1, estimate)))
    }

    private func publishLoad() {
        let (waiting, running) = load
        metrics.setQueue(waiting: waiting, running: running)
    }

    private static var deadlineError: APIError {
        APIError(.serviceUnavailable, code: "deadline_exceeded",
                 message: "the request's deadline passed before its model work finished", retryAfter: 1)
    }

    /// Resumes the waiter once; later calls (the timer after the work, or the reverse) do nothing.
    private static func resume<T: Sendable>(_ waiter: NIOLockedValueBox<CheckedContinuation<T, any Error>?>, with result: Result<T, any Error>) {
        let continuation = waiter.withLockedValue { box -> CheckedContinuation<T, any Error>? in
            defer { box = nil }
            return box
        }
        continuation?.resume(with: result)
    }
}
