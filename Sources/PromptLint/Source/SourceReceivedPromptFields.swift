import Foundation

/// Fields of a prompt data file that code reads off a dict it was handed rather than one it loads:
/// `PromptTemplate.from_template(self.prompts["prefix"]).format(date=…)` in a class whose `prompts` another
/// module loaded from one of several YAML files (`prompts/<persona>.yaml`). The file is unknown where the
/// field is rendered, but the keys the module reads off the same dict name its shape: the data files whose
/// top-level keys include every one of them are the ones it can be handed.
extension SourceAnalysis {
    /// The least number of distinct keys a module must read off the dict: one key (`prompts["prefix"]`)
    /// fits too many files to say which one the code is handed.
    static let receivedFieldKeysMinimum = 2

    /// Every key this module reads off the dict a rendering call's receiver takes its field from
    /// (`self.prompts["prefix"]` and `self.prompts["intro"]` elsewhere in the module), when that dict is
    /// not a literal or a loaded file this pass sees, and there are at least `receivedFieldKeysMinimum`;
    /// nil otherwise.
    func receivedFieldKeys(_ receiver: SourceNode, scope: Int) -> Set<String>? {
        guard let base = receivedDict(receiver), let path = base.dottedPath, !path.contains("…"), !path.contains("()") else { return nil }
        if let name = Self.referenceName(base), let bound = boundValue(of: name, at: base, scope: scope) {
            switch bound.node.kind {
            case .dict, .list, .string: return nil
            default: break
            }
        }
        let parts = path.split(separator: ".").map(String.init)
        let tokens = module.tokens
        var keys: Set<String> = []
        // `self . prompts [ "key" ]` in tokens: the path's names joined by dots, not itself an attribute of something else.
        for i in tokens.indices where i + 2 * parts.count + 1 < tokens.count {
            guard parts.indices.allSatisfy({ k in module.isName(i + 2 * k, parts[k]) && (k == 0 || module.isOp(i + 2 * k - 1, ".")) }),
                !module.isOp(i - 1, "."), module.isOp(i + 2 * parts.count - 1, "[")
            else { continue }
            let key = i + 2 * parts.count
            guard tokens[key].kind == .string, module.isOp(key + 1, "]"), let literal = tokens[key].literal, !literal.isInterpolated
            else { continue }
            keys.insert(literal.plainText)
        }
        return keys.count >= Self.receivedFieldKeysMinimum ? keys : nil
    }

    /// The name or attribute whose field a rendering receiver reads (`self.prompts` in
    /// `PromptTemplate.from_template(self.prompts["prefix"])`), through the template constructors.
    private func receivedDict(_ node: SourceNode) -> SourceNode? {
        switch node.kind {
        case .index(let base, let keys):
            guard keys.count == 1, keys[0].plainString != nil else { return nil }
            switch base.kind {
            case .name, .member: return base
            default: return nil
            }
        case .call(let callee, let args) where Self.templateConstructors.contains(callee.lastName ?? ""):
            return args.first.flatMap { receivedDict($0.value) }
        default:
            return nil
        }
    }

    /// The top-level keys of a YAML mapping; empty for anything else (a list, text that does not parse).
    static func topLevelYAMLKeys(_ text: String) -> Set<String> {
        let source = SourceText(text)
        var issues: [ParseIssue] = []
        guard case .object(let pairs, _) = YAMLSupport.parse(source, range: 0..<source.count, issues: &issues) else { return [] }
        return Set(pairs.map(\.key))
    }
}
