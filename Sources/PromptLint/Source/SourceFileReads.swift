/// Files of the deployment read whole by code (`fs.readFileSync("data/x.txt", "utf8")`,
/// `Path("prompts/x.md").read_text()`, `open("x.txt").read()`): the same text for every request, whatever
/// the variable holding it is called.
extension SourceAnalysis {
    /// The literal path of a file the value reads whole, following names assigned in this file.
    func deploymentFile(_ node: SourceNode, scope: Int, depth: Int = 0) -> String? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .name:
            guard let name = Self.referenceName(node), let bound = boundValue(of: name, at: node, scope: scope) else { return nil }
            return deploymentFile(bound.node, scope: bound.scope, depth: depth + 1)
        case .other(let inner) where inner.count == 1:
            // `await fs.promises.readFile(…)`.
            return deploymentFile(inner[0], scope: scope, depth: depth + 1)
        case .call(let callee, let args):
            switch callee.lastName ?? "" {
            case "readFileSync", "readFile":
                return args.first?.value.plainString
            case "read_text", "read":
                guard case .member(let receiver, _) = callee.kind else { return nil }
                if case .name(let handle) = receiver.kind { return openedFile(handle, before: receiver.range.lowerBound) }
                guard case .call(let opener, let openArgs) = receiver.kind, Self.fileOpeners.contains(opener.dottedPath ?? "")
                else { return nil }
                return openArgs.first?.value.plainString
            default:
                return nil
            }
        default:
            return nil
        }
    }

    private static let fileOpeners: Set<String> = ["open", "Path", "pathlib.Path", "io.open"]

    /// The literal path of the file a Python `with open("data.txt") as handle:` opened under the name
    /// `handle`, the nearest such statement before `offset` (and from `start` on); nil when `handle` is not bound that way.
    func openedFile(_ handle: String, from start: Int = 0, before offset: Int) -> String? {
        guard module.language == .python else { return nil }
        let tokens = module.tokens
        var found: String?
        for i in tokens.indices where tokens[i].range.lowerBound < offset && tokens[i].range.lowerBound >= start && module.isName(i, "with") {
            var parser = SourceParser(tokens, language: .python, at: i + 1)
            guard let opened = parser.expression(), case .call(let opener, let args) = opened.kind,
                Self.fileOpeners.contains(opener.dottedPath ?? ""), module.isName(parser.pos, "as"),
                module.isName(parser.pos + 1, handle)
            else { continue }
            found = args.first?.value.plainString
        }
        return found
    }
}
