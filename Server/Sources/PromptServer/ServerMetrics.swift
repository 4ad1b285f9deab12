import Prometheus

/// The server's Prometheus metrics: requests and latencies by endpoint and status, the model queue, model busy time.
///
/// Collected in a `PrometheusCollectorRegistry` of its own (not the process-wide swift-metrics system), so that
/// several servers in one process, as in the tests, keep separate counts.
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry = PrometheusCollectorRegistry()
    private let queueDepth: Gauge
    private let modelInFlight: Gauge
    private let modelBusy: Counter
    private let modelRejected: Counter

    /// Latency buckets from 0.5 ms (request linting) to 60 s (long compressions).
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    /// Creates the metrics with every gauge at zero.
    public init() {
        queueDepth = registry.makeGauge(descriptor: .init(
            namespace: "promptlint", metricName: "model_queue", unitName: "depth",
            helpText: "Model requests admitted and waiting for a worker."))
        modelInFlight = registry.makeGauge(descriptor: .init(
            namespace: "promptlint", metricName: "model_in_flight", unitName: "requests",
            helpText: "Model requests running on a worker."))
        modelBusy = registry.makeCounter(descriptor: .init(
            namespace: "promptlint", metricName: "model_busy", unitName: "seconds_total",
            helpText: "Worker time spent in model work (summed over workers)."))
        modelRejected = registry.makeCounter(descriptor: .init(
            namespace: "promptlint", metricName: "model_rejected", unitName: "total",
            helpText: "Model requests refused with 429 because the workers and queue were full."))
    }

    /// Records one finished HTTP request.
    func recordRequest(endpoint: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(namespace: "promptlint", metricName: "http_requests", unitName: "total",
                              helpText: "HTTP requests by endpoint and status."),
            labels: [("endpoint", endpoint), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "promptlint", metricName: "http_request_duration", unitName: "seconds",
                              helpText: "HTTP request latency by endpoint, from the first byte read to the response."),
            labels: [("endpoint", endpoint)], buckets: Self.buckets
        ).record(duration)
    }

    func setQueue(waiting: Int, running: Int) {
        queueDepth.set(Double(waiting))
        modelInFlight.set(Double(running))
    }

    func addBusy(seconds: Double) { modelBusy.increment(by: seconds) }

    func recordRejection() { modelRejected.increment() }

    /// The exposition text.
    public func render() -> String { registry.emitToString() }
}
