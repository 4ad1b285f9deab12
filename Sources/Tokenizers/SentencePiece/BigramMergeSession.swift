/// The SentencePiece merge step for one fragment of text, after llama.cpp's `llm_tokenizer_spm_session`.
///
/// The fragment is cut into UTF-8 characters (a space becomes "▁"). Every neighbouring pair whose joined text
/// is a token is queued by that token's score; the best pair (ties: leftmost) is merged, its new neighbours
/// are queued, and so on until nothing merges. Each final symbol is then a token, or, failing that, is
/// spelled with byte tokens `<0xXX>`.
///
/// llama.cpp also keeps a map to undo merges for symbols that are not tokens; with valid UTF-8 input only
/// single characters can fail that way, and no merge ever produced one, so the map is never used here.
struct BigramMergeSession {
    struct Symbol {
        var prev: Int32
        var next: Int32
        /// Start in the escaped text.
        var start: Int32
        /// Byte length in the escaped text; 0 once merged into its left neighbour.
        var length: Int32
        /// Where the symbol's first character starts in the original input.
        var origin: Int32
    }

    /// Scratch buffers, kept between fragments for their capacity.
    private var escaped: [UInt8] = []
    private var symbols: [Symbol] = []
    private var queue = BigramQueue()

    /// Tokenizes `input[range]` and appends the tokens with their byte ranges in `input`.
    /// - Parameter spacePrefix: put one "▁" before the text (it covers no input bytes).
    mutating func tokenize(
        _ input: UnsafeBufferPointer<UInt8>, range: Range<Int>, spacePrefix: Bool,
        vocabulary: MergeVocabularyView, into output: inout [TokenSpan]
    ) {
        var escaped: [UInt8] = []
        var symbols: [Symbol] = []
        var queue = BigramQueue()
        swap(&escaped, &self.escaped)
        swap(&symbols, &self.symbols)
        swap(&queue, &self.queue)
        defer {
            swap(&escaped, &self.escaped)
            swap(&symbols, &self.symbols)
            swap(&queue, &self.queue)
        }
        escaped.removeAll(keepingCapacity: true)
        symbols.removeAll(keepingCapacity: true)
        queue.removeAll()

        // Split into characters, escaping spaces.
        func append(_ bytes: Range<Int>?, origin: Int) {
            let start = escaped.count
            if let bytes {
                escaped.append(contentsOf: UnsafeBufferPointer(rebasing: input[bytes]))
            } else {
                escaped.append(0xE2)  // U+2581 "▁"
                escaped.append(0x96)
                escaped.append(0x81)
            }
            let index = Int32(symbols.count)
            symbols.append(
                Symbol(prev: index - 1, next: index + 1, start: Int32(start), length: Int32(escaped.count - start),
                       origin: Int32(origin)))
        }
        if spacePrefix { append(nil, origin: range.lowerBound) }
        var i = range.lowerBound
        while i < range.upperBound {
            let lead = input[i]
            let width = min(Self.utf8Width(lead), range.upperBound - i)
            append(lead == 0x20 ? nil : i..<(i + width), origin: i)
            i += width
        }
        guard !symbols.isEmpty else { return }
        symbols[symbols.count - 1].next = -1

        escaped.withUnsafeBufferPointer { text in
            symbols.withUnsafeMutableBufferPointer { symbols in
                Self.merge(symbols, text.baseAddress!, vocabulary, &queue)
                var index: Int32 = 0
                while index != -1 {
                    let symbol = symbols[Int(index)]
                    let end = symbol.next >= 0 ? Int(symbols[Int(symbol.next)].origin) : range.upperBound
                    Self.emit(symbol, origin: Int(symbol.origin)..<end, text, vocabulary, &output)
                    index = symbol.next
                }
            }
        }
    }

    /// Runs the merges to completion on the linked symbols.
    private static func merge(
        _ symbols: UnsafeMutableBufferPointer<Symbol>, _ text: UnsafePointer<UInt8>, _ vocabulary: MergeVocabularyView,
        _ queue: inout BigramQueue
    ) {
        @inline(__always) func tryAddBigram(_ left: Int32, _ right: Int32) {
            guard left >= 0, right >= 0 else { return }
            let l = symbols[Int(left)]
            let size = l.length + symbols[Int(right)].length
            guard let found = vocabulary.pieces.find(text + Int(l.start), count: Int(size)) else { return }
            queue.push(Bigram(score: Float(bitPattern: found.payload), left: left, right: right, size: size))
        }
        for right in 1..<max(symbols.count, 1) { tryAddBigram(Int32(right - 1), Int32(right)) }
        while let bigram = queue.pop() {
            let l = Int(bigram.left)
            let right = symbols[Int(bigram.right)]
            let leftLength = symbols[l].length
            guard leftLength != 0, right.length != 0, leftLength + right.length == bigram.size else { continue }
            symbols[l].length = bigram.size
            symbols[Int(bigram.right)].length = 0
            symbols[l].next = right.next
            if right.next >= 0 { symbols[Int(right.next)].prev = bigram.left }
            tryAddBigram(symbols[l].prev, bigram.left)
            tryAddBigram(bigram.left, right.next)
        }
    }

    /// The byte length of a UTF-8 sequence from its first byte (llama.cpp's `unicode_len_utf8`).
    @inline(__always)
    static func utf8Width(_ lead: UInt8) -> Int {
        switch lead >> 4 {
        case 0xC, 0xD: return 2
        case 0xE: return 3
        case 0xF: return 4
        default: return 1
        }
    }

    /// Appends the symbol's token, or its byte tokens.
    private static func emit(
        _ symbol: Symbol, origin: Range<Int>, _ text: UnsafeBufferPointer<UInt8>, _ vocabulary: MergeVocabularyView,
        _ output: inout [TokenSpan]
    ) {
        let start = Int(symbol.start)
        let length = Int(symbol.length)
        if let id = vocabulary.pieces.index(of: text.baseAddress! + start, count: length) {
            output.append(TokenSpan(id: id, byteRange: origin))
            return
        }
        // Byte fallback. When the symbol's bytes are the input's, each token covers its own byte; an escaped
        // space (three bytes for one) gives its whole range to the first token.
        let oneToOne = origin.count == length
        for j in 0..<length {
            var id = vocabulary.byteTokens[Int(text[start + j])]
            if id < 0 {
                guard let unknown = vocabulary.unknown else { continue }
                id = unknown
            }
            let range: Range<Int>
            if oneToOne {
                range = (origin.lowerBound + j)..<(origin.lowerBound + j + 1)
            } else {
                range = j == 0 ? origin : origin.upperBound..<origin.upperBound
            }
            output.append(TokenSpan(id: id, byteRange: range))
        }
    }
}
