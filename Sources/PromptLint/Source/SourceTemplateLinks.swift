import Foundation

/// A template file that code loads and renders, with the values the call passes for its variables:
/// `env.get_template("x.j2").render(now=…)`, `Template(Path(p).read_text()).render(…)`,
/// `Path("prompts/x.txt").read_text().format(…)`, `open(p).read().replace("{goals}", …)`, and loader
/// helpers that open `prompts/{name}.md` and render it with `**state`.
struct TemplateUse {
    /// The file loaded, as written, with `*` where the name is computed (`prompts/*.md`).
    var pattern: String
    /// The values passed, by variable name, as slots traced in the calling file.
    var values: [(name: String, slot: TemplateSlot)]
    /// Where the rendering call is.
    var line: Int
}

extension SourceAnalysis {
    /// Methods that fill a loaded template's variables.
    private static let renderingMethods: Set<String> = ["render", "render_async", "format", "format_map", "replace", "replaceAll", "substitute", "safe_substitute"]

    /// Every template file this module loads and fills, with the values passed.
    func templateUses() -> [TemplateUse] {
        var out: [TemplateUse] = []
        for (call, scope) in module.calls {
            guard case .call(let callee, let args) = call.kind, case .member(let receiver, let method) = callee.kind,
                Self.renderingMethods.contains(method), let pattern = loadedFile(receiver, scope: scope)
            else { continue }
            var named: [(String, SourceNode)] = []
            if method == "replace" || method == "replaceAll" {
                if args.count >= 2, let key = args[0].value.plainString {
                    let name = key.trimmingCharacters(in: CharacterSet(charactersIn: "{}$% \t"))
                    if !name.isEmpty { named.append((name, args[1].value)) }
                }
            } else {
                for arg in args {
                    if let label = arg.label {
                        named.append((label, arg.value))
                    } else {
                        named += dictEntries(arg.value, scope: scope, bindings: Bindings())
                    }
                }
            }
            var values: [(name: String, slot: TemplateSlot)] = []
            for (name, node) in named {
                if case .slot(let s) = slot(node, scope: scope, bindings: Bindings()) { values.append((name, s)) }
            }
            if !values.isEmpty { out.append(TemplateUse(pattern: pattern, values: values, line: source.position(call.range.lowerBound).line)) }
        }
        return out
    }

    /// The file a receiver loads: `get_template(x)`, `Path(x).read_text()`, `open(x).read()`,
    /// `readFileSync(x)`, `Template(<loaded>)`, or a name assigned one of these.
    func loadedFile(_ node: SourceNode, scope: Int, depth: Int = 0) -> String? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .call(let callee, let args):
            let last = callee.lastName ?? ""
            switch last {
            case "get_template", "readFileSync", "readFile", "open", "read_file", "load_prompt", "load_template":
                return args.first.flatMap { filePattern($0.value, scope: scope, depth: depth + 1) }
            case "read_text", "read", "read_bytes":
                guard case .member(let base, _) = callee.kind else { return nil }
                if case .call(let inner, let innerArgs) = base.kind, ["open", "Path", "PurePath"].contains(inner.lastName ?? "") {
                    return innerArgs.first.flatMap { filePattern($0.value, scope: scope, depth: depth + 1) }
                }
                return filePattern(base, scope: scope, depth: depth + 1)
            case "Template", "from_string", "PromptTemplate", "dedent", "strip", "Environment":
                return args.first.flatMap { loadedFile($0.value, scope: scope, depth: depth + 1) }
            default:
                if case .member(let base, _) = callee.kind, ["strip", "trim"].contains(last) {
                    return loadedFile(base, scope: scope, depth: depth + 1)
                }
                return nil
            }
        case .name(let n):
            if case .value(let v, let s, _) = lookup(n, scope: scope, before: node.range.lowerBound, bindings: Bindings()), v.range != node.range {
                return loadedFile(v, scope: s, depth: depth + 1)
            }
            return nil
        default:
            return nil
        }
    }

    /// A path expression as a pattern: literals kept, computed parts `*` (`f"prompts/{name}.md"` →
    /// `prompts/*.md`, `Path(__file__).parent / "x.j2"` → `*/x.j2`, `os.path.join(d, "x.txt")` → `*/x.txt`).
    func filePattern(_ node: SourceNode, scope: Int, depth: Int = 0) -> String {
        guard depth < 8 else { return "*" }
        switch node.kind {
        case .string(let literal):
            return literal.pieces.map { piece -> String in
                if case .text(let d) = piece { return d.text }
                return "*"
            }.joined()
        case .binary("+", let a, let b):
            return filePattern(a, scope: scope, depth: depth + 1) + filePattern(b, scope: scope, depth: depth + 1)
        case .binary("/", let a, let b):
            return filePattern(a, scope: scope, depth: depth + 1) + "/" + filePattern(b, scope: scope, depth: depth + 1)
        case .call(let callee, let args):
            let last = callee.lastName ?? ""
            if ["join", "resolve"].contains(last), (callee.dottedPath ?? "").contains("path") {
                return args.map { filePattern($0.value, scope: scope, depth: depth + 1) }.joined(separator: "/")
            }
            if ["Path", "PurePath", "str", "String"].contains(last), args.count == 1 {
                return filePattern(args[0].value, scope: scope, depth: depth + 1)
            }
            if last == "joinpath", case .member(let base, _) = callee.kind {
                return ([filePattern(base, scope: scope, depth: depth + 1)] + args.map { filePattern($0.value, scope: scope, depth: depth + 1) })
                    .joined(separator: "/")
            }
            return "*"
        case .name(let n):
            if case .value(let v, let s, _) = lookup(n, scope: scope, before: node.range.lowerBound, bindings: Bindings()), v.range != node.range {
                return filePattern(v, scope: s, depth: depth + 1)
            }
            return "*"
        default:
            return "*"
        }
    }
}
