import Foundation

/// How long the program that runs a module lives, which decides what a value computed at import costs:
/// in a server it is the same for every request the process serves (no finding); in a short-lived
/// program (a CLI session, a script run) every run sends a different prefix, so it counts like a
/// per-user value before the static text of the same prompt.
enum ProgramLifetime: Sendable {
    /// A web server, bot or worker: one process serves many requests.
    case server
    /// A command-line program or script: one run, one session.
    case shortLived
    /// A library or nothing known.
    case unknown

    /// Markers of a long-running server in a module's text (web frameworks, route handlers, bots, UIs).
    private static let serverMarkers = try? NSRegularExpression(pattern: #"""
        \b(FastAPI|Flask|Starlette|APIRouter|Blueprint|Sanic|Quart|Hono|Elysia|Koa)\(|\b(uvicorn|gunicorn|django|aiohttp|socketio|gradio|streamlit|chainlit|celery)\b|express\(\)|\.listen\(|createServer\(|export\s+(async\s+)?(function|const)\s+(GET|POST|PUT|DELETE)\b|@(app|router|bp)\.(route|get|post|put|websocket)\b|discord\.(Client|Bot)|\bbot\.run\(|lambda_handler|serve\(
        """#)

    /// Markers of a program that runs once per invocation (an entry point reading the command line or the
    /// terminal).
    private static let shortLivedMarkers = try? NSRegularExpression(pattern: #"""
        __name__\s*==\s*['"]__main__['"]|\bargparse\b|\bsys\.argv\b|\bprocess\.argv\b|(?<![\w.])input\(|\breadline\b|\btyper\b|@click\.|\bcommander\b|\byargs\b
        """#)

    /// What the markers in `text` say.
    static func markers(in text: String) -> ProgramLifetime {
        let range = NSRange(text.startIndex..., in: text)
        if serverMarkers?.firstMatch(in: text, range: range) != nil || hasEndlessLoop(text) { return .server }
        if shortLivedMarkers?.firstMatch(in: text, range: range) != nil { return .shortLived }
        return .unknown
    }

    /// A way out of a loop, or a terminal read in it.
    private static let loopExit = try? NSRegularExpression(pattern: #"""
        \b(break|return|exit|quit|SystemExit|readline|getpass)\b|(?<![\w.])(input|prompt)\(|\.ask\(
        """#)

    /// A Python `while True:` loop that never ends and never waits for the terminal: no `break`, `return`,
    /// exit or terminal read (`input(`, a prompt) in its body, as a voice assistant, a bot or a worker runs
    /// (`while True: audio = detector.listen(); handle(audio)`). An interactive session reads the terminal
    /// in its loop and leaves it on a command, so it stays short-lived.
    static func hasEndlessLoop(_ text: String) -> Bool {
        guard text.contains("while True") || text.contains("while 1") else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func indent(_ line: Substring) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            let head = lines[i].trimmingCharacters(in: .whitespaces)
            guard head == "while True:" || head == "while 1:" else { continue }
            let level = indent(lines[i])
            var body: [Substring] = []
            var k = i + 1
            while k < lines.count {
                let line = lines[k]
                let content = line.trimmingCharacters(in: .whitespaces)
                if !content.isEmpty, !content.hasPrefix("#") {
                    guard indent(line) > level else { break }
                    body.append(line)
                }
                k += 1
            }
            guard !body.isEmpty, body.count < 400 else { continue }
            let leaves = body.contains { line in
                let text = String(line)
                return loopExit?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
            if !leaves { return true }
        }
        return false
    }

    /// The lifetime of a program made of modules with these lifetimes: a server if any says so (a server
    /// module often has a `__main__` block too), else short-lived if any says so.
    static func combined(_ all: [ProgramLifetime]) -> ProgramLifetime {
        if all.contains(.server) { return .server }
        return all.contains(.shortLived) ? .shortLived : .unknown
    }
}

/// The lifetime of each module of a checked folder, from markers in the module and in the modules that
/// import it (found by their import lines naming its file's stem: `from prompt import X`,
/// `import { x } from "./systemPrompt"`). Nothing is scanned until a value read at import asks: then
/// one pass over the import lines of the folder, and markers only in the files that matter.
final class ProgramLifetimes {
    private let files: [String: Data]
    private var own: [String: ProgramLifetime] = [:]
    private var importers: [String: [(path: String, line: String)]]?

    init(_ files: [String: Data]) {
        self.files = files
    }

    /// The lifetime of the program the module at `path` runs in: its own markers and its importers'; then,
    /// when no server is found, a server among the importers of those importers (two more steps: a prompt
    /// module imported by a client module with a `__main__` test block, imported in turn by the assistant's
    /// endless loop).
    func lifetime(of path: String) -> ProgramLifetime {
        let users = importers(of: path)
        let found = ProgramLifetime.combined(([path] + users).map(markers))
        guard found != .server else { return found }
        var seen = Set([path] + users)
        var level = users
        for _ in 0..<2 {
            var next: [String] = []
            for user in level {
                for other in importers(of: user) where seen.insert(other).inserted { next.append(other) }
            }
            guard !next.isEmpty, seen.count < 200 else { break }
            if next.contains(where: { markers($0) == .server }) { return .server }
            level = next
        }
        return found
    }

    /// The files that import the module at `path`.
    private func importers(of path: String) -> [String] {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var stem = file.split(separator: ".").first.map(String.init) ?? file
        if stem == "__init__" || stem == "index" {
            stem = path.split(separator: "/").dropLast().last.map(String.init) ?? stem
        }
        let index = importers ?? Self.importIndex(files)
        importers = index
        // An importer in the same folder, or one whose import line names the module with its folder
        // (`cortex.system_prompt`, `lib/prompts/system`): a bare stem from elsewhere may be another module.
        let parts = path.split(separator: "/").map(String.init)
        let folder = parts.dropLast().joined(separator: "/")
        // The module's own path without its file name's extension (a package's `__init__.py` or `index.ts`
        // is its folder), whose last two parts are the qualified name an import line writes.
        let fileStem = file.split(separator: ".").first.map(String.init) ?? file
        let moduleParts = fileStem == "__init__" || fileStem == "index" ? Array(parts.dropLast()) : Array(parts.dropLast()) + [fileStem]
        return (index[stem] ?? []).filter { user, line in
            guard user != path else { return false }
            let userFolder = user.split(separator: "/").dropLast().joined(separator: "/")
            return userFolder == folder || Self.names(moduleParts, in: line, importedFrom: user)
        }.map(\.path)
    }

    /// True when an import line of the file at `importer` names the module whose path (without extension)
    /// is `module` with its folder (`agent.assistant`, `lib/prompts/system`), and what the line writes
    /// before that (`...` of a relative import, `app.` of a package, `../` of a script path) leads to the
    /// same folder: `from ...agent.assistant import X` in `other/web/routes/x.py` names `other/agent/assistant`,
    /// not a module `agent/assistant.py` of another project checked in the same run.
    static func names(_ module: [String], in line: String, importedFrom importer: String) -> Bool {
        guard module.count >= 2 else { return false }
        let grand = Array(module.dropLast(2))
        let userFolder = Array(importer.split(separator: "/").dropLast().map(String.init))
        let chars = Array(line)
        func isPath(_ c: Character) -> Bool { c.isWordCharacter || c == "." || c == "/" || c == "-" || c == "@" || c == "~" || c == "#" }
        for separator in [".", "/"] {
            let qualified = Array(module[module.count - 2] + separator + module[module.count - 1])
            var at = 0
            while at + qualified.count <= chars.count {
                defer { at += 1 }
                guard Array(chars[at..<(at + qualified.count)]) == qualified else { continue }
                let end = at + qualified.count
                if end < chars.count, chars[end].isWordCharacter { continue }
                var start = at
                while start > 0, isPath(chars[start - 1]) { start -= 1 }
                let prefix = String(chars[start..<at])
                if prefix.isEmpty { return true }
                // A name that merely ends like it (`my_agent.assistant`) is another module.
                guard let last = prefix.last, String(last) == separator else { continue }
                if separator == "." {
                    let dots = prefix.prefix { $0 == "." }.count
                    let rest = prefix.dropFirst(dots).split(separator: ".").map(String.init)
                    if dots > 0 {
                        var base = userFolder
                        for _ in 1..<dots { if !base.isEmpty { base.removeLast() } }
                        if base + rest == grand { return true }
                    } else if grand.count >= rest.count, Array(grand.suffix(rest.count)) == rest {
                        return true
                    }
                } else if prefix.hasPrefix(".") {
                    let joined = (userFolder + [String(prefix.dropLast())]).joined(separator: "/")
                    if SourceModules.normalized(joined).split(separator: "/").map(String.init) == grand { return true }
                } else {
                    var rest = prefix.split(separator: "/").map(String.init)
                    // A path alias (`@/`, `~/`, `#/`, `@lib/`) stands for some folder of the project.
                    if let first = rest.first, first.hasPrefix("@") || first.hasPrefix("~") || first.hasPrefix("#") { rest.removeFirst() }
                    if grand.count >= rest.count, Array(grand.suffix(rest.count)) == rest { return true }
                }
            }
        }
        return false
    }

    private func markers(_ path: String) -> ProgramLifetime {
        if let known = own[path] { return known }
        let found = files[path].map { ProgramLifetime.markers(in: String(decoding: $0, as: UTF8.self)) } ?? .unknown
        own[path] = found
        return found
    }

    /// True when `needle` occurs in `bytes[start..<end]`.
    private static func contains(_ needle: [UInt8], _ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard end - start >= needle.count else { return false }
        for i in start...(end - needle.count) where bytes[i] == needle[0] {
            var k = 1
            while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }

    /// Each word of each import line (`import`, `require(`) → the files and lines that hold it.
    private static func importIndex(_ files: [String: Data]) -> [String: [(path: String, line: String)]] {
        var out: [String: [(path: String, line: String)]] = [:]
        let importWord = Array("import".utf8)
        let requireWord = Array("require(".utf8)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let bytes = [UInt8](data)
            var words: [String: String] = [:]
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "\n") {
                defer { start = end + 1 }
                guard end - start < 2_000, end > start,
                    contains(importWord, bytes, start, end) || contains(requireWord, bytes, start, end)
                else { continue }
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                for word in text.split(whereSeparator: { !($0.isWordCharacter || $0 == "-") }) {
                    words[String(word), default: ""] += text + "\n"
                }
            }
            for (word, lines) in words { out[word, default: []].append((path, lines)) }
        }
        return out
    }
}

extension SourceAnalysis {
    /// True when the code at `offset` in `scope` runs once, when the module is imported: a module-level
    /// statement (unindented: not in a loop or a block), or code of a function that this file calls only
    /// from module level (`_REGISTRY = _define_prompts()`).
    func runsAtImport(_ scope: Int, at offset: Int) -> Bool {
        if scope == 0 {
            // The token holding the offset (a multi-line string's field is on one of its later lines): the last
            // one starting at or before it.
            let tokens = module.tokens
            let low = module.firstToken(startingAtOrAfter: offset + 1)
            // Also inside the brackets of a module-level statement written over several lines
            // (`sys_msg = SystemMessage(⏎    content=PROMPT.format(time=datetime.now()))`); not in the body
            // of a module-level loop, whose lines are indented outside any bracket.
            let start = low > 0 ? tokens[low - 1].range.lowerBound : offset
            return lineIsUnindented(at: start) || callRunsAtImport(start)
        }
        guard scopes[scope].parent == 0, let name = scopes[scope].name else { return false }
        // A function this file never calls: called at import by other modules, or per use.
        guard let calls = callOffsets[name], !calls.isEmpty else { return foreignCallsRunAtImport(scope, named: name) }
        // Module-level statements start unindented; a call on an indented line is in a body, unless it is
        // inside the brackets of such a statement. Another module calling it in a function's body runs it per use.
        return calls.allSatisfy(callRunsAtImport) && !foreignCallRunsPerUse(scope, named: name)
    }

    /// True when a call starting at `offset` runs once, at import: its line starts unindented, or it sits
    /// inside the brackets of an expression (arguments, a list, an object literal) of a statement that
    /// starts unindented (`export const agent = new Agent({⏎  instructions: { content: build() },⏎})`).
    /// A block brace (a function's or a statement's body) or an arrow function's body on the way out
    /// means the call runs when that code runs, not at import.
    func callRunsAtImport(_ offset: Int) -> Bool {
        if lineIsUnindented(at: offset) { return true }
        let tokens = module.tokens
        let low = module.firstToken(startingAtOrAfter: offset)
        var depth = 0
        var k = low - 1
        // Set once an enclosing bracket is on an unindented line: the brackets before it on that line
        // (`export const make = () => ({`) are still checked.
        var statementStart: Int?
        while k >= 0, low - k < 20_000 {
            defer { k -= 1 }
            if let start = statementStart, tokens[k].range.lowerBound < start { return true }
            guard tokens[k].kind == .op else { continue }
            switch tokens[k].text {
            case ")", "]", "}":
                depth += 1
            case "(", "[", "{":
                if depth > 0 {
                    depth -= 1
                    continue
                }
                // An enclosing bracket: an arrow function's body, or a block brace in a script, runs later.
                if module.isOp(k - 1, "=>") { return false }
                if tokens[k].text == "{", module.language != .python, !opensObjectLiteral(at: k) { return false }
                if statementStart == nil, lineIsUnindented(at: tokens[k].range.lowerBound) {
                    statementStart = lineStart(of: tokens[k].range.lowerBound)
                }
            default:
                break
            }
        }
        return statementStart != nil
    }

    /// The offset of the first byte of the line holding `offset`.
    private func lineStart(of offset: Int) -> Int {
        let bytes = source.bytes
        var k = min(offset, bytes.count)
        while k > 0, bytes[k - 1] != UInt8(ascii: "\n") { k -= 1 }
        return k
    }

    /// True when the script brace at token `k` opens an object literal (after `(`, `,`, `:`, `=`, `[`,
    /// `?` or `return`) rather than a block.
    private func opensObjectLiteral(at k: Int) -> Bool {
        guard k > 0 else { return false }
        let previous = module.tokens[k - 1]
        if previous.kind == .name { return previous.text == "return" }
        return previous.kind == .op && ["(", ",", ":", "=", "[", "?", "||", "&&", "??"].contains(previous.text)
    }

    /// Offsets of `name(` for every name, except definitions (`def name(`, `function name(`).
    static func callOffsets(in module: SourceModule) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        let tokens = module.tokens
        for i in tokens.indices where tokens[i].kind == .name && module.isOp(i + 1, "(") {
            if i > 0, module.isName(i - 1, "def") || module.isName(i - 1, "function") { continue }
            out[tokens[i].text, default: []].append(tokens[i].range.lowerBound)
        }
        return out
    }

    /// The lifetime from markers in this module and its importers; a module that sends a prompt at
    /// module level is a script.
    func programLifetime() -> ProgramLifetime {
        let marked = modules?.lifetimes?.lifetime(of: path) ?? ProgramLifetime.markers(in: source.text)
        guard marked == .unknown else { return marked }
        let sendsAtImport = module.calls.contains { call, scope in
            guard scope == 0, case .call(let callee, _) = call.kind else { return false }
            return RequestMethods.sendsPrompt(callee) && lineIsUnindented(at: call.range.lowerBound)
        }
        return sendsAtImport || sendsFromEntryPoint() ? .shortLived : .unknown
    }

    /// True when the line holding `offset` starts in column 1.
    func lineIsUnindented(at offset: Int) -> Bool {
        let bytes = source.bytes
        var k = min(offset, bytes.count)
        while k > 0, bytes[k - 1] != UInt8(ascii: "\n") { k -= 1 }
        return k < bytes.count && bytes[k] != UInt8(ascii: " ") && bytes[k] != UInt8(ascii: "\t")
    }

    /// A volatile value read at import: the same for every request of the process. In a short-lived
    /// program each run still differs (as a per-user value would, or per day for a date); elsewhere it is
    /// a constant of the process.
    func readAtImport(_ hit: (source: VolatileSources.Source, text: String, line: Int, file: String))
        -> (source: VolatileSources.Source, text: String, line: Int, file: String)
    {
        guard !hit.source.what.contains(", at import,") else { return hit }
        return computedOnce(hit, shortLived: " once per run, at import, of a short-lived program",
                            server: " once per process, at import, so it is the same for every request the process serves")
    }

    /// `hit` computed once, not per request: at most per user in a short-lived program (`shortLived` says when),
    /// constant in a server (`server` says why).
    func computedOnce(_ hit: (source: VolatileSources.Source, text: String, line: Int, file: String), shortLived: String,
                      server: String) -> (source: VolatileSources.Source, text: String, line: Int, file: String)
    {
        var h = hit
        // Code run at import of the modules that call it (`SourceImportCallers`): their program counts too.
        let callers = importCallers.values.compactMap { $0 }
        switch callers.isEmpty ? lifetime : ProgramLifetime.combined([lifetime] + callers) {
        case .shortLived:
            h.source = VolatileSources.Source(
                volatility: min(hit.source.volatility, .perUser), kind: hit.source.kind, what: hit.source.what + shortLived)
        case .server, .unknown:
            h.source = VolatileSources.Source(volatility: .constant, kind: hit.source.kind, what: hit.source.what + server)
        }
        return h
    }
}
