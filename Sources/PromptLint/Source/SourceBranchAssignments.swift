/// A value chosen by an if/else assignment (`if rag: system = BASE + records` / `else: system = BASE`): the
/// name's last assignment before its use is one branch, the one just before it the other. Each branch is a path
/// a request can take, so the reader follows the one that brings more values into the text; a static
/// alternative must not hide the path that carries a per-request value.
extension SourceAnalysis {
    /// The alternative of `chosen` (an assignment in the last branch of an if/else) that holds more names and
    /// calls, when an earlier branch of the same statement assigns the name too and the use at `offset` follows
    /// the statement; `chosen` otherwise.
    func branchAlternative(_ chosen: SourceNode, among values: [SourceNode], before offset: Int) -> SourceNode {
        guard let k = values.firstIndex(where: { $0.range == chosen.range }), k > 0 else { return chosen }
        let earlier = values[k - 1]
        guard earlier.range.upperBound <= chosen.range.lowerBound else { return chosen }
        let depth = indentation(at: chosen.range.lowerBound)
        guard depth > 0, indentation(at: earlier.range.lowerBound) == depth, indentation(at: offset) < depth,
            Self.separatesBranches(source.string(earlier.range.upperBound..<chosen.range.lowerBound), depth: depth)
        else { return chosen }
        return Self.valueCount(earlier) > Self.valueCount(chosen) ? earlier : chosen
    }

    /// True when the code between two assignments leaves their indentation only for `else`/`elif` lines (and a
    /// script's closing braces), at least once: they are branches of one if statement.
    private static func separatesBranches(_ between: String, depth: Int) -> Bool {
        var sawElse = false
        for line in between.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            let body = line.drop { $0 == " " || $0 == "\t" }
            guard !body.isEmpty, line.count - body.count < depth else { continue }
            let word = body.drop { $0 == "}" || $0 == " " }
            if word.hasPrefix("else") || word.hasPrefix("elif") {
                sawElse = true
            } else if !word.isEmpty {
                return false
            }
        }
        return sawElse
    }

    /// How many names, attribute reads, calls and interpolations a value is built from.
    private static func valueCount(_ node: SourceNode) -> Int {
        switch node.kind {
        case .name, .member: return 1
        case .call(_, let args): return 1 + args.reduce(0) { $0 + valueCount($1.value) }
        case .string(let s): return s.pieces.filter { if case .field = $0 { true } else { false } }.count
        default: return node.children.reduce(0) { $0 + valueCount($1) }
        }
    }

    /// The leading spaces and tabs of the line holding `offset`.
    func indentation(at offset: Int) -> Int {
        let bytes = source.bytes
        var k = min(offset, bytes.count)
        while k > 0, bytes[k - 1] != UInt8(ascii: "\n") { k -= 1 }
        var n = 0
        while k + n < bytes.count, bytes[k + n] == UInt8(ascii: " ") || bytes[k + n] == UInt8(ascii: "\t") { n += 1 }
        return n
    }
}
