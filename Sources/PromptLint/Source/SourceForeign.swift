/// Names imported from other modules of the checked folder, resolved through `SourceModules`:
/// `from .prompts import SYSTEM_PROMPT`, `import pkg.prompts as p; p.SYSTEM_PROMPT`,
/// `import { systemPrompt } from "./prompts"`, default exports and `__init__` re-exports.
extension SourceAnalysis {
    /// What an imported name stands for in the module that defines it.
    enum ForeignValue {
        /// A value assigned at the top level of `analysis`.
        case value(SourceAnalysis, SourceNode, scope: Int)
        /// A function defined in `analysis`.
        case function(SourceAnalysis, Int)
        /// A module (`import pkg.prompts as p`).
        case module(SourceAnalysis)
    }

    /// The definition a dotted reference (`SYSTEM_PROMPT`, `p.SYSTEM_PROMPT`, `prompts.get_today`) names
    /// when its first name is imported (and not rebound at the top level of this file); nil when the
    /// module is not one of the checked folder's files.
    func foreign(_ dotted: String) -> ForeignValue? {
        guard let modules else { return nil }
        var parts = dotted.split(separator: ".").map(String.init)
        guard let head = parts.first, let imported = importedName(head), scopes[0].assignments[head] == nil,
            module.functions[head] == nil
        else { return nil }
        parts.removeFirst()
        var current: ForeignValue?
        if let name = imported.name {
            current = modules.export(name, of: imported.module, from: self, depth: 0)
            // `from .builder import PromptBuilder`, then `PromptBuilder.build(…)`: a method of a class the
            // module defines, read as that module's function of the name (methods are not scopes of the class).
            if current == nil, parts.count == 1, let m = modules.module(imported.module, from: self), m.definesClass(name),
                case .function(let owner, let method)? = modules.export(parts[0], in: m, depth: 0), owner === m,
                m.enclosingClass(of: method) == name
            {
                return .function(m, method)
            }
        } else if let m = modules.module(imported.module, from: self) {
            current = .module(m)
        }
        for part in parts {
            // `export default { generateResponse, generateVector }`, then `aiService.generateResponse(…)`:
            // the object's entry, a name of that module or a value written in place.
            if case .value(let m, let object, let s)? = current, case .dict = object.kind {
                guard let entry = object.entry(part) else { return nil }
                if case .name(let name) = entry.kind, let named = modules.export(name, in: m, depth: 0) {
                    current = named
                } else {
                    current = .value(m, entry, scope: s)
                }
                continue
            }
            guard case .module(let m)? = current else { break }
            current = modules.export(part, in: m, depth: 0)
        }
        if case .module? = current, !parts.isEmpty { return nil }
        return current
    }

    /// True when a `class name` statement of this Python module defines `name`.
    func definesClass(_ name: String) -> Bool {
        guard module.language == .python else { return false }
        let tokens = module.tokens
        return tokens.indices.dropLast().contains { module.isName($0, "class") && module.isName($0 + 1, name) }
    }

    /// The name of the nearest `class` statement before the definition of `function` (the class whose
    /// method it is, when it is indented under one), or nil.
    func enclosingClass(of function: Int) -> String? {
        let offset = scopes[function].offset
        let tokens = module.tokens
        var i = tokens.firstIndex { $0.range.lowerBound >= offset } ?? tokens.count
        while i > 0 {
            i -= 1
            if module.isName(i, "class"), module.isName(i + 1) { return tokens[i + 1].text }
        }
        return nil
    }

    /// Renders a value of this module into a prompt of another file: its text and slots are reported at
    /// `site` there (the outermost site when foreign renders nest); `fields` evaluate in their owner.
    func renderForeign(_ value: SourceNode, scope: Int, fields: FieldValues?, site: SourcePosition, depth: Int) -> [TemplateSegment] {
        let saved = foreignSite
        if saved == nil { foreignSite = site }
        defer { foreignSite = saved }
        return render(value, scope: scope, bindings: Bindings(), fields: fields, depth: depth)
    }

    /// The named entries of a dict passed as `**kw`: a literal, `dict(a=…)`, or a name assigned one
    /// (`{**state, "CURRENT_TIME": …}` gives `CURRENT_TIME`).
    func dictEntries(_ node: SourceNode, scope: Int, bindings: Bindings, depth: Int = 0) -> [(String, SourceNode)] {
        guard depth < 4 else { return [] }
        switch node.kind {
        case .dict(let entries):
            var out: [(String, SourceNode)] = []
            for e in entries {
                if let k = e.keyName { out.append((k, e.value)) } else if e.key == nil {
                    out += dictEntries(e.value, scope: scope, bindings: bindings, depth: depth + 1)
                }
            }
            return out
        case .call(let callee, let args) where callee.dottedPath == "dict":
            return args.compactMap { a in a.label.map { ($0, a.value) } }
        case .name(let n):
            if let bound = boundValue(of: n, at: node, scope: scope, bindings: bindings) {
                return dictEntries(bound.node, scope: bound.scope, bindings: bound.bindings, depth: depth + 1)
            }
            return []
        case .other(let inner) where inner.count == 1:
            return dictEntries(inner[0], scope: scope, bindings: bindings, depth: depth + 1)
        default:
            return []
        }
    }
}

extension SourceAnalysis {
    /// True for a call of a function that a module of the folder exports, named through the module
    /// itself (`aiService.getSaoPauloTime()` after `import * as aiService from "./aiService"`, or
    /// `utils.now()` after `import utils`): the callee is that function, not a method of a value.
    func callsModuleFunction(_ callee: SourceNode) -> Bool {
        guard case .member(let base, _) = callee.kind, let basePath = base.dottedPath, let path = callee.dottedPath,
            case .module? = foreign(basePath), case .function? = foreign(path)
        else { return false }
        return true
    }
}
