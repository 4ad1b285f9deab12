/// The names a module binds by importing them, with the module each comes from:
/// `from .prompts import SYSTEM_PROMPT as SP`, `import prompts`, `import { systemPrompt } from "./prompts"`,
/// `import prompts from "./prompts"`, `import * as p from "./prompts"`, `const { a } = require("./x")`; a Python
/// `from m import *` is kept under the key `*m`.
///
/// Hand-written over the lexers' tokens (no parser for these languages is installed here).
enum SourceImports {
    /// Local name → what it is bound to.
    static func scan(_ tokens: [SourceToken], language: SourceLanguage) -> [String: ImportedName] {
        var out: [String: ImportedName] = [:]
        var i = 0
        while i < tokens.count {
            let start = i
            if language == .python {
                i = python(tokens, at: i, into: &out)
            } else {
                i = script(tokens, at: i, into: &out)
            }
            if i <= start { i = start + 1 }
        }
        return out
    }

    private static func isName(_ tokens: [SourceToken], _ i: Int, _ text: String? = nil) -> Bool {
        i < tokens.count && tokens[i].kind == .name && (text == nil || tokens[i].text == text)
    }

    private static func isOp(_ tokens: [SourceToken], _ i: Int, _ text: String) -> Bool {
        i < tokens.count && tokens[i].kind == .op && tokens[i].text == text
    }

    /// A dotted module path starting at `i` (`.`, `..pkg.mod`), and the index after it.
    private static func dotted(_ tokens: [SourceToken], at i: Int) -> (String, Int) {
        var k = i
        var path = ""
        // Names and dots alternate (`..pkg.mod`); a name right after a name (`as`, `import`) ends the path.
        var afterName = false
        while k < tokens.count, (tokens[k].kind == .name && tokens[k].text != "import" && !afterName) || isOp(tokens, k, ".")
            || isOp(tokens, k, "...")
        {
            afterName = tokens[k].kind == .name
            path += tokens[k].text
            k += 1
        }
        return (path, k)
    }

    private static func python(_ tokens: [SourceToken], at i: Int, into out: inout [String: ImportedName]) -> Int {
        guard tokens[i].indent >= 0 else { return i + 1 }
        if isName(tokens, i, "from") {
            let (module, k) = dotted(tokens, at: i + 1)
            guard isName(tokens, k, "import") else { return k }
            var m = k + 1
            // `from utils.format_message import *`: every top-level name of that module, found when a name is
            // looked up (`SourceAnalysis.importedName`); kept under a key no name can be.
            if isOp(tokens, m, "*") {
                out["*" + module] = ImportedName(module: module, name: nil)
                return m + 1
            }
            if isOp(tokens, m, "(") { m += 1 }
            while isName(tokens, m) {
                let original = tokens[m].text
                var local = original
                m += 1
                if isName(tokens, m, "as"), isName(tokens, m + 1) {
                    local = tokens[m + 1].text
                    m += 2
                }
                out[local] = ImportedName(module: module, name: original)
                if isOp(tokens, m, ",") { m += 1 } else { break }
            }
            return m
        }
        if isName(tokens, i, "import") {
            var m = i + 1
            while isName(tokens, m) {
                let (module, k) = dotted(tokens, at: m)
                m = k
                // `import a.b` binds `a` (the package); `import a.b as p` binds `p` to `a.b`.
                var local = String(module.split(separator: ".").first ?? "")
                var bound = local
                if isName(tokens, m, "as"), isName(tokens, m + 1) {
                    local = tokens[m + 1].text
                    bound = module
                    m += 2
                }
                if !local.isEmpty { out[local] = ImportedName(module: bound, name: nil) }
                if isOp(tokens, m, ",") { m += 1 } else { break }
            }
            return m
        }
        return i + 1
    }

    private static func script(_ tokens: [SourceToken], at i: Int, into out: inout [String: ImportedName]) -> Int {
        if isName(tokens, i, "import"), !isOp(tokens, i + 1, "("), !isOp(tokens, i + 1, ".") {
            // (local, exported name): `D` → default, `{ a as b }` → (b, a), `* as ns` → (ns, nil).
            var names: [(String, String?)] = []
            var m = i + 1
            var braces = false
            if isName(tokens, m, "type") { m += 1 }
            while m < tokens.count, !isName(tokens, m, "from"), !isOp(tokens, m, ";"), tokens[m].kind != .string, m - i < 400 {
                if isOp(tokens, m, "{") { braces = true }
                if isOp(tokens, m, "}") { braces = false }
                if isOp(tokens, m, "*"), isName(tokens, m + 1, "as"), isName(tokens, m + 2) {
                    names.append((tokens[m + 2].text, nil))
                    m += 3
                    continue
                }
                if isName(tokens, m), !["as", "type", "typeof"].contains(tokens[m].text) {
                    let exported = braces ? tokens[m].text : "default"
                    if isName(tokens, m + 1, "as"), isName(tokens, m + 2) {
                        names.append((tokens[m + 2].text, exported))
                        m += 3
                        continue
                    }
                    names.append((tokens[m].text, exported))
                }
                m += 1
            }
            if isName(tokens, m, "from") { m += 1 }
            guard m < tokens.count, tokens[m].kind == .string, let module = tokens[m].literal?.plainText else { return m }
            for (local, exported) in names { out[local] = ImportedName(module: module, name: exported) }
            return m + 1
        }
        if isName(tokens, i, "export") { return reexport(tokens, at: i, into: &out) }
        // `const { a, b: c } = require("x")`, `const x = require("x")`.
        if isName(tokens, i, "const") || isName(tokens, i, "let") || isName(tokens, i, "var") {
            var m = i + 1
            var names: [(String, String?)] = []
            if isOp(tokens, m, "{") {
                m += 1
                while m < tokens.count, !isOp(tokens, m, "}"), m - i < 200 {
                    if isName(tokens, m), isOp(tokens, m + 1, ":"), isName(tokens, m + 2) {
                        names.append((tokens[m + 2].text, tokens[m].text))
                        m += 3
                        continue
                    }
                    if isName(tokens, m) { names.append((tokens[m].text, tokens[m].text)) }
                    m += 1
                }
                m += 1
            } else if isName(tokens, m) {
                names.append((tokens[m].text, nil))
                m += 1
            }
            guard isOp(tokens, m, "="), isName(tokens, m + 1, "require"), isOp(tokens, m + 2, "("),
                m + 3 < tokens.count, tokens[m + 3].kind == .string, let module = tokens[m + 3].literal?.plainText
            else { return i + 1 }
            for (local, exported) in names { out[local] = ImportedName(module: module, name: exported) }
            return m + 4
        }
        return i + 1
    }
}

extension SourceImports {
    /// The re-exports of an index module, which name the module they come from: `export * from "./archivist"`
    /// (every name that module exports, kept under the key `*./archivist` like a Python `from m import *`),
    /// `export * as prompts from "./prompts"` and `export { a, b as c } from "./m"`. Any other `export` binds
    /// nothing here.
    fileprivate static func reexport(_ tokens: [SourceToken], at i: Int, into out: inout [String: ImportedName]) -> Int {
        var m = i + 1
        if isName(tokens, m, "type") { m += 1 }
        func module(at k: Int) -> String? {
            guard isName(tokens, k, "from"), k + 1 < tokens.count, tokens[k + 1].kind == .string else { return nil }
            return tokens[k + 1].literal?.plainText
        }
        if isOp(tokens, m, "*") {
            if isName(tokens, m + 1, "as"), isName(tokens, m + 2), let spec = module(at: m + 3) {
                out[tokens[m + 2].text] = ImportedName(module: spec, name: nil)
                return m + 5
            }
            if let spec = module(at: m + 1) {
                out["*" + spec] = ImportedName(module: spec, name: nil)
                return m + 3
            }
            return m + 1
        }
        guard isOp(tokens, m, "{") else { return i + 1 }
        // (exported here, exported there): `{ a }` → (a, a), `{ a as b }` → (b, a), `{ default as c }` → (c, default).
        var names: [(String, String)] = []
        m += 1
        while m < tokens.count, !isOp(tokens, m, "}"), m - i < 400 {
            if isName(tokens, m), tokens[m].text != "type" || !isName(tokens, m + 1) {
                if isName(tokens, m + 1, "as"), isName(tokens, m + 2) {
                    names.append((tokens[m + 2].text, tokens[m].text))
                    m += 3
                    continue
                }
                names.append((tokens[m].text, tokens[m].text))
            }
            m += 1
        }
        guard let spec = module(at: m + 1) else { return m }
        for (local, original) in names { out[local] = ImportedName(module: spec, name: original) }
        return m + 3
    }
}

/// What an imported local name is bound to: a name exported by a module, or the module itself.
struct ImportedName: Sendable, Hashable {
    /// The module path as written (`.prompts`, `pkg.prompts`, `./prompts`, `openai`).
    var module: String
    /// The exported name (`SYSTEM_PROMPT`; `default` for a script default import); nil for the module itself.
    var name: String?
}
