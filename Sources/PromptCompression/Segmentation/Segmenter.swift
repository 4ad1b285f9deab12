/// Turns an input (plain text, or chosen string values of a JSON text) into pieces and coarse units.
enum Segmenter {
    /// What the user asked to protect besides placeholders and marked spans.
    struct Settings: Sendable {
        /// Protect every word containing a digit.
        var keepDigits = false
        /// Words or phrases always kept (matched case-insensitively on whole words).
        var forceWords: [String] = []
    }

    /// Longest coarse unit, in pieces, before a new one is started (run-on text, transcripts).
    static let maxUnitPieces = 60

    /// Segments plain text.
    static func segmentText(_ bytes: [UInt8], settings: Settings) -> SegmentedText {
        var pieces: [Piece] = []
        var lines: [Int: LineSegmenter.LineInfo] = [:]
        var line = 0
        appendBlocks(bytes, range: 0..<bytes.count, escaped: false, region: 0, counted: true,
                     line: &line, pieces: &pieces, lines: &lines)
        return finish(bytes, pieces: pieces, lines: lines, settings: settings)
    }

    /// Segments a JSON text: the string values `select` accepts are compressible (in their raw, escaped form);
    /// everything else is protected. With `countAll` false only the selected contents count towards the ratio.
    static func segmentJSON(
        _ bytes: [UInt8], values: [JSONStringScanner.StringValue], settings: Settings, countAll: Bool,
        select: (JSONStringScanner.StringValue) -> Bool
    ) -> SegmentedText {
        var pieces: [Piece] = []
        var lines: [Int: LineSegmenter.LineInfo] = [:]
        var line = 0
        var cursor = 0
        var region = 0
        for v in values where select(v) && !v.content.isEmpty {
            region += 1
            if v.content.lowerBound > cursor {
                pieces.append(Piece(range: cursor..<v.content.lowerBound, kind: .protected, line: line,
                                    counted: countAll, region: 0))
                line += 1
            }
            appendBlocks(bytes, range: v.content, escaped: true, region: region, counted: true,
                         line: &line, pieces: &pieces, lines: &lines)
            line += 1
            cursor = v.content.upperBound
        }
        if cursor < bytes.count {
            pieces.append(Piece(range: cursor..<bytes.count, kind: .protected, line: line, counted: countAll, region: 0))
        }
        return finish(bytes, pieces: pieces, lines: lines, settings: settings)
    }

    private static func appendBlocks(
        _ bytes: [UInt8], range: Range<Int>, escaped: Bool, region: Int, counted: Bool,
        line: inout Int, pieces: inout [Piece], lines: inout [Int: LineSegmenter.LineInfo]
    ) {
        let segmenter = LineSegmenter(bytes: bytes, jsonEscaped: escaped)
        func newlines(_ r: Range<Int>) -> Int {
            if escaped {
                var n = 0, k = r.lowerBound
                while k + 1 < r.upperBound {
                    if bytes[k] == UInt8(ascii: "\\") { if bytes[k + 1] == UInt8(ascii: "n") { n += 1 }; k += 2 } else { k += 1 }
                }
                return n
            }
            return bytes[r].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }
        for block in ProtectedSpans.blocks(bytes, in: range, escaped: escaped) {
            let start = pieces.count
            switch block {
            case .marker(let r): pieces.append(Piece(range: r, kind: .marker, line: line))
            case .kept(let r):
                pieces.append(Piece(range: r, kind: .protected, line: line))
                line += newlines(r)
            case .code(let r):
                pieces.append(Piece(range: r, kind: .code, line: line))
                line += newlines(r)
            case .json(let r, let leadingSpace):
                pieces.append(Piece(range: r, kind: .code, line: line, leadingSpace: leadingSpace))
                line += newlines(r)
            case .text(let r): segmenter.segment(r, line: &line, pieces: &pieces, lines: &lines)
            }
            for k in start..<pieces.count {
                pieces[k].region = region
                pieces[k].counted = counted
            }
        }
    }

    /// Merges compound words, applies force words and digit protection, and builds coarse units.
    private static func finish(
        _ bytes: [UInt8], pieces raw: [Piece], lines: [Int: LineSegmenter.LineInfo], settings: Settings
    ) -> SegmentedText {
        let builder = UnitBuilder(bytes: bytes)
        var pieces = builder.merge(raw)
        protect(&pieces, builder: builder, settings: settings)
        var units: [CoarseUnit] = []
        var needNew = true, newParagraph = true
        var paragraph = -1
        var region = -1
        for idx in pieces.indices {
            let p = pieces[idx]
            if p.region != region { region = p.region; needNew = true; newParagraph = true }
            switch p.kind {
            case .marker: continue
            case .code:
                paragraph += 1
                units.append(CoarseUnit(pieces: [idx], paragraph: paragraph, isCode: true, startsParagraph: true))
                pieces[idx].sentence = units.count - 1
                needNew = true; newParagraph = true
                continue
            case .lineBreak:
                if !units.isEmpty { pieces[idx].sentence = units.count - 1; units[units.count - 1].pieces.append(idx) }
                let breaks = lineBreakCount(bytes, p.range)
                if breaks >= 2 { newParagraph = true; needNew = true }
                let here = lines[p.line] ?? .init(), next = lines[p.line + breaks] ?? lines[p.line + 1] ?? .init()
                if here.isHeading || here.isListItem || next.isHeading || next.isListItem || next.hasLabel { needNew = true }
                if here.isHeading { newParagraph = true }
                continue
            case .structure, .word, .protected:
                if !needNew, let last = units.last, last.pieces.count >= maxUnitPieces, p.kind == .word { needNew = true }
                if needNew || units.isEmpty {
                    if newParagraph || units.isEmpty { paragraph += 1 }
                    let info = lines[p.line] ?? .init()
                    units.append(CoarseUnit(pieces: [], paragraph: paragraph, isHeading: info.isHeading,
                                            isListItem: info.isListItem, startsParagraph: newParagraph || units.isEmpty))
                    needNew = false; newParagraph = false
                    if p.kind == .word { pieces[idx].traits.insert(.sentenceStart) }
                }
                units[units.count - 1].pieces.append(idx)
                pieces[idx].sentence = units.count - 1
                if p.kind == .word, builder.endsSentence(builder.text(p)) {
                    pieces[idx].traits.insert(.sentenceEnd)
                    needNew = true
                }
            }
        }
        PhraseBuilder.assign(&pieces, bytes: bytes)
        return SegmentedText(bytes: bytes, pieces: pieces, units: units)
    }

    /// Turns force words and (when asked) numbers into protected pieces.
    private static func protect(_ pieces: inout [Piece], builder: UnitBuilder, settings: Settings) {
        let phrases = settings.forceWords.map { $0.split(whereSeparator: { $0 == " " }).map { UnitBuilder.core(String($0)) } }
            .filter { !$0.isEmpty && !$0.allSatisfy(\.isEmpty) }
        for idx in pieces.indices where pieces[idx].kind == .word {
            if settings.keepDigits, pieces[idx].traits.contains(.number) { pieces[idx].kind = .protected; continue }
            let words = builder.text(pieces[idx]).split(whereSeparator: { $0 == " " || $0 == "\t" }).map { UnitBuilder.core(String($0)) }
            for phrase in phrases {
                // The phrase inside this unit, or starting here and running over the next word pieces.
                if contains(words, phrase) { pieces[idx].kind = .protected; break }
                if phrase.count > 1, phrase.first == words.last {
                    var j = idx + 1, k = 1
                    var run = [idx]
                    while k < phrase.count, j < pieces.count, pieces[j].kind == .word || pieces[j].kind == .protected {
                        let w = builder.text(pieces[j]).split(separator: " ").map { UnitBuilder.core(String($0)) }
                        if w.first != phrase[k] { break }
                        k += w.count
                        run.append(j)
                        j += 1
                    }
                    if k >= phrase.count { for r in run { pieces[r].kind = .protected } }
                }
            }
        }
    }

    /// Newlines in a line-break piece (raw `\n` bytes, or `\\n` escapes inside JSON strings).
    static func lineBreakCount(_ bytes: [UInt8], _ r: Range<Int>) -> Int {
        var n = 0
        var k = r.lowerBound
        while k < r.upperBound {
            if bytes[k] == 10 { n += 1 } else if bytes[k] == 92, k + 1 < r.upperBound, bytes[k + 1] == 110 { n += 1; k += 1 }
            k += 1
        }
        return n
    }

    private static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard phrase.count <= words.count else { return false }
        for s in 0...(words.count - phrase.count) where Array(words[s..<s + phrase.count]) == phrase { return true }
        return false
    }
}
