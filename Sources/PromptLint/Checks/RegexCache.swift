import Foundation

/// Compiled regular expressions by pattern, for patterns built at run time from a small set of names (block names
/// in `BlockExtent`), so each is compiled once per process rather than once per call. Bounded: past `limit`
/// patterns it compiles without storing. `NSRegularExpression` is immutable and safe to share between threads.
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]
    private let limit: Int

    /// A cache of at most `limit` patterns.
    init(limit: Int) { self.limit = limit }

    /// The compiled `pattern`, or nil when it does not compile.
    func regex(_ pattern: String) -> NSRegularExpression? {
        if let regex = lock.withLock({ compiled[pattern] }) { return regex }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        lock.withLock { if compiled.count < limit { compiled[pattern] = regex } }
        return regex
    }
}
