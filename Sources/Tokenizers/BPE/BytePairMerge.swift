/// tiktoken's byte-pair merge for one pre-tokenized piece: start from single bytes and keep joining the
/// neighbouring pair whose joined bytes have the lowest rank (ties: leftmost) until no pair is a token.
///
/// Short pieces use tiktoken's own quadratic scan; long ones (long words, whitespace runs) a heap over a
/// linked list, which performs the same merges in the same order in O(n log n).
enum BytePairMerge {
    static let noRank = Int32.max
    /// Pieces up to this many bytes use the quadratic scan.
    static let quadraticLimit = 128

    /// Appends the ranks of the tokens `piece` splits into.
    /// - Parameter table: token bytes, each with its rank as payload.
    static func encode(_ piece: UnsafeBufferPointer<UInt8>, table: ByteStringTableView, into output: inout [Int]) {
        let base = piece.baseAddress!
        @inline(__always) func rank(_ start: Int, _ end: Int) -> Int32 {
            guard let found = table.find(base + start, count: end - start) else { return noRank }
            return Int32(bitPattern: found.payload)
        }
        if let whole = table.find(base, count: piece.count) {
            output.append(Int(whole.payload))
            return
        }
        let boundaries = piece.count <= quadraticLimit
            ? scanMerge(count: piece.count, rank: rank) : heapMerge(count: piece.count, rank: rank)
        for k in 0..<(boundaries.count - 1) {
            let r = rank(boundaries[k], boundaries[k + 1])
            if r != noRank {
                output.append(Int(r))
            } else {
                // A rank file without every single byte: fall back to the bytes that are tokens.
                for b in boundaries[k]..<boundaries[k + 1] where rank(b, b + 1) != noRank { output.append(Int(rank(b, b + 1))) }
            }
        }
    }

    /// tiktoken's `_byte_pair_merge`: part `i` starts at `parts[i].start` and carries the rank of joining it
    /// with the next part. Returns the part boundaries, ending with `count`.
    static func scanMerge(count: Int, rank: (Int, Int) -> Int32) -> [Int] {
        var starts = Array(0...count)
        var pairRanks = [Int32](repeating: noRank, count: count + 1)
        for i in 0..<(count - 1) { pairRanks[i] = rank(i, i + 2) }
        while true {
            var best = noRank
            var at = -1
            for i in 0..<(starts.count - 1) where pairRanks[i] < best {
                best = pairRanks[i]
                at = i
            }
            guard at >= 0 else { break }
            // Join part `at` with part `at + 1`, then refresh the two pair ranks that changed.
            starts.remove(at: at + 1)
            pairRanks.remove(at: at + 1)
            pairRanks[at] = at + 2 < starts.count ? rank(starts[at], starts[at + 2]) : noRank
            if at > 0 { pairRanks[at - 1] = rank(starts[at - 1], starts[at + 1]) }
        }
        return starts
    }

    /// The same merges with a priority queue: entries are (rank, left part start), stale ones skipped.
    static func heapMerge(count: Int, rank: (Int, Int) -> Int32) -> [Int] {
        // Parts are identified by their start byte; next/prev link live parts.
        var next = Array(1...count)
        var prev = Array(-1..<(count - 1))
        var alive = [Bool](repeating: true, count: count)
        var heap = MinPairHeap()
        for i in 0..<(count - 1) {
            let r = rank(i, i + 2)
            if r != noRank { heap.push(rank: r, left: i, end: i + 2) }
        }
        while let top = heap.pop() {
            let left = top.left
            // Stale if the left part is gone or its right neighbour changed since the entry was made.
            guard alive[left], next[left] < count, next[next[left]] == top.end else { continue }
            let right = next[left]
            alive[right] = false
            next[left] = next[right]
            if next[left] < count { prev[next[left]] = left }
            if next[left] < count {
                let r = rank(left, next[next[left]])
                if r != noRank { heap.push(rank: r, left: left, end: next[next[left]]) }
            }
            if prev[left] >= 0 {
                let r = rank(prev[left], next[left])
                if r != noRank { heap.push(rank: r, left: prev[left], end: next[left]) }
            }
        }
        var boundaries: [Int] = []
        var i = 0
        while i < count {
            boundaries.append(i)
            i = next[i]
        }
        boundaries.append(count)
        return boundaries
    }
}

/// A binary min-heap of candidate merges ordered by rank, then by left position.
struct MinPairHeap {
    struct Entry {
        var rank: Int32
        var left: Int
        /// Where the joined bytes end: identifies the right neighbour the entry was made with.
        var end: Int

        @inline(__always)
        func precedes(_ other: Entry) -> Bool { rank < other.rank || (rank == other.rank && left < other.left) }
    }

    private var items: [Entry] = []

    mutating func push(rank: Int32, left: Int, end: Int) {
        let entry = Entry(rank: rank, left: left, end: end)
        items.append(entry)
        var hole = items.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard entry.precedes(items[parent]) else { break }
            items[hole] = items[parent]
            hole = parent
        }
        items[hole] = entry
    }

    mutating func pop() -> Entry? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        var hole = 0
        let n = items.count
        while true {
            var child = 2 * hole + 1
            guard child < n else { break }
            if child + 1 < n, items[child + 1].precedes(items[child]) { child += 1 }
            guard items[child].precedes(last) else { break }
            items[hole] = items[child]
            hole = child
        }
        items[hole] = last
        return top
    }
}
