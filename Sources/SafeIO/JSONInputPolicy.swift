/// The one policy for JSON read from users' inputs, shared by compression (plain and `--messages`), few-shot
/// pools and the linter's request reader: nesting deeper than `maxDepth` is refused with a message (the parsers
/// are recursive, and 100,000 levels would overflow the stack); sizes are bounded by the file read policy before
/// any JSON is parsed; numbers are kept as the text they were written as, and numbers that feed arithmetic
/// (prices, traffic) must be finite and within their loader's bounds.
public enum JSONInputPolicy {
    /// The deepest nesting of arrays and objects read (real requests and example pools use fewer than 20 levels).
    public static let maxDepth = 256

    /// The message for nesting beyond `maxDepth`.
    public static var depthMessage: String { "nested deeper than \(maxDepth) levels" }
}
