/// The token table behind `SentencePieceTokenizer`: texts, scores, attributes and the lookups built from them.
struct SentencePieceVocabulary: Sendable {
    /// Token texts; the key index is the token id.
    let pieces: ByteStringTable
    /// Merge scores by id (higher merges first); also stored as the table's payloads.
    let scores: [Float]
    /// Attributes by id, after llama.cpp's by-name adjustments.
    let attributes: [TokenAttributes]
    /// For each byte value, the id of `<0xXX>` (or of the one-byte token), or -1.
    let byteTokens: [Int32]
    /// Special ids, including the end-of-turn id found by name.
    let special: SpecialTokenIDs
    /// Ids that end generation.
    let endOfGeneration: Set<Int32>
    /// User-defined tokens only: split out of every text.
    let alwaysSplit: SpecialTokenMatcher
    /// Control, unknown and user-defined tokens: split out when parsing specials.
    let splitWithSpecials: SpecialTokenMatcher
    /// Safe places to cut long fragments before merging.
    let chunks: ChunkBoundaries

    var count: Int { scores.count }

    init(tokens: [String], scores: [Float]?, typeCodes: [Int64]?, special: SpecialTokenIDs) throws {
        guard !tokens.isEmpty else { throw TokenizerError.emptyVocabulary }
        let n = tokens.count
        if let scores, scores.count < n {
            throw TokenizerError.lengthMismatch(key: "tokenizer.ggml.scores", expected: n, actual: scores.count)
        }
        if let typeCodes, typeCodes.count < n {
            throw TokenizerError.lengthMismatch(key: "tokenizer.ggml.token_type", expected: n, actual: typeCodes.count)
        }
        let scores = scores.map { Array($0.prefix(n)) } ?? [Float](repeating: 0, count: n)
        var byteCount = 0
        for t in tokens { byteCount += t.utf8.count }
        var storage: [UInt8] = []
        storage.reserveCapacity(byteCount + 64)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(n + 1)
        for (i, text) in tokens.enumerated() {
            // llama.cpp renames empty entries so that every id keeps a distinct, non-empty text.
            storage.append(contentsOf: text.isEmpty ? "[EMPTY_\(i)]".utf8 : text.utf8)
            starts.append(UInt32(storage.count))
        }
        let table: ByteStringTable
        switch ByteStringTable.build(storage: storage, starts: starts, payloads: scores.map(\.bitPattern)) {
        case .success(let built): table = built
        case .failure(.duplicate(let first, let second)):
            throw TokenizerError.duplicateToken(text: tokens[second], firstID: first, secondID: second)
        case .failure(.tooLarge): throw TokenizerError.vocabularyTooLarge(count: n)
        }
        pieces = table
        self.scores = scores
        var attributes = typeCodes.map { $0.prefix(n).map(TokenAttributes.init(typeCode:)) }
            ?? [TokenAttributes](repeating: .normal, count: n)

        for (name, id) in [("BOS", special.bos), ("EOS", special.eos), ("unknown", special.unknown),
                           ("padding", special.padding), ("end-of-turn", special.endOfTurn)]
        {
            if let id, id < 0 || Int(id) >= n {
                throw TokenizerError.invalidSpecialID(name: name, id: Int(id), vocabularySize: n)
            }
        }
        var special = special
        var eog = Set<Int32>()
        LlamaNameRules.apply(table: table, attributes: &attributes, special: &special, endOfGeneration: &eog)
        self.attributes = attributes
        self.special = special
        endOfGeneration = eog

        var bytes = [Int32](repeating: -1, count: 256)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in 0..<256 {
            let name: [UInt8] = [0x3C, 0x30, 0x78, hex[b >> 4], hex[b & 15], 0x3E]  // "<0xXX>"
            let single = [UInt8(b)]
            let found = name.withUnsafeBufferPointer { table.index(of: $0.baseAddress!, count: 6) }
                ?? single.withUnsafeBufferPointer { table.index(of: $0.baseAddress!, count: 1) }
            bytes[b] = found ?? -1
        }
        byteTokens = bytes

        var userDefined: [Int32] = []
        var all: [Int32] = []
        for id in 0..<n {
            let a = attributes[id]
            guard !a.isDisjoint(with: [.control, .userDefined, .unknown]) else { continue }
            all.append(Int32(id))
            if a.isDisjoint(with: [.control, .unknown]) { userDefined.append(Int32(id)) }
        }
        alwaysSplit = SpecialTokenMatcher(ids: userDefined, table: table)
        splitWithSpecials = SpecialTokenMatcher(ids: all, table: table)
        chunks = ChunkBoundaries(pieces: table)
    }
}
