import Foundation

/// An open-addressing hash table from byte strings to their index and a 32-bit payload.
///
/// All keys live back to back in one byte array, so a 262,144-entry vocabulary is a few flat arrays rather than
/// a quarter of a million `String`s, and a lookup takes a pointer and a length: no allocation while encoding.
/// Each 16-byte slot holds a hash tag, the index, the key's place and length, and the payload (a score or a
/// rank), so a hit reads one slot and the key bytes and nothing else.
struct ByteStringTable: Sendable {
    /// One hash slot; `meta == 0` marks an empty slot.
    struct Slot {
        /// The top 32 bits of the key's hash.
        var tag: UInt32
        /// `(index + 1) << 8 | min(length, 255)`.
        var meta: UInt32
        /// Where the key starts in `storage`.
        var start: UInt32
        /// The caller's value for the key.
        var payload: UInt32
    }

    /// The most keys a table can hold.
    static let maxCount = (1 << 24) - 2

    /// Every key's bytes, concatenated in index order.
    let storage: [UInt8]
    /// `starts[i] ..< starts[i + 1]` is key `i` in `storage`; one more element than there are keys.
    let starts: [UInt32]
    let slots: [Slot]
    let mask: Int

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// FNV-1a over the bytes, with the high bits mixed down.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<count {
            h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
        }
        return h ^ (h >> 29)
    }

    /// The index of the key equal to `count` bytes at `base`, if any.
    func index(of base: UnsafePointer<UInt8>, count: Int) -> Int32? {
        withView { $0.find(base, count: count).map { Int32($0.index) } }
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
    let starts: UnsafePointer<UInt32>
    let slots: UnsafePointer<ByteStringTable.Slot>
    let mask: Int

    /// The index and payload of the key equal to `count` bytes at `base`, if any.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, count: Int) -> (index: Int, payload: UInt32)? {
        let h = ByteStringTable.hash(base, count)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s.meta == 0 { return nil }
            if s.tag == tag {
                let index = Int(s.meta >> 8) - 1
                let short = Int(s.meta & 0xFF)
                let length = short < 255 ? short : Int(starts[index + 1] - starts[index])
                if length == count, count == 0 || memcmp(keys + Int(s.start), base, count) == 0 {
                    return (index, s.payload)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index of the key equal to `count` bytes at `base`, if any.
    @inline(__always)
    func index(of base: UnsafePointer<UInt8>, count: Int) -> Int32? {
        find(base, count: count).map { Int32($0.index) }
    }
}
