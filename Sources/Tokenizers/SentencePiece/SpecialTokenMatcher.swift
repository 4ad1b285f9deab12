/// Finds every place where one of a fixed set of token texts occurs in a byte string.
///
/// The texts are kept sorted bytewise; at each start position the candidate range is narrowed one byte at a
/// time by binary search, so a scan costs about one table probe per input byte that can start a token.
struct SpecialTokenMatcher: Sendable {
    /// Token ids, sorted by their text.
    private let ids: [Int32]
    /// The texts, in the same order, back to back.
    private let keys: [UInt8]
    /// `starts[i] ..< starts[i + 1]` is text `i` in `keys`.
    private let starts: [Int32]
    /// Whether some text starts with this byte.
    private let firstBytes: [Bool]

    /// Whether the set is empty.
    var isEmpty: Bool { ids.isEmpty }

    init(ids unsorted: [Int32], table: ByteStringTable) {
        let texts = unsorted.map { table.key(Int($0)) }
        let order = texts.indices.sorted { texts[$0].lexicographicallyPrecedes(texts[$1]) }
        ids = order.map { unsorted[$0] }
        var keys: [UInt8] = []
        var starts: [Int32] = [0]
        var first = [Bool](repeating: false, count: 256)
        for i in order {
            keys.append(contentsOf: texts[i])
            starts.append(Int32(keys.count))
            if let b = texts[i].first { first[Int(b)] = true }
        }
        self.keys = keys
        self.starts = starts
        firstBytes = first
    }

    /// Calls `found(position, id)` for every occurrence of every text in `text`, by increasing position
    /// (overlapping occurrences included).
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int32) -> Void) {
        guard !ids.isEmpty else { return }
        keys.withUnsafeBufferPointer { keys in
            starts.withUnsafeBufferPointer { starts in
                firstBytes.withUnsafeBufferPointer { first in
                    for p in 0..<text.count where first[Int(text[p])] {
                        matches(at: p, text, keys, starts, found)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func matches(
        at p: Int, _ text: UnsafeBufferPointer<UInt8>, _ keys: UnsafeBufferPointer<UInt8>,
        _ starts: UnsafeBufferPointer<Int32>, _ found: (Int, Int32) -> Void
    ) {
        @inline(__always) func length(_ i: Int) -> Int { Int(starts[i + 1] - starts[i]) }
        @inline(__always) func byte(_ i: Int, _ d: Int) -> UInt8 { keys[Int(starts[i]) + d] }
        var lo = 0
        var hi = ids.count
        var d = 0
        while lo < hi {
            // Every text in lo..<hi begins with text[p ..< p + d]; one that is exactly that sorts first.
            if length(lo) == d {
                found(p, ids[lo])
                lo += 1
                if lo == hi { return }
            }
            guard p + d < text.count else { return }
            let c = text[p + d]
            var a = lo
            var b = hi
            while a < b {
                let m = (a + b) >> 1
                if byte(m, d) < c { a = m + 1 } else { b = m }
            }
            lo = a
            b = hi
            while a < b {
                let m = (a + b) >> 1
                if byte(m, d) <= c { a = m + 1 } else { b = m }
            }
            hi = a
            d += 1
        }
    }
}
