/// A value chosen by an if/else assignment (`if rag: system = BASE + records` / `else: system = BASE`): the
/// name's last assignment before its use is one branch, the ones before it in the same statement the others
/// (an `elif`, or a branch nested in an earlier one: `if on: if found: x = [ctx] + base` / `else: x = base`).
/// Each branch is a path a request can take, so the reader follows the one that brings more values into the
/// text; a static alternative must not hide the path that carries a per-request value.
extension SourceAnalysis {
    /// The alternative of `chosen` (an assignment in the last branch of an if/else) that holds more names and
    /// calls, when an earlier branch of the same statement assigns the name too and the use at `offset` follows
    /// the statement; `chosen` otherwise. An earlier branch counts by the last assignment it makes (the one an
    /// `else`/`elif` line follows), at the chosen one's indentation or nested deeper.
    func branchAlternative(_ chosen: SourceNode, among values: [SourceNode], before offset: Int) -> SourceNode {
        guard let k = values.firstIndex(where: { $0.range == chosen.range }), k > 0 else { return chosen }
        if module.language == .script, let earlier = scriptEarlierBranch(chosen, among: values, before: offset) {
            return Self.valueCount(earlier) > Self.valueCount(chosen) ? earlier : chosen
        }
        let depth = indentation(at: chosen.range.lowerBound)
        guard depth > 0, indentation(at: offset) < depth || leavesStatement(chosen, depth: depth, before: offset)
        else { return chosen }
        var (best, next) = (chosen, chosen)
        for earlier in values[..<k].reversed() {
            let own = indentation(at: earlier.range.lowerBound)
            guard earlier.range.upperBound <= next.range.lowerBound, own >= depth,
                Self.separatesBranches(source.string(earlier.range.upperBound..<chosen.range.lowerBound), depth: depth)
            else { break }
            if Self.endsBranch(source.string(earlier.range.upperBound..<next.range.lowerBound), below: own),
                Self.valueCount(earlier) > Self.valueCount(best)
            {
                best = earlier
            }
            next = earlier
        }
        return best
    }

    /// True when the code between `chosen` and the use at `offset` leaves its branch for a line that is not
    /// another branch (`else`/`elif`): the use follows the statement, even nested in a later block (`for attempt
    /// in range(3): ... messages=prepared`). Comments and closing braces alone do not decide it.
    private func leavesStatement(_ chosen: SourceNode, depth: Int, before offset: Int) -> Bool {
        guard chosen.range.upperBound < offset else { return false }
        for (body, word) in Self.outerLines(source.string(chosen.range.upperBound..<offset), below: depth)
        where !body.hasPrefix("#") && !body.hasPrefix("//") && !word.isEmpty {
            return !Self.opensBranch(word)
        }
        return false
    }

    /// True when an `else`/`elif` line less indented than `depth` follows the first line of `between`: the block
    /// holding the assignment before it ends there.
    private static func endsBranch(_ between: String, below depth: Int) -> Bool {
        outerLines(between, below: depth).contains { opensBranch($0.word) }
    }

    /// The lines of `between` after its first that are less indented than `depth` and not blank: each line's text
    /// after its indentation, and its first word after any closing braces (`} else {` gives `else {`).
    private static func outerLines(_ between: String, below depth: Int) -> [(body: Substring, word: Substring)] {
        between.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().compactMap { line in
            let body = line.drop { $0 == " " || $0 == "\t" }
            guard !body.isEmpty, line.count - body.count < depth else { return nil }
            return (body, body.drop { $0 == "}" || $0 == " " })
        }
    }

    /// True for a word that opens another branch of the statement: `else`, `elif`, and Python's `except` (the
    /// handler's `x = ""` is the fallback path of the `try` block's `x = search(query)`, not its replacement).
    private static func opensBranch(_ word: Substring) -> Bool {
        if word.hasPrefix("else") || word.hasPrefix("elif") { return true }
        guard word.hasPrefix("except") else { return false }
        let next = word.dropFirst(6).first
        return next == nil || next == ":" || next == " " || next == "("
    }

    /// In a script, the last of `values` assigned in the branch before the `else` block that holds `chosen`
    /// (`if (found) { ctx = "Courses:"; ctx += list } else { ctx = "Categories:"; ctx += more }`), when the use at
    /// `offset` follows that block and the `else` block assigns the name more than once; nil otherwise. The nearest
    /// enclosing `else` block counts, a few levels out.
    private func scriptEarlierBranch(_ chosen: SourceNode, among values: [SourceNode], before offset: Int) -> SourceNode? {
        let tokens = module.tokens
        var k = module.firstToken(startingAtOrAfter: chosen.range.lowerBound)
        guard k < tokens.count else { return nil }
        for _ in 0..<4 {
            guard let open = enclosingBrace(before: k) else { return nil }
            guard let close = module.matching[open], tokens[close].range.upperBound <= offset else { return nil }
            var head = open - 1
            if module.isOp(head, ")"), let paren = module.closers[head], module.isName(paren - 1, "if") { head = paren - 2 }
            if module.isName(head, "else"), module.isOp(head - 1, "}"), let ifOpen = module.closers[head - 1] {
                // Only a branch built over several statements (`ctx = "…"; ctx += more`): a single assignment is
                // the one before it, which the indentation rule below weighs.
                let inElse = tokens[open].range.upperBound..<tokens[close].range.lowerBound
                guard values.filter({ inElse.contains($0.range.upperBound - 1) }).count >= 2 else { return nil }
                let lower = tokens[ifOpen].range.upperBound
                let upper = tokens[head - 1].range.lowerBound
                return values.last { $0.range.lowerBound >= lower && $0.range.upperBound <= upper }
            }
            k = open
        }
        return nil
    }

    /// The `{` of the innermost brace block that holds token `k` (open before it, closed after it).
    private func enclosingBrace(before k: Int) -> Int? {
        var j = k - 1
        while j >= 0 {
            if module.isOp(j, "{") { return j }
            // A closed block, bracket or call before `k`: skip it whole.
            if let open = module.closers[j], module.tokens[j].kind == .op { j = open - 1 } else { j -= 1 }
        }
        return nil
    }

    /// True when the code between two assignments leaves their indentation only for `else`/`elif` lines (and a
    /// script's closing braces), at least once: they are branches of one if statement.
    private static func separatesBranches(_ between: String, depth: Int) -> Bool {
        var sawElse = false
        for (_, word) in outerLines(between, below: depth) {
            if opensBranch(word) {
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
