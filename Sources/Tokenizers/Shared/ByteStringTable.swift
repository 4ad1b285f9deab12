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
    private let slots: [Slot]
    private let mask: Int

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

    /// Builds the table over keys laid out back to back: key `i` is `storage[starts[i] ..< starts[i + 1]]`
    /// and gets index `i` and `payloads[i]`.
    ///
    /// Slots are filled region by region (keys bucketed by home slot first), so a large table is built with
    /// cache-local writes instead of one random memory access per key.
    /// - Returns: the table, or why it cannot be built (too many keys, or the first pair of equal keys found).
    static func build(storage: [UInt8], starts: [UInt32], payloads: [UInt32]) -> Result<ByteStringTable, BuildError> {
        let n = starts.count - 1
        guard n <= maxCount, payloads.count >= n, storage.count < Int(UInt32.max) else { return .failure(.tooLarge) }
        var size = 16
        while size < n * 2 { size <<= 1 }
        let mask = size - 1
        let shift = size.trailingZeroBitCount - min(8, size.trailingZeroBitCount)
        var slots = [Slot](repeating: Slot(tag: 0, meta: 0, start: 0, payload: 0), count: size)
        var duplicate: (first: Int, second: Int)?
        storage.withUnsafeBufferPointer { keys in
            let base = keys.baseAddress ?? UnsafePointer(bitPattern: 1)!
            // Pass 1: hash every key and count keys per region of the slot array.
            var hashes = [UInt64](repeating: 0, count: n)
            var regionStart = [Int](repeating: 0, count: (size >> shift) + 1)
            for i in 0..<n {
                let h = hash(base + Int(starts[i]), Int(starts[i + 1] - starts[i]))
                hashes[i] = h
                regionStart[((Int(truncatingIfNeeded: h) & mask) >> shift) + 1] += 1
            }
            for r in 1..<regionStart.count { regionStart[r] += regionStart[r - 1] }
            // Pass 2: lay the keys out by region, with everything the placement needs.
            var pending = [Pending](repeating: Pending(hash: 0, index: 0, start: 0, length: 0, payload: 0), count: n)
            for i in 0..<n {
                let h = hashes[i]
                let r = (Int(truncatingIfNeeded: h) & mask) >> shift
                pending[regionStart[r]] = Pending(
                    hash: h, index: UInt32(i), start: starts[i], length: starts[i + 1] - starts[i], payload: payloads[i])
                regionStart[r] += 1
            }
            // Pass 3: place them, one region of slots at a time.
            slots.withUnsafeMutableBufferPointer { slots in
                for key in pending {
                    let tag = UInt32(truncatingIfNeeded: key.hash >> 32)
                    let length = Int(key.length)
                    var slot = Int(truncatingIfNeeded: key.hash) & mask
                    var isDuplicate = false
                    while slots[slot].meta != 0 {
                        if slots[slot].tag == tag {
                            let other = Int(slots[slot].meta >> 8) - 1
                            if Int(starts[other + 1] - starts[other]) == length,
                                length == 0 || memcmp(base + Int(starts[other]), base + Int(key.start), length) == 0
                            {
                                let i = Int(key.index)
                                if duplicate == nil { duplicate = (min(i, other), max(i, other)) }
                                isDuplicate = true
                                break
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                    if isDuplicate { continue }
                    slots[slot] = Slot(
                        tag: tag, meta: (key.index + 1) << 8 | min(key.length, 255), start: key.start, payload: key.payload)
                }
            }
        }
        if let duplicate { return .failure(.duplicate(first: duplicate.first, second: duplicate.second)) }
        return .success(ByteStringTable(storage: storage, starts: starts, slots: slots, mask: mask))
    }

    /// A key waiting to be placed by `build`.
    private struct Pending {
        var hash: UInt64
        var index: UInt32
        var start: UInt32
        var length: UInt32
        var payload: UInt32
    }

    /// Why `build` failed.
    enum BuildError: Error {
        /// More than `maxCount` keys, or 4 GiB of key bytes.
        case tooLarge
        /// Two keys with the same bytes (lower index first).
        case duplicate(first: Int, second: Int)
    }

    private init(storage: [UInt8], starts: [UInt32], slots: [Slot], mask: Int) {
        self.storage = storage
        self.starts = starts
        self.slots = slots
        self.mask = mask
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

    /// The payload stored with key `i`.
    func payload(ofKey i: Int) -> UInt32? {
        withKey(i) { key in withView { $0.find(key.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: key.count)?.payload } }
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
