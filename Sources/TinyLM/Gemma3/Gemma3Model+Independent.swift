/// Many short texts evaluated together: every forward call reads (in exact mode, dequantizes) all layer weights,
/// which costs as much as a few hundred tokens, so texts of a dozen tokens each (few-shot examples) are packed
/// into shared batches of up to `maxBatch` rows, each text attending only to itself from position 0.
extension Gemma3Model {
    /// Packs texts of `lengths` tokens, in order, into groups of at most `maxRows` tokens (a longer text alone).
    /// - Returns: index ranges into `lengths`, covering it in order.
    public static func packedGroups(lengths: [Int], maxRows: Int = maxBatch) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0, rows = 0
        for (i, length) in lengths.enumerated() {
            if i > start, rows + length > maxRows {
                groups.append(start..<i)
                start = i
                rows = 0
            }
            rows += length
        }
        if start < lengths.count { groups.append(start..<lengths.count) }
        return groups
    }

    /// The final normalized hidden states of each text (`count × embeddingLength`, row-major), each evaluated
    /// from position 0 on its own: the same states as `forward` with a fresh cache per text, in one forward call
    /// per group of `packedGroups` instead of one per text.
    /// - Parameter progress: called with the number of texts done after each group.
    /// - Throws: `TinyLMError.tokenOutOfRange`, `.contextExceeded` (a text longer than the context).
    public func forwardIndependent(
        _ texts: [[Int32]], trunk: ScoringMode = .exact, progress: ((Int) -> Void)? = nil
    ) throws -> [[Float]] {
        let c = configuration
        for text in texts {
            guard text.count <= c.contextLength else {
                throw TinyLMError.contextExceeded(tokens: text.count, context: c.contextLength)
            }
            for t in text where t < 0 || Int(t) >= c.vocabularySize {
                throw TinyLMError.tokenOutOfRange(id: t, vocabularySize: c.vocabularySize)
            }
        }
        let d = c.embeddingLength
        var out: [[Float]] = []
        out.reserveCapacity(texts.count)
        for group in Self.packedGroups(lengths: texts.map(\.count)) {
            let rows = group.reduce(0) { $0 + texts[$1].count }
            if rows > Self.maxBatch || group.count == 1 {
                // A text longer than a batch: the ordinary path, which splits it over a cache.
                for i in group {
                    var cache = makeCache()
                    out.append(try forward(texts[i], cache: &cache, trunk: trunk))
                }
            } else {
                var sequences: [Range<Int>] = []
                var tokens: [Int32] = []
                for i in group {
                    sequences.append(tokens.count..<tokens.count + texts[i].count)
                    tokens += texts[i]
                }
                var unused = makeCache()
                let hidden = forwardBatch(
                    tokens, cache: &unused, int8: trunk == .fast ? Int8Trunk.shared(for: self) : nil, sequences: sequences)
                for r in sequences { out.append(Array(hidden[(r.lowerBound * d)..<(r.upperBound * d)])) }
            }
            progress?(group.upperBound)
        }
        return out
    }
}
