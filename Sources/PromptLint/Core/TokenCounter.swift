/// Counts tokens in text. The default estimates; a real tokenizer can be plugged in later.
public protocol TokenCounter: Sendable {
    /// The number of tokens `text` would take.
    func count(_ text: String) -> Int
}

/// A tokenizer-free estimate: about four characters per token for prose, never fewer tokens
/// than words. Whitespace runs count as one character.
public struct EstimatedTokenCounter: TokenCounter {
    /// Creates the estimator.
    public init() {}

    /// Estimated token count of `text`.
    public func count(_ text: String) -> Int {
        var chars = 0
        var words = 0
        var inSpace = true
        for scalar in text.unicodeScalars {
            // ASCII whitespace (tab to carriage return, space) without the Unicode property table lookup.
            let v = scalar.value
            let isSpace = v < 0x80 ? v == 0x20 || (v >= 0x09 && v <= 0x0D) : scalar.properties.isWhitespace
            if isSpace {
                if !inSpace { chars += 1 }
            } else {
                chars += scalar.value < 0x80 ? 1 : 2
                if inSpace { words += 1 }
            }
            inSpace = isSpace
        }
        return max(words, (chars + 3) / 4)
    }
}
