/// The outcome of one compression.
public struct CompressionResult: Sendable, Equatable {
    /// The compressed text.
    public var text: String
    /// Model tokens of the input (BOS excluded; markers such as `<keep>` excluded, as they are never sent).
    public var originalTokens: Int
    /// Model tokens of the output (BOS excluded).
    public var compressedTokens: Int
    /// The token target the compressor aimed at.
    public var targetTokens: Int
    /// Byte ranges of the original input that make up the output, ascending and non-overlapping.
    public var kept: [Range<Int>]
    /// True when protected content (placeholders, kept spans, force words, structure) alone exceeds the target,
    /// so the target could not be met.
    public var protectedExceedsBudget: Bool
    /// Model tokens of the protected content.
    public var protectedTokens: Int
    /// Blocks (fenced code, JSON in text) dropped whole because the budget could not hold them; 0 when every
    /// block was kept.
    public var droppedBlocks = 0

    /// compressedTokens / originalTokens (1 for an input without tokens).
    public var ratio: Double { originalTokens == 0 ? 1 : Double(compressedTokens) / Double(originalTokens) }

    /// Creates a result.
    public init(
        text: String, originalTokens: Int, compressedTokens: Int, targetTokens: Int, kept: [Range<Int>],
        protectedExceedsBudget: Bool, protectedTokens: Int
    ) {
        self.text = text
        self.originalTokens = originalTokens
        self.compressedTokens = compressedTokens
        self.targetTokens = targetTokens
        self.kept = kept
        self.protectedExceedsBudget = protectedExceedsBudget
        self.protectedTokens = protectedTokens
    }
}
