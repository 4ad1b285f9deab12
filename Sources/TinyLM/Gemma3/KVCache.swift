/// Keys and values of every position evaluated so far, per layer, after RoPE: the state that lets a
/// continuation be scored without re-evaluating its prefix.
public struct KVCache: Sendable {
    /// Per layer: `count × kvWidth` keys, row-major.
    var keys: [[Float]]
    /// Per layer: `count × kvWidth` values, row-major.
    var values: [[Float]]
    /// Positions held.
    public private(set) var count: Int
    let kvWidth: Int

    /// An empty cache for a model of `layers` blocks whose key/value rows are `kvWidth` wide.
    public init(layers: Int, kvWidth: Int) {
        keys = Array(repeating: [], count: layers)
        values = Array(repeating: [], count: layers)
        count = 0
        self.kvWidth = kvWidth
    }

    /// Marks `n` more positions as filled (after every layer appended its rows).
    mutating func advance(by n: Int) { count += n }

    /// Drops every position from `newCount` on, so a different continuation can be evaluated.
    public mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "truncate beyond the cache")
        for l in keys.indices {
            keys[l].removeSubrange((newCount * kvWidth)...)
            values[l].removeSubrange((newCount * kvWidth)...)
        }
        count = newCount
    }
}
