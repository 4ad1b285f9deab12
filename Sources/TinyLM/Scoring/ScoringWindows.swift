/// How a long text is scored in windows so that memory stays flat in its length: each window is one fresh
/// `ScoringSession` (BOS, then up to `overlap` tokens before the window as context, then the tokens it scores),
/// so the key/value cache never holds more than `size` positions and never goes past the model's context.
/// The same split as LLMLingua's chunked scoring, with an overlap so that no token after the first window is
/// scored from an empty context.
public struct ScoringWindows: Sendable, Equatable {
    /// One window: `context` tokens are fed without output probabilities, `scored` tokens get log p.
    /// Both index the token list that starts with BOS.
    public struct Window: Sendable, Equatable {
        /// Tokens before the scored ones, fed as context only (empty for the first window).
        public var context: Range<Int>
        /// Tokens scored in this window.
        public var scored: Range<Int>
    }

    /// Positions one window holds at most (BOS included).
    public let size: Int
    /// Tokens of context carried into every window after the first.
    public let overlap: Int

    /// Windows of at most `size` positions with `overlap` context tokens; `overlap` is cut so that every
    /// window after the first scores at least half of its positions.
    public init(size: Int, overlap: Int) {
        self.size = max(size, 4)
        self.overlap = max(0, min(overlap, self.size / 2 - 1))
    }

    /// The windows covering tokens `0 ..< count` (token 0 is BOS), in order; every token is scored once.
    public func plan(count: Int) -> [Window] {
        guard count > 0 else { return [] }
        var windows = [Window(context: 0..<0, scored: 0..<min(count, size))]
        var start = windows[0].scored.upperBound
        // A later window holds a fresh BOS, the context and the scored tokens.
        let step = size - 1 - overlap
        while start < count {
            let end = min(count, start + step)
            windows.append(Window(context: max(1, start - overlap)..<start, scored: start..<end))
            start = end
        }
        return windows
    }
}
