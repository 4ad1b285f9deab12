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

    /// The most tokens of one piece the model reads. A piece is kept or dropped whole and scored by the mean
    /// surprisal of its tokens, which its first tokens estimate; a longer "word" (a base64 blob, a letter with
    /// thousands of combining marks, a long `<keep>` region) would otherwise cost model time in proportion to
    /// its length for one decision. Its remaining tokens are neither scored nor fed as context.
    static let maxModelTokensPerPiece = 128

    /// The tokens of piece `i` the model reads: its first `maxModelTokensPerPiece`.
    func modelTokens(_ i: Int) -> Range<Int> {
        let r = pieceTokens[i]
        return r.lowerBound..<min(r.upperBound, r.lowerBound + Self.maxModelTokensPerPiece)
    }
}
