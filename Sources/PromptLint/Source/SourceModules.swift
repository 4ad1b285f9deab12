import Foundation

/// The Python and TypeScript/JavaScript modules of one checked folder, each analysed once, indexed by the
/// names other files import them under, so that a prompt constant defined in one module and filled in
/// another is read as one prompt. Lookups are dictionary hits (resolved specifiers are cached), and a
/// file is parsed at most once, when first needed: the whole pass stays linear in the size of the folder.
final class SourceModules {
    /// Files added but not parsed yet (parsed when an import names them), by relative path.
    private var pending: [String: (data: Data, language: SourceLanguage)] = [:]
    /// Each parsed file's analysis, by path relative to the checked folder (`/`-separated).
    private(set) var analyses: [String: SourceAnalysis] = [:]
    /// Every file added, parsed or not.
    private var paths: [String] = []
    /// Every file added, by the folder it is in.
    private var folders: [String: [String]] = [:]
    /// Python modules by every dotted suffix of their path (`src.pkg.prompts`, `pkg.prompts`, `prompts`).
    private var pythonModules: [String: [String]] = [:]
    private var resolved: [String: SourceAnalysis?] = [:]
    /// How long the program running each module lives (`SourceLifetime`), when the folder was scanned for it.
    var lifetimes: ProgramLifetimes?
    /// Every file's bytes as added (shared with `pending`), for `mentions(of:)`.
    private var texts: [String: Data] = [:]
    /// Notebooks added: the raw file and its Python, whose bytes are the ones added.
    private var notebooks: [String: (raw: SourceText, module: NotebookSource)] = [:]
    private var mentionCounts: [String: Int] = [:]
    /// The files holding `word(`, by word (`analyses(mentioning:)`), counted once per word.
    private var callers: [String: [String]] = [:]
    /// The files holding a text anywhere (`analyses(containing:)`), by the text.
    private var containing: [String: [String]] = [:]

    private static let scriptExtensions = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]

    /// Adds a file read from `path` (relative to the checked folder), to be decoded and parsed when
    /// first needed (a binary or non-UTF-8 file never is).
    func add(_ data: Data, language: SourceLanguage, path: String) {
        var data = data
        // A notebook is its Python code cells, whose positions map back into the notebook's JSON; it is
        // never imported, so it names no module.
        if path.lowercased().hasSuffix(".ipynb") {
            let raw = SourceText(String(decoding: data, as: UTF8.self))
            guard case .python(let module) = NotebookSource.read(raw) else { return }
            notebooks[path] = (raw, module)
            data = Data(module.text.utf8)
            pending[path] = (data, .python)
            texts[path] = data
            paths.append(path)
            folders[Self.directory(of: path), default: []].append(path)
            return
        }
        pending[path] = (data, language)
        texts[path] = data
        paths.append(path)
        folders[Self.directory(of: path), default: []].append(path)
        guard language == .python else { return }
        var parts = path.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { return }
        let stem = last.hasSuffix(".pyi") ? String(last.dropLast(4)) : last.hasSuffix(".py") ? String(last.dropLast(3)) : last
        if stem != "__init__" { parts.append(stem) }
        for start in parts.indices { pythonModules[parts[start...].joined(separator: "."), default: []].append(path) }
    }

    /// How often `word` occurs as a whole name in the folder's files (definitions included), counted once per word.
    func mentions(of word: String) -> Int {
        if let known = mentionCounts[word] { return known }
        let needle = Array(word.utf8)
        guard !needle.isEmpty else { return 0 }
        var count = 0
        for data in texts.values {
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var from = 0
                while let at = ByteSearch.find(needle, in: bytes, from: from, to: bytes.count) {
                    let end = at + needle.count
                    let before = at > 0 ? bytes[at - 1] : 0x20
                    let after = end < bytes.count ? bytes[end] : 0x20
                    if !SourceBytes.isIdentifierPart(before) && !SourceBytes.isIdentifierPart(after) { count += 1 }
                    from = end
                }
            }
        }
        mentionCounts[word] = count
        return count
    }

    /// The analyses of the files whose text holds `word` followed by `(` (a call of it, or its definition),
    /// by path (each parsed on first use).
    func analyses(mentioning word: String) -> [SourceAnalysis] {
        if let known = callers[word] { return known.compactMap { analysis(at: $0) } }
        let needle = Array((word + "(").utf8)
        let paths = texts.filter { ByteSearch.find(needle, in: $0.value) != nil }.keys.sorted()
        callers[word] = paths
        return paths.compactMap { analysis(at: $0) }
    }

    /// The analyses of the files whose text holds `needle` anywhere, by path (each parsed on first use).
    func analyses(containing needle: String) -> [SourceAnalysis] {
        if let known = containing[needle] { return known.compactMap { analysis(at: $0) } }
        let bytes = Array(needle.utf8)
        let paths = texts.filter { ByteSearch.find(bytes, in: $0.value) != nil }.keys.sorted()
        containing[needle] = paths
        return paths.compactMap { analysis(at: $0) }
    }

    /// The bytes added for `path` (a notebook's Python), if it was added.
    func text(at path: String) -> Data? { texts[path] }

    /// The analysis of the file at `path`, parsing it on first use.
    func analysis(at path: String) -> SourceAnalysis? {
        if let done = analyses[path] { return done }
        guard let (data, language) = pending.removeValue(forKey: path) else { return nil }
        let bytes = [UInt8](data)
        guard TemplateReading.binaryIssue(bytes) == nil else { return nil }
        let text = notebooks[path].map { $0.module.source(in: $0.raw) } ?? SourceText(String(decoding: bytes, as: UTF8.self))
        let analysis = SourceAnalysis(text, language: language)
        analysis.path = path
        analysis.modules = self
        analyses[path] = analysis
        return analysis
    }

    /// The other modules of the folder holding `module`, in its language, sorted by path (parsed on first use).
    func siblings(of module: SourceAnalysis) -> [SourceAnalysis] {
        (folders[Self.directory(of: module.path)] ?? []).sorted().compactMap { path in
            guard path != module.path, let other = analysis(at: path), other.module.language == module.module.language else { return nil }
            return other
        }
    }

    /// The module `spec` (as written in an import of `importer`) names, when it is a file of the folder.
    func module(_ spec: String, from importer: SourceAnalysis) -> SourceAnalysis? {
        let key = importer.path + "\u{0}" + spec
        if let hit = resolved[key] { return hit }
        let found = importer.module.language == .python ? python(spec, from: importer.path) : script(spec, from: importer.path)
        resolved[key] = found
        return found
    }

    /// `name` as exported by the module `spec` imported from `importer` (a Python submodule when the
    /// module has no such name: `from . import prompts`).
    func export(_ name: String, of spec: String, from importer: SourceAnalysis, depth: Int) -> SourceAnalysis.ForeignValue? {
        if let m = module(spec, from: importer), let value = export(name, in: m, depth: depth) { return value }
        guard importer.module.language == .python else { return nil }
        let sub = spec.hasSuffix(".") ? spec + name : spec + "." + name
        return module(sub, from: importer).map { .module($0) }
    }

    /// `name` as defined at the top level of `module`, or re-exported by it (`__init__.py`, `export { x } from`).
    func export(_ name: String, in module: SourceAnalysis, depth: Int) -> SourceAnalysis.ForeignValue? {
        guard depth < 4 else { return nil }
        // `export const buildPrompt = (…) => { … }`: the name is bound to the function the arrow defines.
        if let function = module.module.functions[name], module.scopes[function].parent == 0,
            case .other? = module.scopes[0].assignments[name]?.last?.kind
        {
            return .function(module, function)
        }
        if let value = module.scopes[0].assignments[name]?.last {
            // `export default systemPrompt`: the value the alias names.
            if case .name(let alias) = value.kind, alias != name, let resolved = export(alias, in: module, depth: depth + 1) {
                return resolved
            }
            return .value(module, value, scope: 0)
        }
        if let function = module.module.functions[name], module.scopes[function].parent == 0 {
            return .function(module, function)
        }
        guard let imported = module.importedName(name, depth: depth + 1) else { return nil }
        if let original = imported.name { return export(original, of: imported.module, from: module, depth: depth + 1) }
        return self.module(imported.module, from: module).map { .module($0) }
    }

    private func python(_ spec: String, from importer: String) -> SourceAnalysis? {
        let dots = spec.prefix { $0 == "." }.count
        let rest = spec.dropFirst(dots).split(separator: ".").joined(separator: "/")
        if dots > 0 {
            var base = Self.directory(of: importer)
            for _ in 1..<dots { base = Self.directory(of: base) }
            let stem = base.isEmpty ? rest : rest.isEmpty ? base : base + "/" + rest
            for candidate in [stem + ".py", stem + "/__init__.py", stem + ".pyi", (stem.isEmpty ? "" : stem + "/") + "__init__.py"] {
                if let a = analysis(at: candidate) { return a }
            }
            return nil
        }
        guard let paths = pythonModules[spec], !paths.isEmpty else { return nil }
        // Several files can end with the same dotted path: the one nearest the importer.
        let best = paths.max { Self.shared(importer, $0) < Self.shared(importer, $1) || (Self.shared(importer, $0) == Self.shared(importer, $1) && $0 > $1) }
        return best.flatMap { analysis(at: $0) }
    }

    private func script(_ spec: String, from importer: String) -> SourceAnalysis? {
        var stem: String
        if spec.hasPrefix(".") {
            stem = Self.normalized(Self.directory(of: importer) + "/" + spec)
        } else if spec.hasPrefix("@/") || spec.hasPrefix("~/") || spec.hasPrefix("#/")
            || spec.contains("/") && !spec.contains(":")
        {
            // The common aliases for the source root (`#/` is a Node subpath import), and a path from the
            // `baseUrl` of a tsconfig (`utils/prompt`; a package's subpath such as `lodash/merge` names no
            // file of the folder): the file whose path ends with the rest, or that folder's index file.
            // A named alias (`@server/prompts/intent` for tsconfig `"@server/*": ["src/server/*"]`) names the
            // folder it stands for; a scoped package (`@langchain/core/prompts`) names no file of the folder.
            var tail = spec.hasPrefix("@/") || spec.hasPrefix("~/") || spec.hasPrefix("#/") ? String(spec.dropFirst(2))
                : spec.hasPrefix("@") ? String(spec.dropFirst()) : spec
            // An ES module import names the emitted file (`@/services/persona.js` for `persona.ts`), as a
            // relative one does (below).
            for ext in ["js", "mjs", "cjs", "jsx"] where tail.hasSuffix("." + ext) { tail = String(tail.dropLast(ext.count + 1)) }
            // Several files can end with the rest (apps of a monorepo, each with its `src/lib/…`): the one
            // nearest the importer, then the first in path order.
            let sorted = paths.sorted()
            let nearest = { (keys: [String]) -> String? in
                keys.max { Self.shared(importer, $0) < Self.shared(importer, $1) || (Self.shared(importer, $0) == Self.shared(importer, $1) && $0 > $1) }
            }
            let match = nearest(sorted.filter { key in
                Self.scriptExtensions.contains { key.hasSuffix("/" + tail + "." + $0) || key == tail + "." + $0 }
            }) ?? nearest(sorted.filter { key in Self.scriptExtensions.contains { key.hasSuffix("/" + tail + "/index." + $0) } })
            return match.flatMap { analysis(at: $0) }
        } else {
            return nil
        }
        if let a = analysis(at: stem) { return a }
        for ext in ["js", "mjs", "cjs", "jsx"] where stem.hasSuffix("." + ext) { stem = String(stem.dropLast(ext.count + 1)) }
        for ext in Self.scriptExtensions {
            if let a = analysis(at: stem + "." + ext) ?? analysis(at: stem + "/index." + ext) { return a }
        }
        return nil
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `a/./b/../c` → `a/c`; a leading `/` from an empty directory is dropped.
    static func normalized(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", !out.isEmpty, out.last != ".." { out.removeLast() } else { out.append(part) }
        }
        return out.joined(separator: "/")
    }

    private static func shared(_ a: String, _ b: String) -> Int {
        zip(a.split(separator: "/"), b.split(separator: "/")).prefix { $0 == $1 }.count
    }
}
