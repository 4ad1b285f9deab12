extension SourceModule {
    /// A function header in a script: where its parameters start, where its scope ends, and where to go on.
    struct ScriptFunction {
        var name: String?
        var params: Int
        var end: Int
        var next: Int
        var expressionBody: Int?
    }

    private static let notMethods: Set<String> = [
        "if", "for", "while", "switch", "catch", "function", "return", "with", "super", "import", "typeof", "await",
    ]

    /// `function f(…) {`, `f(…) {` (a method), `(…) => {`, `x => {`, `async (…) => expr`.
    func scriptFunction(at i: Int) -> ScriptFunction? {
        let t = tokens[i]
        if t.kind == .name, t.text == "function" {
            var k = i + 1
            if isOp(k, "*") { k += 1 }
            let name = isName(k) ? tokens[k].text : nil
            if name != nil { k += 1 }
            guard isOp(k, "("), let close = matching[k] else { return nil }
            guard let body = bodyBrace(after: close), let end = matching[body] else { return nil }
            return ScriptFunction(name: name ?? assignedName(before: i), params: k, end: end, next: body + 1)
        }
        if t.kind == .name, !Self.notMethods.contains(t.text), isOp(i + 1, "("), let close = matching[i + 1],
            i == 0 || isOp(i - 1, "}") || isOp(i - 1, ";") || isOp(i - 1, "{") || isOp(i - 1, "*")
                || ["async", "static", "public", "private", "protected", "get", "set", "override"].contains(tokens[i - 1].text),
            let body = bodyBrace(after: close), let end = matching[body]
        {
            return ScriptFunction(name: t.text, params: i + 1, end: end, next: body + 1)
        }
        // Arrow functions: `(params) =>` or `name =>`.
        var paramsAt: Int?
        var arrow = 0
        if t.kind == .name, isOp(i + 1, "=>"), !isOp(i - 1, ".") {
            paramsAt = i
            arrow = i + 1
        } else if isOp(i, "("), let close = matching[i] {
            var k = close + 1
            if isOp(k, ":") { k = typeEnd(from: k + 1, limit: close + 12) }
            if isOp(k, "=>") {
                paramsAt = i
                arrow = k
            }
        }
        guard let params = paramsAt else { return nil }
        let name = assignedName(before: isName(i - 1, "async") ? i - 1 : i)
        if isOp(arrow + 1, "{"), let end = matching[arrow + 1] {
            return ScriptFunction(name: name, params: params, end: end, next: arrow + 2)
        }
        return ScriptFunction(name: name, params: params, end: expressionEnd(from: arrow + 1), next: arrow + 1,
                              expressionBody: arrow + 1)
    }

    private func bodyBrace(after close: Int) -> Int? {
        var k = close + 1
        if isOp(k, ":") {
            k = typeEnd(from: k + 1, limit: close + 16)
            // `): { a: string } {` — an object type before the body (`{ a: string }[]` too).
            if isOp(k, "{"), let m = matching[k] {
                var j = m + 1
                while isOp(j, "[]") || isOp(j, "[") && isOp(j + 1, "]") { j += isOp(j, "[]") ? 1 : 2 }
                if isOp(j, "{") { k = j }
            }
        }
        return isOp(k, "{") ? k : nil
    }

    /// The first token from `k` outside type arguments that is `{`, `;` or `=>` (where a return type written
    /// from `k` ends), or the token at `limit` tokens past the start when none comes first. Brackets inside
    /// type arguments are skipped whole: `Array<{ role: string; content: string }>` is one type.
    private func typeEnd(from start: Int, limit: Int) -> Int {
        var k = start
        var angles = 0
        var extra = 0
        while k < tokens.count, k - extra < limit {
            if isOp(k, "<") {
                angles += 1
            } else if isOp(k, ">") || isOp(k, ">>") || isOp(k, ">>>") {
                angles = max(0, angles - tokens[k].text.count)
            } else if angles > 0, let m = matching[k] {
                // A group inside type arguments counts as one token toward the limit.
                extra += m - k
                k = m
            } else if angles == 0, isOp(k, "{") || isOp(k, ";") || isOp(k, "=>") {
                return k
            } else if let m = matching[k], isOp(k, "(") || isOp(k, "[") {
                extra += m - k
                k = m
            }
            k += 1
        }
        return k
    }

    /// `x` in `const x = function`, `const x = async (…) =>`, `x: (…) =>`.
    private func assignedName(before i: Int) -> String? {
        guard i >= 2, isOp(i - 1, "=") || isOp(i - 1, ":"), tokens[i - 2].kind == .name else { return nil }
        return tokens[i - 2].text
    }

    private func expressionEnd(from k: Int) -> Int {
        var parser = SourceParser(tokens, language: language, at: k)
        _ = parser.expression()
        return max(parser.pos, k + 1)
    }

    /// The target of an assignment starting at `i` (`x = …`, `x: T = …`, `self.x = …`, `const x = …`,
    /// `x += …`) and the index of its value.
    func assignmentTarget(at i: Int) -> (name: String, rhs: Int)? {
        var k = i
        // `export default <value>`: the module's default export, imported under any name.
        if language == .script, isName(i, "export"), isName(i + 1, "default"), i + 2 < tokens.count,
            !["function", "class", "async", "interface", "abstract"].contains(tokens[i + 2].text)
        {
            return ("default", i + 2)
        }
        if language == .script {
            if isName(k, "export") { k += 1 }
            if isName(k, "const") || isName(k, "let") || isName(k, "var") {
                k += 1
            } else if i > 0, !(isOp(i - 1, ";") || isOp(i - 1, "}") || isOp(i - 1, "{") || isName(i - 1, "else")
                || followsControlHeader(i) || endsStatementByLineBreak(i))
            {
                return nil
            }
        }
        guard isName(k) else { return nil }
        var name = tokens[k].text
        k += 1
        while isOp(k, "."), isName(k + 1) {
            name += "." + tokens[k + 1].text
            k += 2
        }
        if isOp(k, ":") {
            // A type annotation: skip to `=` on this line/statement. A bracketed group counts as one step, so a
            // long object type (`Array<{ role: string; parts: Array<{ text: string } | …> }>`) is one type.
            var m = k + 1
            var steps = 0
            while m < tokens.count, !isOp(m, "="), tokens[m].kind != .newline, !isOp(m, ";"), steps < 24 {
                if let close = matching[m] { m = close }
                m += 1
                steps += 1
            }
            guard isOp(m, "=") else { return nil }
            k = m
        }
        guard isOp(k, "=") || isOp(k, "+=") else { return nil }
        for prefix in ["self.", "this.", "cls."] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        return (name, k + 1)
    }

    /// True when `i` starts a line and the token before can end an expression (a name, literal, `)` or
    /// `]`): code written without semicolons (`buffer = buffer.replace(a, x)` then `buffer = buffer.replace(b,
    /// y)` on the next line), where the line break ends the statement.
    private func endsStatementByLineBreak(_ i: Int) -> Bool {
        guard tokens[i].startsLine else { return false }
        switch tokens[i - 1].kind {
        case .name, .number, .string: return true
        case .op: return isOp(i - 1, ")") || isOp(i - 1, "]")
        case .newline: return false
        }
    }

    /// True when the token before `i` closes the condition of an `if`/`while`/`for` header, so that `i`
    /// starts the statement it guards (`if (found) prompt += found;`).
    private func followsControlHeader(_ i: Int) -> Bool {
        guard isOp(i - 1, ")"), let open = closers[i - 1] else { return false }
        return isName(open - 1, "if") || isName(open - 1, "while") || isName(open - 1, "for")
    }

    /// One name bound by a destructuring assignment: from the value's `key` (`const { key: name } = …`)
    /// or from position `index` (`a, b = …`, `const [a, b] = …`).
    struct DestructuredName {
        var name: String
        var key: String?
        var index: Int?
    }

    /// `const { a, b: c } = …`, `const [a, b] = …` (scripts) and `a, b = …` (Python, at a statement start):
    /// the names bound and the index of the value.
    func destructuring(at i: Int) -> (names: [DestructuredName], rhs: Int)? {
        var names: [DestructuredName] = []
        if language == .script {
            guard isName(i, "const") || isName(i, "let") || isName(i, "var"), isOp(i + 1, "{") || isOp(i + 1, "["),
                let close = matching[i + 1], isOp(close + 1, "=") || isOp(close + 1, ":")
            else { return nil }
            var k = i + 2
            var position = 0
            let isObject = isOp(i + 1, "{")
            while k < close {
                if isName(k) {
                    if isObject {
                        // `key: name`, `key = default`, `key`.
                        if isOp(k + 1, ":"), isName(k + 2) {
                            names.append(DestructuredName(name: tokens[k + 2].text, key: tokens[k].text))
                            k += 3
                        } else {
                            names.append(DestructuredName(name: tokens[k].text, key: tokens[k].text))
                            k += 1
                        }
                    } else {
                        names.append(DestructuredName(name: tokens[k].text, index: position))
                        k += 1
                    }
                    while k < close, !isOp(k, ",") {
                        if let m = matching[k] { k = m }
                        k += 1
                    }
                } else {
                    if isOp(k, ",") { position += 1 }
                    if let m = matching[k] { k = m }
                    k += 1
                }
            }
            var eq = close + 1
            if isOp(eq, ":") {
                // A type annotation: `const { a }: { a: string } = …`.
                while eq < tokens.count, !isOp(eq, "="), !isOp(eq, ";"), eq - close < 40 {
                    if let m = matching[eq] { eq = m }
                    eq += 1
                }
            }
            guard isOp(eq, "="), !names.isEmpty else { return nil }
            return (names, eq + 1)
        }
        guard tokens.indices.contains(i), tokens[i].indent >= 0, isName(i), isOp(i + 1, ",") else { return nil }
        var k = i
        while isName(k) {
            names.append(DestructuredName(name: tokens[k].text, index: names.count))
            k += 1
            if isOp(k, ",") { k += 1 } else { break }
        }
        guard isOp(k, "="), names.count > 1 else { return nil }
        return (names, k + 1)
    }
}
