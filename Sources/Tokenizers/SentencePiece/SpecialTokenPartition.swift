/// A stretch of the input once special tokens are split out: plain text, or one special token.
enum Fragment: Equatable {
    /// Bytes still to be tokenized by the merge step.
    case text(Range<Int>)
    /// A special token matched at this byte range.
    case token(Int32, Range<Int>)
}

/// llama.cpp's `tokenizer_st_partition`: special tokens are taken longest first; each one claims its
/// leftmost non-overlapping occurrences inside whatever text is left, splitting that text around them.
///
/// Equal-length tokens are taken by increasing id (llama.cpp's order between them is unspecified; it only
/// matters when two such texts can overlap, which none of Gemma's do).
enum SpecialTokenPartition {
    static func split(
        _ text: UnsafeBufferPointer<UInt8>, matcher: SpecialTokenMatcher, length: (Int32) -> Int
    ) -> [Fragment] {
        guard !text.isEmpty else { return [] }
        var occurrences: [Int32: [Int]] = [:]
        matcher.scan(text) { position, id in occurrences[id, default: []].append(position) }
        var fragments: [Fragment] = [.text(0..<text.count)]
        guard !occurrences.isEmpty else { return fragments }

        let order = occurrences.keys.sorted { a, b in
            let (la, lb) = (length(a), length(b))
            return la != lb ? la > lb : a < b
        }
        for id in order {
            let positions = occurrences[id]!
            let width = length(id)
            var next: [Fragment] = []
            next.reserveCapacity(fragments.count + 2)
            var k = 0
            for fragment in fragments {
                guard case .text(let range) = fragment else {
                    next.append(fragment)
                    continue
                }
                while k < positions.count, positions[k] < range.lowerBound { k += 1 }
                var cursor = range.lowerBound
                while k < positions.count, positions[k] + width <= range.upperBound {
                    let p = positions[k]
                    k += 1
                    guard p >= cursor else { continue }  // overlaps the occurrence just taken
                    if p > cursor { next.append(.text(cursor..<p)) }
                    next.append(.token(id, p..<(p + width)))
                    cursor = p + width
                }
                if cursor < range.upperBound { next.append(.text(cursor..<range.upperBound)) }
            }
            fragments = next
        }
        return fragments
    }
}
