/// A forgiving expression parser over `SourceToken`s for Python and TypeScript/JavaScript.
///
/// It reads calls, member chains, literals, dicts/objects, lists, binary operators and conditionals;
/// comprehensions keep their parts; anything else (lambdas, arrow functions) becomes `.other` holding the expressions
/// inside it. It never fails: unknown tokens end an expression, and nesting deeper than `maxDepth`
/// is skipped as one opaque node, so hostile input cannot recurse far.
struct SourceParser {
    let tokens: [SourceToken]
    let language: SourceLanguage
    /// The next token to read.
    var pos: Int
    private var depth = 0
    private static let maxDepth = 120

    init(_ tokens: [SourceToken], language: SourceLanguage, at pos: Int = 0) {
        self.tokens = tokens
        self.language = language
        self.pos = pos
    }

    /// The expression of an f-string field or template substitution.
    static func field(_ field: InterpolatedField, language: SourceLanguage) -> SourceNode? {
        var parser = SourceParser(field.tokens, language: language)
        return parser.expression()
    }

    var current: SourceToken? { pos < tokens.count ? tokens[pos] : nil }

    func peek(_ k: Int = 0) -> SourceToken? { pos + k < tokens.count ? tokens[pos + k] : nil }

    func isOp(_ text: String, at k: Int = 0) -> Bool {
        guard let t = peek(k) else { return false }
        return t.kind == .op && t.text == text
    }

    func isName(_ text: String, at k: Int = 0) -> Bool {
        guard let t = peek(k) else { return false }
        return t.kind == .name && t.text == text
    }

    private var start: Int { current?.range.lowerBound ?? (tokens.last?.range.upperBound ?? 0) }
    /// The end of the last token consumed (the position may run past the last token on truncated input).
    private var previousEnd: Int { pos > 0 ? tokens[min(pos, tokens.count) - 1].range.upperBound : start }
    /// The source span from `s` to the last token consumed; empty, never reversed, when nothing was consumed
    /// after `s` (a stop token at the depth limit, whitespace before it).
    private func span(from s: Int) -> Range<Int> { s..<max(s, previousEnd) }

    /// A full expression (conditional, lambda or arrow function included), or nil when none starts here.
    mutating func expression() -> SourceNode? {
        guard current != nil else { return nil }
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            let s = start
            skip(until: [",", ")", "]", "}", ";", ":"])
            return SourceNode(kind: .other([]), range: span(from: s))
        }
        let s = start
        if language == .python, isName("lambda") {
            skip(until: [":"])
            if isOp(":") { pos += 1 }
            let body = expression()
            return SourceNode(kind: .other(body.map { [$0] } ?? []), range: span(from: s))
        }
        if language == .script, let arrow = arrowFunction() { return arrow }
        guard var node = binary(minimum: 1) else { return nil }
        if language == .python, isName("if") {
            pos += 1
            let condition = binary(minimum: 1)
            var values = [node]
            if isName("else") {
                pos += 1
                if let other = expression() { values.append(other) }
            }
            node = SourceNode(kind: .conditional(values + (condition.map { [$0] } ?? [])), range: span(from: s))
        } else if language == .script, isOp("?") {
            pos += 1
            var values: [SourceNode] = []
            if let a = expression() { values.append(a) }
            if isOp(":") {
                pos += 1
                if let b = expression() { values.append(b) }
            }
            node = SourceNode(kind: .conditional(values + [node]), range: span(from: s))
        }
        if language == .script, isName("as") || isName("satisfies") {
            pos += 1
            skipType()
        }
        return node
    }

    private static let precedence: [String: Int] = [
        "or": 1, "||": 1, "??": 1, "and": 2, "&&": 2, "in": 3, "is": 3, "instanceof": 3, "==": 3, "!=": 3, "===": 3,
        "!==": 3, "<": 3, ">": 3, "<=": 3, ">=": 3, "|": 4, "^": 5, "&": 6, "<<": 7, ">>": 7, ">>>": 7, "+": 8, "-": 8,
        "*": 9, "/": 9, "//": 9, "%": 9, "@": 9, "**": 10,
    ]

    private func binaryOperator() -> (String, Int)? {
        guard let t = current else { return nil }
        if t.kind == .name, language == .python, t.text == "not", isName("in", at: 1) { return ("not in", 3) }
        guard t.kind == .op || ["or", "and", "in", "is", "instanceof"].contains(t.text), t.kind != .string else { return nil }
        if t.kind == .name, language == .script, t.text == "or" || t.text == "and" || t.text == "is" { return nil }
        guard let p = Self.precedence[t.text] else { return nil }
        return (t.text, p)
    }

    private mutating func binary(minimum: Int) -> SourceNode? {
        let s = start
        guard var left = unary() else { return nil }
        skipTypeAssertion()
        while let (op, p) = binaryOperator(), p >= minimum {
            pos += op == "not in" ? 2 : 1
            guard let right = binary(minimum: op == "**" ? p : p + 1) else { break }
            left = SourceNode(kind: .binary(op, left, right), range: span(from: s))
            skipTypeAssertion()
        }
        return left
    }

    /// Skips a TypeScript type assertion after an operand (`ctx.get("time") as string || fallback`): it
    /// leaves the value as it is, and the operator after its type still joins the operand to what follows.
    private mutating func skipTypeAssertion() {
        while language == .script, isName("as") || isName("satisfies") {
            pos += 1
            skipType()
        }
    }

    private mutating func unary() -> SourceNode? {
        let s = start
        guard let t = current else { return nil }
        let prefixes: Set<String> = language == .python
            ? ["not", "await", "-", "+", "~", "*", "**", "yield"]
            : ["!", "-", "+", "~", "typeof", "void", "delete", "await", "...", "yield"]
        if prefixes.contains(t.text), t.kind != .string {
            depth += 1
            defer { depth -= 1 }
            pos += 1
            if depth > Self.maxDepth { return SourceNode(kind: .literal, range: span(from: s)) }
            guard let operand = unary() else { return SourceNode(kind: .literal, range: span(from: s)) }
            return SourceNode(kind: .other([operand]), range: span(from: s))
        }
        if language == .script, t.kind == .name, t.text == "new" {
            let atNew = pos
            pos += 1
            guard var callee = primary() else {
                pos = atNew  // nothing after `new` (a truncated file): leave the word for the caller to skip
                return nil
            }
            while isOp("."), let n = peek(1), n.kind == .name {
                pos += 2
                callee = SourceNode(kind: .member(callee, n.text), range: span(from: s))
            }
            let path = "new " + (callee.dottedPath ?? "?")
            var node = SourceNode(kind: .call(SourceNode(kind: .name(path), range: callee.range), []), range: span(from: s))
            // `new Agent<Name, Tools, Memory, Runtime>({ … })`: type arguments before the constructor's arguments.
            if isOp("<"), let open = Self.callAfterTypeArguments(tokens, from: pos) { pos = open }
            if isOp("(") {
                pos += 1
                node = SourceNode(kind: .call(SourceNode(kind: .name(path), range: callee.range), arguments(close: ")")),
                                  range: span(from: s))
            }
            return postfix(node, start: s)
        }
        guard let p = primary() else { return nil }
        return postfix(p, start: s)
    }

    /// The index of the `(` after TypeScript type arguments opening at `k` (`fromMessages<{ context: string }>(`),
    /// or nil when the `<` there is not such a list (a comparison).
    static func callAfterTypeArguments(_ tokens: [SourceToken], from k: Int) -> Int? {
        guard k < tokens.count, tokens[k].kind == .op, tokens[k].text == "<" else { return nil }
        var angles = 0
        var brackets = 0
        var i = k
        while i < tokens.count, i - k < 400 {
            let t = tokens[i]
            if t.kind == .op {
                switch t.text {
                case "<": angles += 1
                case ">": angles -= 1
                case ">>": angles -= 2
                case ">>>": angles -= 3
                case "(", "[", "{": brackets += 1
                case ")", "]", "}":
                    brackets -= 1
                    if brackets < 0 { return nil }
                case ";" where brackets == 0, "=" where brackets == 0, "&&", "||": return nil
                default: break
                }
            }
            if angles <= 0 {
                guard angles == 0, brackets == 0, i + 1 < tokens.count, tokens[i + 1].kind == .op, tokens[i + 1].text == "(" else { return nil }
                return i + 1
            }
            i += 1
        }
        return nil
    }

    private mutating func postfix(_ base: SourceNode, start s: Int) -> SourceNode {
        var node = base
        while let t = current {
            if language == .script, t.kind == .op, t.text == "<", let open = Self.callAfterTypeArguments(tokens, from: pos) {
                pos = open
                continue
            }
            if t.kind == .op, t.text == "." || t.text == "?.", let n = peek(1), n.kind == .name {
                pos += 2
                node = SourceNode(kind: .member(node, n.text), range: span(from: s))
            } else if t.kind == .op, t.text == "?.", isOp("(", at: 1) || isOp("[", at: 1) {
                pos += 1
            } else if t.kind == .op, t.text == "(" {
                pos += 1
                node = SourceNode(kind: .call(node, arguments(close: ")")), range: span(from: s))
            } else if t.kind == .op, t.text == "[" {
                pos += 1
                var index: [SourceNode] = []
                while let e = expression() {
                    index.append(e)
                    if isOp(",") || isOp(":") { pos += 1 } else { break }
                }
                skip(until: ["]"])
                close("]")
                node = SourceNode(kind: .index(node, index), range: span(from: s))
            } else if language == .script, t.kind == .string, t.literal?.prefix == "`" {
                // A tagged template: dedent`…`.
                pos += 1
                let arg = SourceNode(kind: .string(t.literal!), range: t.range)
                node = SourceNode(kind: .call(node, [SourceArgument(label: nil, value: arg)]), range: span(from: s))
            } else if language == .script, t.kind == .op, t.text == "!",
                peek(1).map({ [".", ")", ",", ";", "]", "}"].contains($0.text) }) ?? true
            {
                pos += 1
            } else {
                break
            }
        }
        return node
    }

    /// Implicitly concatenated Python strings (`"a" f"{b}" "c"`) as a balanced tree of `+`: a prompt written as a
    /// hundred adjacent f-strings nests about seven deep, not a hundred, so rendering and tracing (which
    /// bound their depth) see every piece.
    static func concatenation(_ pieces: ArraySlice<SourceNode>) -> SourceNode {
        if pieces.count == 1 { return pieces[pieces.startIndex] }
        let middle = pieces.startIndex + pieces.count / 2
        let a = concatenation(pieces[..<middle]), b = concatenation(pieces[middle...])
        return SourceNode(kind: .binary("+", a, b), range: a.range.lowerBound..<b.range.upperBound)
    }

    private mutating func primary() -> SourceNode? {
        guard let t = current else { return nil }
        let s = t.range.lowerBound
        switch t.kind {
        case .string:
            pos += 1
            var pieces = [SourceNode(kind: .string(t.literal!), range: t.range)]
            while language == .python, let n = current, n.kind == .string {
                pos += 1
                pieces.append(SourceNode(kind: .string(n.literal!), range: n.range))
            }
            return Self.concatenation(pieces[...])
        case .number:
            pos += 1
            return SourceNode(kind: .literal, range: t.range)
        case .newline:
            return nil
        case .name:
            if language == .script, t.text == "function" || t.text == "class" {
                pos += 1
                skip(until: ["{"])
                skipBalanced()
                return SourceNode(kind: .other([]), range: span(from: s))
            }
            let reserved: Set<String> = language == .python
                ? ["if", "else", "for", "in", "and", "or", "not", "is", "lambda", "return", "def", "class", "import", "from"]
                : ["if", "else", "for", "in", "return", "const", "let", "var", "function", "import", "export", "instanceof"]
            if reserved.contains(t.text) { return nil }
            pos += 1
            let constants: Set<String> = ["True", "False", "None", "true", "false", "null", "undefined"]
            return SourceNode(kind: constants.contains(t.text) ? .literal : .name(t.text), range: t.range)
        case .op:
            switch t.text {
            case "(":
                pos += 1
                let items = sequence(close: ")")
                if comprehension { return SourceNode(kind: .comprehension(items), range: span(from: s)) }
                if items.count == 1, !tupleComma { return items[0] }
                return SourceNode(kind: .list(items, isSet: false), range: span(from: s))
            case "[":
                pos += 1
                let items = sequence(close: "]")
                return SourceNode(kind: comprehension ? .comprehension(items) : .list(items, isSet: false), range: span(from: s))
            case "{":
                pos += 1
                return braces(start: s)
            case "/regex/":
                // A script regex literal (one token from the lexer): a constant value, so an argument list
                // keeps its positions (`text.replace(/{(\w+)}/g, fill)`).
                pos += 1
                return SourceNode(kind: .literal, range: t.range)
            default:
                return nil
            }
        }
    }

    private var tupleComma = false
    private var comprehension = false

    /// Items up to `close`, noting a trailing comma (a tuple) and `for` (a comprehension or generator).
    private mutating func sequence(close closer: String) -> [SourceNode] {
        var items: [SourceNode] = []
        var sawComma = false
        var sawFor = false
        while current != nil, !isOp(closer) {
            let before = pos
            defer { if pos == before { pos += 1 } }
            if isName("for") || isName("async") {
                sawFor = true
                pos += 1
                continue
            }
            if let e = expression() {
                items.append(e)
            } else {
                skip(until: [",", closer])
            }
            if isOp(",") {
                sawComma = true
                pos += 1
            } else if !isName("for"), !isName("if"), !isName("in"), !isOp(closer) {
                skip(until: [",", closer])
            } else if isName("if") || isName("in") {
                pos += 1
            }
        }
        close(closer)
        tupleComma = sawComma
        comprehension = sawFor
        return items
    }

    /// A dict or set (Python) or object literal (script) after its `{`.
    private mutating func braces(start s: Int) -> SourceNode {
        var entries: [SourceEntry] = []
        var setItems: [SourceNode] = []
        var sawFor = false
        while let t = current, !isOp("}") {
            let before = pos
            defer { if pos == before { pos += 1 } }
            if t.kind == .op, t.text == "**" || t.text == "..." {
                pos += 1
                if let v = expression() { entries.append(SourceEntry(keyName: nil, key: nil, value: v)) }
            } else if language == .script, t.kind == .name || t.kind == .string || t.kind == .number,
                isOp(",", at: 1) || isOp("}", at: 1) || isOp(":", at: 1) || isOp("(", at: 1)
            {
                let key = t.kind == .string ? t.literal?.plainText : t.text
                pos += 1
                if isOp(":") {
                    pos += 1
                    if let v = expression() { entries.append(SourceEntry(keyName: key, key: nil, value: v)) }
                } else if isOp("(") {
                    // A method (`contextSystemPrompt({ context }) { return `…` }`): a body that opens with
                    // `return` is kept as the entry's value (what the method gives back); others are skipped.
                    skipBalanced()
                    if isOp("{") {
                        let body = pos
                        if isName("return", at: 1) {
                            pos += 2
                            if let v = expression() { entries.append(SourceEntry(keyName: key, key: nil, value: v)) }
                            pos = body
                        }
                        skipBalanced()
                    }
                } else {
                    entries.append(SourceEntry(keyName: key, key: nil, value: SourceNode(kind: .name(t.text), range: t.range)))
                }
            } else if isName("for") {
                sawFor = true
                pos += 1
            } else if let k = expression() {
                if isOp(":") {
                    pos += 1
                    let v = expression() ?? SourceNode(kind: .literal, range: previousEnd..<previousEnd)
                    entries.append(SourceEntry(keyName: k.plainString, key: k, value: v))
                } else {
                    setItems.append(k)
                }
            } else {
                pos += 1
            }
            if isOp(",") {
                pos += 1
            } else if !isOp("}"), !isName("for") {
                if isName("if") || isName("in") { pos += 1 } else { skip(until: [",", "}"]) }
            }
        }
        close("}")
        if sawFor { return SourceNode(kind: .comprehension(entries.map(\.value) + setItems), range: span(from: s)) }
        if !setItems.isEmpty, entries.isEmpty { return SourceNode(kind: .list(setItems, isSet: true), range: span(from: s)) }
        return SourceNode(kind: .dict(entries), range: span(from: s))
    }

    /// Call arguments after `(`, through the closing bracket.
    mutating func arguments(close closer: String) -> [SourceArgument] {
        var args: [SourceArgument] = []
        while current != nil, !isOp(closer) {
            let before = pos
            defer { if pos == before { pos += 1 } }
            var label: String?
            var spread = false
            if let t = current, t.kind == .name, isOp("=", at: 1), language == .python {
                label = t.text
                pos += 2
            } else if let t = current, t.kind == .op, ["*", "**", "..."].contains(t.text) {
                spread = true
                pos += 1
            }
            if let v = expression() {
                if isName("for") {
                    // A generator argument: `sorted(x for x in xs if x)`; targets and iterables are parsed too.
                    var parts = [v]
                    while current != nil, !isOp(closer), !isOp(",") {
                        let before = pos
                        if isName("for") || isName("async") || isName("if") {
                            pos += 1
                        } else if let e = expression() {
                            parts.append(e)
                        }
                        if pos == before { skip(until: [",", closer]) }
                        if pos == before { break }
                    }
                    args.append(SourceArgument(label: label, value: SourceNode(kind: .comprehension(parts), range: v.range.lowerBound..<max(v.range.lowerBound, previousEnd))))
                } else {
                    args.append(SourceArgument(label: label, value: v, spread: spread))
                }
            }
            if isOp(",") { pos += 1 } else if !isOp(closer) { skip(until: [",", closer]) }
        }
        close(closer)
        return args
    }

    /// An arrow function at the current token, skipped whole, or nil when none starts here.
    private mutating func arrowFunction() -> SourceNode? {
        let s = start
        let saved = pos
        if isName("async") { pos += 1 }
        if let t = current, t.kind == .name, isOp("=>", at: 1) {
            pos += 2
        } else if isOp("(") {
            skipBalanced()
            if isOp(":") {
                pos += 1
                skipType()
            }
            guard isOp("=>") else {
                pos = saved
                return nil
            }
            pos += 1
        } else {
            pos = saved
            return nil
        }
        var inner: [SourceNode] = []
        if isOp("{") {
            skipBalanced()
        } else if let body = expression() {
            inner.append(body)
        }
        return SourceNode(kind: .other(inner), range: span(from: s))
    }

    /// Skips a TypeScript type annotation.
    mutating func skipType() {
        while let t = current {
            if t.kind == .name || t.kind == .string || t.kind == .number || [".", "|", "&", "[]"].contains(t.text) {
                pos += 1
            } else if t.text == "<" || t.text == "[" || t.text == "(" || t.text == "{" {
                skipBalanced()
            } else if t.text == "[" {
                skipBalanced()
            } else {
                return
            }
        }
    }

    /// Skips one token, or a bracketed group whole (`<…>` groups too, for type arguments). Inside a `(`, `[` or
    /// `{` group a `<` is a comparison as often as a type argument (`if (n < 3)` in a callback's body), so
    /// angles count only in a group that opens with one.
    mutating func skipBalanced() {
        guard let first = current else { return }
        let pairs: [String: String] = ["(": ")", "[": "]", "{": "}", "<": ">"]
        guard first.kind == .op, pairs[first.text] != nil else {
            pos += 1
            return
        }
        var stack: [String] = []
        while let t = current {
            pos += 1
            guard t.kind == .op else { continue }
            if let closer = pairs[t.text], t.text != "<" || first.text == "<" {
                stack.append(closer)
            } else if t.text == stack.last {
                stack.removeLast()
                if stack.isEmpty { return }
            } else if first.text == "<", [";", "=", "{", ")"].contains(t.text) {
                return
            } else if t.text == ">>" || t.text == ">>>", first.text == "<" {
                stack.removeLast(min(stack.count, t.text.count))
                if stack.isEmpty { return }
            }
        }
    }

    /// Skips tokens (brackets whole) up to one of `stops` at this level or an unmatched closing bracket.
    mutating func skip(until stops: Set<String>) {
        while let t = current {
            if t.kind == .op, stops.contains(t.text) { return }
            if t.kind == .op, [")", "]", "}"].contains(t.text) { return }
            if t.kind == .newline, language == .python { return }
            if t.kind == .op, ["(", "[", "{"].contains(t.text) { skipBalanced() } else { pos += 1 }
        }
    }

    private mutating func close(_ closer: String) {
        if isOp(closer) { pos += 1 }
    }
}
