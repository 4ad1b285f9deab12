/// Where a long text fragment can be cut so that the merge step runs on short pieces with the same result.
///
/// A cut just before a space is safe when no token contains the character before it followed by "▁": then
/// no pair across the cut is ever a token, both sides merge independently, and their tokens are exactly
/// those of the whole. (In Gemma's vocabulary only ">▁</" and runs of "▁" contain a "▁" after something.)
/// Cutting keeps the merge queue small: on one long line the cost stays linear instead of thrashing the cache.
struct ChunkBoundaries: Sendable {
    /// Characters (UTF-8 bytes packed into a UInt32) that some token has right before a "▁".
    private let unsafeBeforeSpace: Set<UInt32>
    /// Fragments up to this many bytes are not cut.
    static let minimumCut = 2048
    /// Cuts are searched from this far into the rest of the fragment.
    static let chunkLength = 1024

    init(pieces: ByteStringTable) {
        var unsafe = Set<UInt32>()
        pieces.storage.withUnsafeBufferPointer { bytes in
            pieces.starts.withUnsafeBufferPointer { starts in
                for key in 0..<(starts.count - 1) {
                    let start = Int(starts[key])
                    let end = Int(starts[key + 1])
                    var i = start + 1
                    while i + 3 <= end {
                        if bytes[i] == 0xE2, bytes[i + 1] == 0x96, bytes[i + 2] == 0x81 {
                            let before = Self.packedCharacter(before: i, from: start, bytes)
                            if before != Self.escapedSpace { unsafe.insert(before) }
                            i += 3
                        } else {
                            i += 1
                        }
                    }
                }
            }
        }
        unsafeBeforeSpace = unsafe
    }

    /// "▁" packed like `packedCharacter`.
    private static let escapedSpace: UInt32 = 0xE2_9681

    /// The end of the next chunk of `text[start..<end]`: `end` itself, or a safe cut before a space.
    func nextCut(_ text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        guard end - start > Self.minimumCut else { return end }
        var i = start + Self.chunkLength
        while i < end - Self.chunkLength / 2 {
            if text[i] == 0x20, text[i - 1] != 0x20, !unsafeBeforeSpace.contains(Self.packedCharacter(before: i, from: start, text)) {
                return i
            }
            i += 1
        }
        return end
    }

    /// The UTF-8 character ending right before `index` (not reaching before `lowerBound`), as up to four
    /// bytes packed into a UInt32.
    @inline(__always)
    static func packedCharacter(before index: Int, from lowerBound: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var k = index - 1
        while k > lowerBound, index - k < 4, bytes[k] & 0xC0 == 0x80 { k -= 1 }
        var packed: UInt32 = 0
        for j in k..<index { packed = packed << 8 | UInt32(bytes[j]) }
        return packed
    }
}
