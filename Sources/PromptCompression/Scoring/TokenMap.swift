import Tokenizers

/// The model tokens of the text the model reads (the input without markers), and which piece each belongs to.
struct TokenMap: Sendable {
    /// Token ids, BOS excluded.
    var ids: [Int32]
    /// For each piece, the range of `ids` it owns (a token belongs to the piece holding its first byte).
    var pieceTokens: [Range<Int>]

    /// Tokenizes the input without its markers.
    init(_ text: SegmentedText, tokenizer: SentencePieceTokenizer) {
        var clean: [UInt8] = []
        clean.reserveCapacity(text.bytes.count)
        var starts: [Int] = []
        starts.reserveCapacity(text.pieces.count)
        for p in text.pieces {
            starts.append(clean.count)
            if p.kind != .marker { clean += text.bytes[p.range] }
        }
        let spans = tokenizer.encodeWithOffsets(String(decoding: clean, as: UTF8.self), addBOS: false)
        ids = spans.map(\.id)
        var ranges = [Range<Int>](repeating: 0..<0, count: text.pieces.count)
        var t = 0
        for pi in text.pieces.indices {
            let end = pi + 1 < starts.count ? starts[pi + 1] : Int.max
            let first = t
            while t < spans.count, spans[t].byteRange.lowerBound < end { t += 1 }
            ranges[pi] = first..<t
        }
        pieceTokens = ranges
    }

    /// Tokens owned by piece `i`.
    func cost(_ i: Int) -> Int { pieceTokens[i].count }
}
