/// A candidate merge of two neighbouring symbols (llama.cpp's `llm_bigram_spm`).
struct Bigram {
    var score: Float
    var left: Int32
    var right: Int32
    /// Byte length of the merged text when it was queued; a mismatch later means the entry is stale.
    var size: Int32

    /// Pops before `other`: the higher score, then the leftmost.
    @inline(__always)
    func precedes(_ other: Bigram) -> Bool {
        score > other.score || (score == other.score && left < other.left)
    }
}

/// A binary max-heap of bigrams ordered by `Bigram.precedes`.
struct BigramQueue {
    private var items: [Bigram] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ bigram: Bigram) {
        items.append(bigram)
        items.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard bigram.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = bigram
        }
    }

    mutating func pop() -> Bigram? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                guard child < n else { break }
                if child + 1 < n, heap[child + 1].precedes(heap[child]) { child += 1 }
                guard heap[child].precedes(last) else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = last
        }
        return top
    }
}
