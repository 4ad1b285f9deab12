// Our own 2-core parallelism: OpenBLAS runs single-threaded inside each worker, and each worker owns a slice of
// the work (output columns of a linear layer, heads of attention, a range of the vocabulary), so dequantization,
// sgemm and the softmax reductions all run in parallel instead of only the sgemm.
import Dispatch
import Foundation

enum Parallel {
    /// Workers used for the model's products: the machine's active cores (at most 8), or `PROMPTLINT_THREADS`.
    static let workers: Int = {
        if let text = ProcessInfo.processInfo.environment["PROMPTLINT_THREADS"], let n = Int(text), n >= 1 { return min(n, 64) }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    }()

    /// Makes OpenBLAS single-threaded (once): the parallelism is ours.
    static let configureBLAS: Void = { Matrix.setThreads(1) }()

    /// Runs `body(i)` for `i` in `0..<count`, spread over the workers; returns when all are done.
    @inline(__always)
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 || workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        // The workers touch disjoint slices of buffers owned by the caller, who waits for all of them: the
        // closure is shared across threads knowingly.
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendableBox(escapable)
            DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
        }
    }

    /// Splits `0..<total` into `parts` contiguous ranges whose bounds are multiples of `multiple` (except the end).
    static func split(_ total: Int, parts: Int, multiple: Int = 1) -> [Range<Int>] {
        let parts = max(1, parts)
        var bounds: [Int] = [0]
        for p in 1..<parts {
            let raw = total * p / parts
            bounds.append(min(total, (raw + multiple / 2) / multiple * multiple))
        }
        bounds.append(total)
        return (0..<parts).map { bounds[$0]..<max(bounds[$0], bounds[$0 + 1]) }
    }
}

/// A value handed to `concurrentPerform` whose thread safety the caller guarantees.
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
