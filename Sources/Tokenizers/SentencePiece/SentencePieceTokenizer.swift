/// A SentencePiece (llama.cpp "SPM") tokenizer that reproduces `llama_tokenize` token for token.
///
/// Encoding splits out special tokens (user-defined ones always, control ones when `parseSpecial` is set),
/// replaces spaces with "▁", merges characters pairwise by token score, and spells leftovers with byte
/// tokens. Build one from a GGUF file with `init(gguf:)`, or from plain arrays for tests.
public struct SentencePieceTokenizer: Sendable {
    let vocabulary: SentencePieceVocabulary
    /// The `tokenizer.ggml.add_*` flags in force.
    public let options: SentencePieceOptions

    /// Creates a tokenizer from a vocabulary given as arrays (index = token id).
    /// - Parameters:
    ///   - tokens: the token texts; a space inside a piece is written "▁".
    ///   - scores: merge scores (higher merges first); all zero when nil.
    ///   - types: token types; all `.normal` when nil.
    ///   - special: special token ids; the end-of-turn id is also looked up by name when nil.
    ///   - options: BOS/EOS/space-prefix flags.
    /// - Throws: `TokenizerError` for an empty vocabulary, short arrays, duplicate texts or bad special ids.
    public init(
        tokens: [String], scores: [Float]? = nil, types: [SentencePieceTokenType]? = nil,
        special: SpecialTokenIDs = SpecialTokenIDs(), options: SentencePieceOptions = SentencePieceOptions()
    ) throws {
        try self.init(tokens: tokens, scores: scores, typeCodes: types?.map(\.rawValue), special: special, options: options)
    }

    init(tokens: [String], scores: [Float]?, typeCodes: [Int64]?, special: SpecialTokenIDs, options: SentencePieceOptions) throws {
        vocabulary = try SentencePieceVocabulary(tokens: tokens, scores: scores, typeCodes: typeCodes, special: special)
        self.options = options
    }

    /// The number of tokens in the vocabulary.
    public var vocabularySize: Int { vocabulary.count }
    /// The special token ids (the end-of-turn id may have been found by name).
    public var specialIDs: SpecialTokenIDs { vocabulary.special }
    /// The beginning-of-sequence id, if any.
    public var bosID: Int32? { vocabulary.special.bos }
    /// The end-of-sequence id, if any.
    public var eosID: Int32? { vocabulary.special.eos }
    /// The ids that end generation (EOS, end of turn, and tokens llama.cpp recognises by name).
    public var endOfGenerationIDs: Set<Int32> { vocabulary.endOfGeneration }

    /// Whether `id` is a control token (`<bos>`, `<start_of_turn>`, `<unusedN>`, …), after llama.cpp's
    /// by-name adjustments. False for ids outside the vocabulary.
    public func isControl(_ id: Int32) -> Bool {
        attributes(id).contains(.control)
    }

    /// Whether `id` is a byte-fallback token `<0xXX>`.
    public func isByte(_ id: Int32) -> Bool {
        attributes(id).contains(.byte)
    }

    /// Whether `id` is a user-defined token (always split out of text).
    public func isUserDefined(_ id: Int32) -> Bool {
        attributes(id).contains(.userDefined)
    }

    /// The token's merge score, or nil for ids outside the vocabulary.
    public func score(_ id: Int32) -> Float? {
        contains(id) ? vocabulary.scores[Int(id)] : nil
    }

    /// The id of the token whose stored text is exactly `piece` (spaces written "▁"), if any.
    public func id(forPiece piece: String) -> Int32? {
        vocabulary.pieces.index(of: piece)
    }

    /// Encodes `text` into token ids.
    /// - Parameters:
    ///   - addBOS: llama.cpp's `add_special`: put BOS first (and EOS last) when the vocabulary asks for it.
    ///   - parseSpecial: recognise control tokens such as `<start_of_turn>` written in the text.
    public func encode(_ text: String, addBOS: Bool = true, parseSpecial: Bool = false) -> [Int32] {
        encodeWithOffsets(text, addBOS: addBOS, parseSpecial: parseSpecial).map(\.id)
    }

    /// Encodes `text` like `encode(_:addBOS:parseSpecial:)`, giving each token's byte range in `text.utf8`.
    ///
    /// Apart from BOS/EOS (empty ranges) the ranges are in order, do not overlap and together cover the whole
    /// input, so tokens map back to the original bytes.
    public func encodeWithOffsets(_ text: String, addBOS: Bool = true, parseSpecial: Bool = false) -> [TokenSpan] {
        var text = text
        return text.withUTF8 { encodeWithOffsets(utf8: $0, addBOS: addBOS, parseSpecial: parseSpecial) }
    }

    /// Encodes UTF-8 bytes; see `encodeWithOffsets(_:addBOS:parseSpecial:)`. Invalid UTF-8 is cut into
    /// single bytes where it cannot be read, as llama.cpp does.
    public func encodeWithOffsets(utf8 text: UnsafeBufferPointer<UInt8>, addBOS: Bool = true, parseSpecial: Bool = false)
        -> [TokenSpan]
    {
        var output: [TokenSpan] = []
        output.reserveCapacity(text.count / 3 + 2)
        let addSpecial = addBOS
        if addSpecial, options.addBOS, let bos = vocabulary.special.bos {
            output.append(TokenSpan(id: bos, byteRange: 0..<0))
        }
        let matcher = parseSpecial ? vocabulary.splitWithSpecials : vocabulary.alwaysSplit
        let fragments = SpecialTokenPartition.split(text, matcher: matcher) { vocabulary.pieces.keyLength(Int($0)) }
        vocabulary.withMergeView { view in
            var session = BigramMergeSession()
            var previousWasSpecial = true
            for fragment in fragments {
                switch fragment {
                case .token(let id, let range):
                    output.append(TokenSpan(id: id, byteRange: range))
                    previousWasSpecial = true
                case .text(let range):
                    // Long fragments are merged piece by piece, cut where no token can cross (same result).
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let end = vocabulary.chunks.nextCut(text, from: start, end: range.upperBound)
                        session.tokenize(
                            text, range: start..<end,
                            spacePrefix: start == range.lowerBound && options.addSpacePrefix && previousWasSpecial,
                            vocabulary: view, into: &output)
                        start = end
                    }
                    previousWasSpecial = false
                }
            }
        }
        if addSpecial, options.addEOS, let eos = vocabulary.special.eos {
            output.append(TokenSpan(id: eos, byteRange: text.count..<text.count))
        }
        return output
    }

    @inline(__always)
    func contains(_ id: Int32) -> Bool { id >= 0 && Int(id) < vocabulary.count }

    @inline(__always)
    func attributes(_ id: Int32) -> TokenAttributes {
        contains(id) ? vocabulary.attributes[Int(id)] : []
    }
}
