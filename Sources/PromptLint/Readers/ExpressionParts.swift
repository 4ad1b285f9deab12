/// Pulls the variable and filters out of template expressions, without evaluating them.
enum ExpressionParts {
    private static let jinjaKeywords: Set<String> = [
        "not", "and", "or", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None",
    ]

    /// `user.name | upper | default("x")` → (`user`, [`upper`, `default`]).
    static func jinja(_ expression: String) -> (variable: String?, filters: [String]) {
        if let root = simplePathRoot(expression) { return (root, []) }
        let parts = splitTopLevelPipes(expression)
        let variable = parts.first.flatMap { firstIdentifier(in: $0) }
        let filters = parts.dropFirst().compactMap { firstIdentifier(in: $0, skipKeywords: false) }
        return (variable, filters)
    }

    /// For a plain dotted name (`user.name`, the common case), its first part; nil otherwise.
    private static func simplePathRoot(_ expression: String) -> String? {
        var utf8 = expression.utf8.makeIterator()
        var rootLength = 0
        var inRoot = true
        var first = true
        while let b = utf8.next() {
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == UInt8(ascii: "_")
            let isDigit = b >= 0x30 && b <= 0x39
            if first && !isLetter { return nil }
            first = false
            if b == UInt8(ascii: ".") {
                inRoot = false
            } else if !(isLetter || isDigit) {
                return nil
            } else if inRoot {
                rootLength += 1
            }
        }
        guard rootLength > 0 else { return nil }
        let root = String(expression.utf8.prefix(rootLength))!
        return jinjaKeywords.contains(root) ? nil : root
    }

    /// The variable a loop iterates: `item in documentation | sort` → `documentation`.
    static func loopIterable(_ header: String) -> (variable: String?, filters: [String]) {
        let scalars = Array(header.unicodeScalars)
        var i = 0
        var quote: Unicode.Scalar?
        while i + 3 < scalars.count {
            let c = scalars[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == " ", scalars[i + 1] == "i", scalars[i + 2] == "n", scalars[i + 3] == " " {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalars[(i + 4)...])
                return jinja(String(s))
            }
            i += 1
        }
        return jinja(header)
    }

    /// The first identifier read by an expression, skipping string literals, numbers, keywords and attribute names.
    static func firstIdentifier(in expression: Substring, skipKeywords: Bool = true) -> String? {
        let scalars = Array(expression.unicodeScalars)
        var i = 0
        var previous: Unicode.Scalar = " "
        while i < scalars.count {
            let c = scalars[i]
            if c == "\"" || c == "'" || c == "`" {
                i += 1
                while i < scalars.count, scalars[i] != c {
                    if scalars[i] == "\\" { i += 1 }
                    i += 1
                }
                i += 1
                previous = c
                continue
            }
            if isIdentifierStart(c) {
                var j = i
                var name = String.UnicodeScalarView()
                while j < scalars.count, isIdentifierPart(scalars[j]) {
                    name.append(scalars[j])
                    j += 1
                }
                let word = String(name)
                if previous != "." && !(skipKeywords && jinjaKeywords.contains(word)) { return word }
                i = j
                previous = "a"
                continue
            }
            if c.properties.numericType != nil {
                while i < scalars.count, isIdentifierPart(scalars[i]) || scalars[i] == "." { i += 1 }
                previous = "0"
                continue
            }
            if c != " " { previous = c }
            i += 1
        }
        return nil
    }

    /// Splits at `|` outside strings and brackets (and not `||`). Works on UTF-8 bytes: every
    /// delimiter is ASCII, so splits always fall on character boundaries.
    static func splitTopLevelPipes(_ expression: String) -> [Substring] {
        let utf8 = Array(expression.utf8)
        guard utf8.contains(UInt8(ascii: "|")) else { return [Substring(expression)] }
        var parts: [Substring] = []
        var depth = 0
        var quote: UInt8?
        var start = 0
        var i = 0
        func piece(_ lo: Int, _ hi: Int) -> Substring {
            let view = expression.utf8
            return Substring(view[view.index(view.startIndex, offsetBy: lo)..<view.index(view.startIndex, offsetBy: hi)])
        }
        while i < utf8.count {
            let c = utf8[i]
            if let q = quote {
                if c == UInt8(ascii: "\\") {
                    i += 1
                } else if c == q {
                    quote = nil
                }
            } else {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = c
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
                case UInt8(ascii: "|") where depth == 0:
                    if i + 1 < utf8.count, utf8[i + 1] == UInt8(ascii: "|") {
                        i += 1
                    } else {
                        parts.append(piece(start, i))
                        start = i + 1
                    }
                default: break
                }
            }
            i += 1
        }
        parts.append(piece(start, utf8.count))
        return parts
    }

    /// Handlebars/Mustache: `#each items` → (`items`, []), `json this indent=2` → (`this`, [`json`]),
    /// `media url=imageUrl` → (`imageUrl`, [`media`]), `customer.firstName` → (`customer`, []).
    static func handlebars(_ expression: String) -> (helper: String?, variable: String?, filters: [String]) {
        var body = Substring(expression)
        while let c = body.first, "#^/&>{~".contains(c) || c == " " { body = body.dropFirst() }
        let tokens = handlebarsTokens(body)
        guard let first = tokens.first else { return (nil, nil, []) }
        if tokens.count == 1 && !first.hasPrefix("(") { return (nil, pathRoot(first), []) }
        let helper = first
        var variable: String?
        for token in tokens.dropFirst() {
            var value = Substring(token)
            if let eq = token.firstIndex(of: "="), !token.hasPrefix("\""), !token.hasPrefix("'") {
                value = token[token.index(after: eq)...]
            }
            if let root = pathRoot(String(value)) {
                variable = root
                break
            }
        }
        let builtins: Set<String> = ["if", "unless", "each", "with", "else"]
        return (helper, variable, builtins.contains(helper) ? [] : [helper])
    }

    /// The root of a Handlebars path (`../user.name` → `user`), or nil for literals.
    static func pathRoot(_ token: String) -> String? {
        var t = Substring(token)
        if t.hasPrefix("(") { return firstIdentifier(in: t.dropFirst().drop(while: { $0 != " " })) }
        guard let c = t.first, c != "\"", c != "'", !c.isNumber, c != "-" else { return nil }
        if t == "true" || t == "false" || t == "null" || t == "undefined" { return nil }
        while t.hasPrefix("../") { t = t.dropFirst(3) }
        if t.hasPrefix("./") { t = t.dropFirst(2) }
        let root = t.prefix(while: { $0 != "." && $0 != "/" && $0 != "[" })
        return root.isEmpty ? nil : String(root)
    }

    /// Splits Handlebars arguments at spaces outside quotes and parentheses.
    static func handlebarsTokens(_ body: Substring) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var depth = 0
        for c in body {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
                current.append(c)
            } else if c == "(" {
                depth += 1
                current.append(c)
            } else if c == ")" {
                depth = max(0, depth - 1)
                current.append(c)
            } else if c.isWhitespace && depth == 0 {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }
}
