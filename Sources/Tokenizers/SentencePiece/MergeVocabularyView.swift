/// What the merge step reads from the vocabulary, as pointers valid during one `withMergeView` call.
struct MergeVocabularyView {
    /// Token texts; each key's payload is its score's bit pattern.
    let pieces: ByteStringTableView
    /// For each byte value, its byte token or -1.
    let byteTokens: UnsafePointer<Int32>
    let unknown: Int32?
}

extension SentencePieceVocabulary {
    /// Calls `body` with pointer access to the tables the merge step needs.
    func withMergeView<R>(_ body: (MergeVocabularyView) -> R) -> R {
        pieces.withView { pieces in
            byteTokens.withUnsafeBufferPointer { bytes in
                body(MergeVocabularyView(pieces: pieces, byteTokens: bytes.baseAddress!, unknown: special.unknown))
            }
        }
    }
}
