/// Builds the output from a keep decision per piece: protected pieces always, markers never, line structure
/// exactly when its line keeps content, and no inter-word space at the start of an output line.
struct Assembly: Sendable {
    /// The output bytes.
    var bytes: [UInt8]
    /// Byte ranges of the original that the output is made of, ascending and merged.
    var kept: [Range<Int>]
    /// The output of each counted region, in order (one element when the whole output counts).
    var countedTexts: [String]

    /// Assembles `text` keeping the word and code pieces whose `keep` flag is set.
    init(_ text: SegmentedText, keep: [Bool]) {
        let pieces = text.pieces
        // Which lines keep content, and for each piece whether kept content follows it in its region.
        var lineHasContent = Set<Int>()
        for (i, p) in pieces.enumerated() where Self.isContent(p, keep[i]) { lineHasContent.insert(p.line) }
        var contentAfter = [Bool](repeating: false, count: pieces.count)
        var seen: [Int: Bool] = [:]
        for i in stride(from: pieces.count - 1, through: 0, by: -1) {
            let p = pieces[i]
            contentAfter[i] = seen[p.region] ?? false
            if Self.isContent(p, keep[i]) { seen[p.region] = true }
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.bytes.count)
        var ranges: [Range<Int>] = []
        var regionTexts: [Int: [UInt8]] = [:]
        var regionOrder: [Int] = []
        let countAll = pieces.allSatisfy(\.counted)
        func emit(_ r: Range<Int>, _ p: Piece) {
            guard !r.isEmpty else { return }
            out += text.bytes[r]
            if let last = ranges.last, last.upperBound == r.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<r.upperBound
            } else { ranges.append(r) }
            if !countAll, p.counted {
                if regionTexts[p.region] == nil { regionOrder.append(p.region) }
                regionTexts[p.region, default: []] += text.bytes[r]
            }
        }
        var atLineStart = true
        var regionOfLast = -1
        for (i, p) in pieces.enumerated() {
            if p.region != regionOfLast { atLineStart = true; regionOfLast = p.region }
            var emitRange: Range<Int>?
            switch p.kind {
            case .marker: emitRange = nil
            case .protected, .word, .code:
                guard Self.isContent(p, keep[i]) else { continue }
                let skip = atLineStart ? p.leadingSpace : 0
                emitRange = (p.range.lowerBound + skip)..<p.range.upperBound
            case .structure:
                if lineHasContent.contains(p.line) { emitRange = p.range }
            case .lineBreak:
                if lineHasContent.contains(p.line), contentAfter[i] { emitRange = p.range }
            }
            guard let r = emitRange, !r.isEmpty else { continue }
            emit(r, p)
            if p.kind == .lineBreak { atLineStart = true } else if p.kind != .structure || !r.isEmpty {
                atLineStart = p.kind == .structure ? false : Self.endsWithNewline(text.bytes, r)
            }
        }
        bytes = out
        kept = ranges
        if countAll {
            countedTexts = [String(decoding: out, as: UTF8.self)]
        } else {
            countedTexts = regionOrder.map { String(decoding: regionTexts[$0]!, as: UTF8.self) }
        }
    }

    /// Whether a piece is kept content (not structure).
    static func isContent(_ p: Piece, _ keep: Bool) -> Bool {
        switch p.kind {
        case .protected: return true
        case .word, .code: return keep
        default: return false
        }
    }

    private static func endsWithNewline(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard let last = r.last else { return false }
        return bytes[last] == 10
    }
}
