/// Values a short-lived program takes from its command line (`args = parser.parse_args()`, then
/// `args.company`; `sys.argv[1]`; `process.argv[2]`), and values a class keeps from its constructor
/// (`self.company = company`, filled by `Orchestrator(company=args.company)`): a prompt a method builds
/// from such an attribute starts with a value that differs per run.
extension VolatileSources {
    /// A command-line argument: new for each run of a CLI program, which counts like a per-user value.
    static let commandLine = Source(volatility: .perUser, kind: .value, what: "is a command-line argument, new for each run of the program")

    /// The command-line source a call (`parser.parse_args()`) or attribute path (`sys.argv`) reads, if any.
    static func commandLine(callee path: String?, member: String?) -> Source? {
        if let path, let last = path.split(separator: ".").last, ["parse_args", "parse_known_args"].contains(String(last)), path.contains(".") {
            return commandLine
        }
        if let member, member == "sys.argv" || member == "process.argv" { return commandLine }
        return nil
    }
}

extension SourceAnalysis {
    /// The trace of a command-line read at `node` (a call or attribute path) in a short-lived program; an
    /// empty trace elsewhere (a server's options are the same for every request it serves).
    func commandLineTrace(_ node: SourceNode) -> ValueTrace {
        var result = ValueTrace()
        let callee: String? = if case .call(let c, _) = node.kind { c.dottedPath } else { nil }
        let member: String? = if case .member = node.kind { node.dottedPath } else { nil }
        guard callee != nil || member != nil, let source = VolatileSources.commandLine(callee: callee, member: member),
            lifetime == .shortLived
        else { return result }
        result.volatile = (source, text(of: node), self.source.position(node.range.lowerBound).line, path)
        return result
    }

    /// The argument a constructor call of this file passes for parameter `name` of the constructor whose
    /// scope is `scope` (`def __init__(self, company)` of `class Orchestrator`, called as
    /// `Orchestrator(company=args.company)` or `new Orchestrator(args.company)`): the first such call.
    func constructorArgument(_ name: String, scope: Int) -> (node: SourceNode, scope: Int)? {
        guard scope > 0, ["__init__", "constructor"].contains(scopes[scope].name ?? "") else { return nil }
        let tokens = module.tokens
        let start = scopes[scope].offset
        // The class is the nearest `class Name` before the constructor.
        guard let classToken = tokens.indices.last(where: { i in
            tokens[i].range.lowerBound < start && tokens[i].kind == .name && i > 0 && module.isName(i - 1, "class")
        }) else { return nil }
        let className = tokens[classToken].text
        let parameters = scopes[scope].parameters.filter { !["self", "cls"].contains($0) }
        guard let index = parameters.firstIndex(of: name) else { return nil }
        for i in tokens.indices where tokens[i].kind == .name && tokens[i].text == className && module.isOp(i + 1, "(") && i != classToken {
            guard let call = module.parsedCall(at: i), case .call(_, let args) = call.kind else { continue }
            let caller = scopes.indices.last { scopes[$0].offset <= tokens[i].range.lowerBound } ?? 0
            if let labelled = args.first(where: { $0.label == name }) { return (labelled.value, caller) }
            let positional = args.filter { $0.label == nil && !$0.spread }
            if index < positional.count { return (positional[index].value, caller) }
        }
        return nil
    }
}
