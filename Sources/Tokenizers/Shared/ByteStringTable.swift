import Foundation

/// An immutable open-addressing hash table from byte strings to their insertion index.
///
/// All keys live back to back in one byte array, so a 262,144-entry vocabulary is three arrays rather than a
/// quarter of a million `String`s, and a lookup takes a pointer and a length: no allocation while encoding.
struct ByteStringTable: Sendable {
    /// Every key's bytes, concatenated in insertion order.
    private(set) var storage: [UInt8] = []
    /// `starts[i] ..< starts[i + 1]` is key `i` in `storage`; one more element than there are keys.
    private(set) var starts: [Int32] = [0]
    /// Hash slots: `-1` when empty, else the key index in the low 32 bits and a hash tag in the high 32.
    private var slots: [Int64]
    private var mask: Int

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// Creates an empty table sized for `capacity` keys and `byteCapacity` key bytes.
    init(capacity: Int, byteCapacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int64](repeating: -1, count: size)
        mask = size - 1
        storage.reserveCapacity(byteCapacity)
        starts.reserveCapacity(capacity + 1)
    }

    /// FNV-1a over the bytes, folded to 64 bits.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<count {
            h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
        }
        return h ^ (h >> 29)
    }

    /// The high half of a slot: the hash's top 32 bits, so most mismatches skip the byte comparison.
    @inline(__always)
    static func tag(_ h: UInt64) -> Int64 {
        Int64(bitPattern: h & 0xFFFF_FFFF_0000_0000)
    }

    /// Adds `bytes` as the next key unless it is already present.
    /// - Returns: the index of the key: a fresh one, or the earlier index when the key was already there.
    @discardableResult
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        if let existing = index(of: base, count: bytes.count) { return (Int(existing), false) }
        if count * 2 >= slots.count { grow() }
        let h = Self.hash(base, bytes.count)
        let newIndex = count
        storage.append(contentsOf: bytes)
        starts.append(Int32(storage.count))
        place(index: newIndex, hash: h)
        return (newIndex, true)
    }

    /// Adds the UTF-8 bytes of `string` as the next key unless present (see `insert(_:)`).
    @discardableResult
    mutating func insert(_ string: String) -> (index: Int, inserted: Bool) {
        var s = string
        return s.withUTF8 { insert($0) }
    }

    private mutating func place(index: Int, hash h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] != -1 {
            slot = (slot + 1) & mask
        }
        slots[slot] = Self.tag(h) | Int64(index)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int64](repeating: -1, count: size)
        mask = size - 1
        for i in 0..<count {
            let h = withKey(i) { Self.hash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            place(index: i, hash: h)
        }
    }

    /// The index of the key equal to `count` bytes at `base`, if any.
    func index(of base: UnsafePointer<UInt8>, count: Int) -> Int32? {
        withView { $0.index(of: base, count: count) }
    }

    /// The index of the key equal to the UTF-8 bytes of `string`, if any.
    func index(of string: String) -> Int32? {
        var s = string
        return s.withUTF8 { index(of: $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) }
    }

    /// Calls `body` with a pointer-based view of the table, for many lookups without per-call overhead.
    @inline(__always)
    func withView<R>(_ body: (ByteStringTableView) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { keys in
            try starts.withUnsafeBufferPointer { starts in
                try slots.withUnsafeBufferPointer { slots in
                    try body(
                        ByteStringTableView(
                            keys: keys.baseAddress ?? UnsafePointer(bitPattern: 1)!, starts: starts.baseAddress!,
                            slots: slots.baseAddress!, mask: mask))
                }
            }
        }
    }

    /// Calls `body` with the bytes of key `i`.
    @inline(__always)
    func withKey<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(starts[i])
        let end = Int(starts[i + 1])
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The byte length of key `i`.
    @inline(__always)
    func keyLength(_ i: Int) -> Int { Int(starts[i + 1] - starts[i]) }

    /// The bytes of key `i` as an array.
    func key(_ i: Int) -> [UInt8] { withKey(i) { Array($0) } }
}

/// Raw pointers into a `ByteStringTable`, valid only inside `withView`.
struct ByteStringTableView {
    let keys: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int32>
    let slots: UnsafePointer<Int64>
    let mask: Int

    /// The index of the key equal to `count` bytes at `base`, if any.
    @inline(__always)
    func index(of base: UnsafePointer<UInt8>, count: Int) -> Int32? {
        let h = ByteStringTable.hash(base, count)
        let tag = ByteStringTable.tag(h)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == -1 { return nil }
            if entry & ~0xFFFF_FFFF == tag {
                let i = Int(entry & 0xFFFF_FFFF)
                let start = Int(starts[i])
                if Int(starts[i + 1]) - start == count, count == 0 || memcmp(keys + start, base, count) == 0 {
                    return Int32(i)
                }
            }
            slot = (slot + 1) & mask
        }
    }
}
