/// One token of an encoding and the UTF-8 bytes of the input it stands for.
public struct TokenSpan: Sendable, Hashable {
    /// The token id.
    public var id: Int32
    /// The byte range of the input's UTF-8 that produced this token. It is empty for tokens the encoder added
    /// (BOS, EOS) and, for a byte-fallback token of a multi-byte character, it is that token's one byte.
    public var byteRange: Range<Int>

    /// Creates a span.
    public init(id: Int32, byteRange: Range<Int>) {
        self.id = id
        self.byteRange = byteRange
    }
}
