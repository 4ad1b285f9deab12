import Foundation

/// A module's scopes plus lookups over them: name resolution (assignments, parameters bound by helper
/// calls), tracing and rendering (see the extensions).
final class SourceAnalysis {
    let module: SourceModule
    let source: SourceText
    var scopes: [SourceModule.Scope] { module.scopes }
    /// Names of prompt variables that a request already used (so they are not reported twice).
    var consumed: Set<String> = []
    /// Rendering steps left for this file: inlined constants can nest and repeat, so a hostile file could
    /// otherwise make rendering exponential. Past the budget, values stay slots.
    var renderBudget = 100_000
    /// Tracing steps left for this file (`trace`): past the budget, values trace to nothing.
    var traceBudget = 1_000_000
    /// The nodes `trace` is tracing now, with how many times each is on the path (`trace` bounds it).
    var tracesUnderWay: [TraceKey: Int] = [:]
    /// How many `joinedPartsClass` reads are under way (a pushed part may join another list): bounded.
    var joinedPartsDepth = 0
    /// While a template-defining call is read: the values its uses pass for its variables.
    var templateValues: FieldValues?
    /// Where template variables' values are functions the template calls each time it is formatted
    /// (LangChain `.partial(now=datetime.now)`, `.partial(now=lambda: …)`): evaluated per use, never at import.
    var calledOnEachUse: Set<Range<Int>> = []
    /// The last assignment of each name in any scope, for `self.x`/`this.x` set in another method.
    let attributes: [String: (Int, SourceNode)]
    /// Names bound by imports, with their module.
    let imports: [String: ImportedName]
    /// The file's path as reported (relative to the checked folder), for messages naming it from another file.
    var path = ""
    /// The other modules of the checked folder, when the file is read with them (`SourceModules`).
    weak var modules: SourceModules?
    /// While this module's value is rendered into a prompt of another file: the position there that its
    /// text and slots are reported at.
    var foreignSite: SourcePosition?
    /// Offsets of the calls of each name, for `runsAtImport` (computed on first use).
    lazy var callOffsets: [String: [Int]] = Self.callOffsets(in: module)
    /// Attributes of other modules' classes found by name (`SourceMembers`), cached per name.
    var memberDefinitions: [String: ForeignValue?] = [:]
    /// What callers in other modules pass for a function's parameter (`SourceForeignCallers`), by
    /// `scope:parameter`, cached (nil while it is being found, so a cycle of calls ends).
    var callerTraces: [String: ValueTrace?] = [:]
    /// For a function called only at import by other modules (`SourceImportCallers`), by scope: the
    /// lifetime of those callers' program (nil while it is being found, or when it is not so called).
    var importCallers: [Int: ProgramLifetime?] = [:]
    /// For a function of this module, by scope: whether another module calls it where it runs per use (in a
    /// function's body), cached for `foreignCallRunsPerUse` (false while it is being found, so a cycle ends).
    var perUseForeignCallers: [Int: Bool] = [:]
    /// For a field named for a summary or a memory (by its path) or a store key so named: where this file or a
    /// file one import away rewrites it from a model's output (`SourceRewrittenFields`), or nil when nothing does; cached.
    var modelRewrites: [String: (file: String, line: Int)?] = [:]
    /// The modules of this module's Python star imports (`from m import *`), in order of their specifiers.
    lazy var starImports: [String] = imports.keys.filter { $0.hasPrefix("*") }.sorted().compactMap { imports[$0]?.module }
    /// How long the program running this module lives (`SourceLifetime`; computed on first use).
    lazy var lifetime: ProgramLifetime = programLifetime()

    init(_ source: SourceText, language: SourceLanguage) {
        self.source = source
        let tokens = language == .python ? PythonLexer.tokens(source.bytes) : ScriptLexer.tokens(source.bytes)
        module = SourceModule(tokens: tokens, language: language)
        var attributes: [String: (Int, SourceNode)] = [:]
        for (index, scope) in module.scopes.enumerated() {
            for (key, values) in scope.assignments {
                // In a function, only `self.x = …` sets an attribute; a local `x = …` of the same name does not.
                let set = index == 0 ? values : values.filter { Self.writesAttribute($0, key: key, in: source) }
                if let v = set.last { attributes[key] = (index, v) }
            }
        }
        self.attributes = attributes
        imports = SourceImports.scan(module.tokens, language: language)
    }

    /// The source text of a node.
    func text(of node: SourceNode) -> String {
        source.string(node.range).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What a name refers to.
    enum Lookup {
        case value(SourceNode, scope: Int, bindings: Bindings)
        case parameter(String)
        /// A name imported from another module (`module` as written).
        case imported(ImportedName)
        case unknown
    }

    /// True when `node` is an empty object literal (`{}`), a default that only marks an argument as optional.
    static func isEmptyObject(_ node: SourceNode) -> Bool {
        if case .dict(let entries) = node.kind { return entries.isEmpty }
        return false
    }

    /// The value a name has at `offset` in `scope`: the last assignment before it (or any), a bound
    /// parameter, or an unbound parameter.
    func lookup(_ name: String, scope: Int, before offset: Int, bindings: Bindings) -> Lookup {
        var s: Int? = scope
        let key = name.hasPrefix("self.") || name.hasPrefix("this.") ? String(name.dropFirst(5)) : name
        while let current = s {
            let sc = module.scopes[current]
            if let bound = bindings.values[current]?[key] { return .value(bound.node, scope: bound.scope, bindings: bindings) }
            // A parameter is its argument until the function assigns it (`state = {**state, …}`).
            if sc.parameters.contains(key) {
                guard let reassigned = sc.assignments[key]?.last(where: { $0.range.upperBound <= offset }) else {
                    // A script parameter the call leaves out takes its default, evaluated per call. An empty
                    // object (`context = {}`) only marks the argument optional: the callers' value is read.
                    if let value = sc.defaults[key], !Self.isEmptyObject(value) { return .value(value, scope: current, bindings: bindings) }
                    return .parameter(key)
                }
                return .value(reassigned, scope: current, bindings: bindings)
            }
            // `self.x` is the instance's attribute, never a function's local `x`.
            let local = key != name && current != 0
            if let all = sc.assignments[key], case let values = local ? all.filter({ Self.writesAttribute($0, key: key, in: source) }) : all,
                !values.isEmpty
            {
                guard let chosen = values.last(where: { $0.range.upperBound <= offset }) else {
                    // Read before any assignment (a function reading a global defined below it): the last one,
                    // unless the name is read inside that value itself (`x = [x]`), which reads an outer `x`.
                    guard let later = values.last(where: { !$0.range.contains(offset) }) else { s = sc.parent; continue }
                    return .value(later, scope: current, bindings: bindings)
                }
                return .value(branchAlternative(chosen, among: values, before: offset), scope: current, bindings: bindings)
            }
            s = sc.parent
        }
        // `self.x` set in another method.
        if key != name, let (index, v) = attributes[key] { return .value(v, scope: index, bindings: bindings) }
        if let imported = importedName(name) { return .imported(imported) }
        return .unknown
    }

    /// The value `name`, written at `node`, is bound to there (`lookup` before the node), with its scope and
    /// bindings; nil when it is not a value, or is `node` itself (a name read in its own assignment).
    func boundValue(of name: String, at node: SourceNode, scope: Int, bindings: Bindings = Bindings())
        -> (node: SourceNode, scope: Int, bindings: Bindings)?
    {
        guard case .value(let value, let s, let b) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings),
            value.range != node.range
        else { return nil }
        return (value, s, b)
    }

    /// `node` read through the names it is bound to, up to `steps` of them (`prompt = text`, `text = build()`:
    /// `build()`), with the scope and bindings of the value reached; `node` itself when it names no value here.
    /// With `unwrapping`, the operand of a prefix node is read instead of the node, at `node` and at each value
    /// (`prompt = await build()`: `build()`). One step reads a name's own value only (`payload = {…}`, then
    /// `post(json=payload)`: the dict).
    func throughNames(_ node: SourceNode, scope: Int, bindings: Bindings, unwrapping: Bool = false, steps: Int = 4)
        -> (node: SourceNode, scope: Int, bindings: Bindings)
    {
        var found = (node: unwrapping ? node.unwrapped : node, scope: scope, bindings: bindings)
        for _ in 0..<steps {
            guard case .name(let name) = found.node.kind,
                let bound = boundValue(of: name, at: found.node, scope: found.scope, bindings: found.bindings)
            else { break }
            found = (unwrapping ? bound.node.unwrapped : bound.node, bound.scope, bound.bindings)
        }
        return found
    }

    /// The import that binds `name`: one that names it, or a Python `from m import *` whose module (a file
    /// of the checked folder) defines or re-exports it at its top level; nil otherwise.
    func importedName(_ name: String, depth: Int = 0) -> ImportedName? {
        if let explicit = imports[name] { return explicit }
        guard !starImports.isEmpty, let modules, depth < 4, !name.hasPrefix("*") else { return nil }
        for spec in starImports {
            guard let m = modules.module(spec, from: self), m !== self,
                modules.export(name, in: m, depth: depth + 1) != nil
            else { continue }
            return ImportedName(module: spec, name: name)
        }
        return nil
    }

    /// Where a segment of this module's text is reported: its own position, or the call site in the
    /// file a foreign render is for.
    func at(_ offset: Int) -> SourcePosition {
        foreignSite ?? source.position(offset)
    }

    /// The scope of a function defined in this file, by the name it is called with.
    func functionScope(named path: String) -> Int? {
        var name = Substring(path)
        for prefix in ["self.", "this.", "cls."] where name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
        guard !name.contains("."), !name.contains("("), let index = module.functions[String(name)] else { return nil }
        return index
    }

    /// Bindings for a call of `function` with `args` evaluated in `callerScope`.
    func bind(_ function: Int, args: [SourceArgument], callerScope: Int, bindings: Bindings) -> Bindings {
        var b = bindings
        let params = scopes[function].parameters
        var map = args.byParameter(params).mapValues { (node: $0, scope: callerScope) }
        // Script calls pass one object for destructured parameters: `f({ date, name })`.
        if args.count == 1, case .dict(let entries) = args[0].value.kind {
            for e in entries { if let k = e.keyName, params.contains(k) { map[k] = (e.value, callerScope) } }
        }
        b.values[function] = map
        return b
    }

    /// Bindings for a call of this module's `function` from another module: each parameter the call passes
    /// (by position or by label) is bound to an opaque value, since the arguments belong to the caller's file
    /// (traced there), so a default (`date = new Date()`) does not apply to it.
    func opaqueBindings(_ function: Int, args: [SourceArgument]) -> Bindings {
        var passed: [String: (node: SourceNode, scope: Int)] = [:]
        let positional = args.filter { $0.label == nil && !$0.spread }.count
        for (k, p) in scopes[function].parameters.enumerated() where k < positional || args.contains(where: { $0.label == p }) {
            passed[p] = (SourceNode(kind: .literal, range: 0..<0), function)
        }
        var b = Bindings()
        b.values[function] = passed
        return b
    }
}
