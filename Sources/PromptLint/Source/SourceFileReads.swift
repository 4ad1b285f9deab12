/// Files of the deployment read whole by code (`fs.readFileSync("data/x.txt", "utf8")`,
/// `Path("prompts/x.md").read_text()`, `open("x.txt").read()`): the same text for every request, whatever
/// the variable holding it is called.
extension SourceAnalysis {
    /// The literal path of a file the value reads whole, following names assigned in this file.
    func deploymentFile(_ node: SourceNode, scope: Int, depth: Int = 0) -> String? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .name:
            guard let name = Self.referenceName(node),
                case .value(let value, let s, _) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
                value.range != node.range
            else { return nil }
            return deploymentFile(value, scope: s, depth: depth + 1)
        case .other(let inner) where inner.count == 1:
            // `await fs.promises.readFile(…)`.
            return deploymentFile(inner[0], scope: scope, depth: depth + 1)
        case .call(let callee, let args):
            switch callee.lastName ?? "" {
            case "readFileSync", "readFile":
                return args.first?.value.plainString
            case "read_text", "read":
                guard case .member(let receiver, _) = callee.kind, case .call(let opener, let openArgs) = receiver.kind,
                    ["open", "Path", "pathlib.Path", "io.open"].contains(opener.dottedPath ?? "")
                else { return nil }
                return openArgs.first?.value.plainString
            default:
                return nil
            }
        default:
            return nil
        }
    }
}
