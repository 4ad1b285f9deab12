import Foundation

extension ByteStringTable {
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
}
