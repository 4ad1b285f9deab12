import SafeIO
import Yams

/// YAML documents (front matter, Semantic Kernel and LangChain files) read with Yams into `DocValue`s
/// whose offsets point into the file.
enum YAMLSupport {
    /// The deepest nesting converted; deeper values are dropped with an issue.
    static let maxDepth = 64

    /// The most values a YAML text of `bytes` bytes may hold once its aliases are expanded. Without aliases every
    /// value takes at least one byte of source, so only alias expansion ("billion laughs": nine aliases of nine
    /// aliases of …) can pass this; the rest of such a document is skipped rather than expanded.
    static func maxValues(bytes: Int) -> Int { bytes + 10_000 }

    /// Parses `range` of `file` as YAML. A syntax error becomes an issue at the parser's line and column.
    static func parse(_ file: SourceText, range: Range<Int>, issues: inout [ParseIssue]) -> DocValue? {
        let firstLine = file.position(range.lowerBound).line - 1
        var yaml = file.string(range)
        if yaml.allSatisfy(\.isWhitespace) { return nil }
        var node: Node?
        do {
            // YAML loaders in use (PyYAML, js-yaml's default) keep the last of duplicated keys; Yams refuses
            // them, so the earlier ones are renamed (same length, offsets kept) and the text read again.
            var renames = 0
            while true {
                do {
                    node = try Yams.compose(yaml: yaml)
                    break
                } catch YamlError.duplicatedKeysInMapping(let keys, let context) where renames < 16 {
                    guard let renamed = DuplicateKeys.renamingEarlier(keys, mappingAt: context.mark, in: yaml) else {
                        throw YamlError.duplicatedKeysInMapping(duplicates: keys, context: context)
                    }
                    yaml = renamed
                    renames += 1
                }
            }
        } catch {
            let (problem, mark) = describe(error)
            let offset = mark.map { file.offset(line: $0.line + firstLine, column: $0.column) } ?? range.lowerBound
            issues.append(ParseIssue(message: "YAML: \(problem)", position: file.position(offset)))
            return nil
        }
        guard let node else { return nil }
        return convert(node, file: file, firstLine: firstLine, budget: maxValues(bytes: range.count), issues: &issues)
    }

    static func describe(_ error: Error) -> (String, Mark?) {
        guard let yamlError = error as? YamlError else { return ("\(error)", nil) }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (prefix + problem, mark)
        case .reader(let problem, _, _, _): return (problem, nil)
        default:
            let text = "\(yamlError)".split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            return (text, nil)
        }
    }

    /// Converts a node tree without recursion.
    private static func convert(
        _ root: Node, file: SourceText, firstLine: Int, budget: Int, issues: inout [ParseIssue]
    ) -> DocValue? {
        func offset(_ node: Node) -> Int {
            guard let mark = node.mark else { return 0 }
            return file.offset(line: mark.line + firstLine, column: mark.column)
        }
        // Post-order over an explicit stack: a container is finished once its children are.
        final class Pending {
            let node: Node
            let key: String?
            var children: [(String, DocValue)] = []
            let depth: Int
            init(node: Node, key: String?, depth: Int) {
                self.node = node
                self.key = key
                self.depth = depth
            }
        }
        var result: DocValue?
        var work: [(Pending, [(String?, Node)], Int)] = []
        var tooDeep = false
        var remaining = budget

        func leaf(_ node: Node) -> DocValue? {
            switch node {
            case .scalar(let s):
                return .string(DocString(value: s.string, offset: offset(node)))
            case .alias:
                return .scalar("*alias", range: offset(node)..<offset(node))
            default:
                return nil
            }
        }

        func children(_ node: Node) -> [(String?, Node)] {
            switch node {
            case .mapping(let m): return m.map { (pair: Node.Mapping.Element) in (pair.key.string ?? "\(pair.key)", pair.value) }
            case .sequence(let s): return s.map { (nil, $0) }
            default: return []
            }
        }

        if let value = leaf(root) { return value }
        work.append((Pending(node: root, key: nil, depth: 0), children(root), 0))
        while !work.isEmpty {
            let top = work.count - 1
            let (pending, kids, index) = work[top]
            if index < kids.count {
                work[top].2 += 1
                let (key, child) = kids[index]
                remaining -= 1
                if remaining < 0 {
                    if remaining == -1 {
                        issues.append(ParseIssue(
                            message: "YAML aliases expand to more than \(budget) values; the rest is skipped",
                            position: file.position(offset(child))))
                    }
                    continue
                }
                if let value = leaf(child) {
                    pending.children.append((key ?? "", value))
                } else if pending.depth + 1 >= maxDepth {
                    if !tooDeep {
                        issues.append(ParseIssue(
                            message: "YAML nesting deeper than \(maxDepth) levels is skipped", position: file.position(offset(child))))
                    }
                    tooDeep = true
                } else {
                    work.append((Pending(node: child, key: key, depth: pending.depth + 1), children(child), 0))
                }
                continue
            }
            work.removeLast()
            let value: DocValue
            if case .mapping = pending.node {
                let start = offset(pending.node)
                value = .object(pending.children.map { (key: $0.0, value: $0.1) }, range: start..<start)
            } else {
                let start = offset(pending.node)
                value = .array(pending.children.map(\.1), range: start..<start)
            }
            if let parent = work.last?.0 {
                parent.children.append((pending.key ?? "", value))
            } else {
                result = value
            }
        }
        return result
    }
}

/// `Yams.load(yaml:)` for configuration, rule and pricing files, except that a mapping key that is not a scalar
/// (`? [a]: b`, found by fuzzing) is an error: Yams's loader force-unwraps such a key as a string and crashes.
enum SafeYAML {
    struct ComplexKey: Error, CustomStringConvertible {
        var line: Int?
        var description: String {
            "a mapping key that is not a plain value" + (line.map { " at line \($0 + 1)" } ?? "")
        }
    }

    /// The document's aliases expand beyond `YAMLSupport.maxValues`.
    struct AliasExpansion: Error, CustomStringConvertible {
        var limit: Int
        var description: String { "YAML aliases expand to more than \(limit) values" }
    }

    /// A YAML syntax error in one line: the problem and where (Yams' own description spans several lines).
    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(yaml: String) throws -> Any? {
        let composed: Node?
        do { composed = try Yams.compose(yaml: yaml) } catch {
            let (problem, mark) = YAMLSupport.describe(error)
            let place = mark.map { " at line \($0.line), column \($0.column)" } ?? ""
            throw SyntaxError(description: DisplayText.escaped(problem) + place)
        }
        guard let node = composed else { return nil }
        let limit = YAMLSupport.maxValues(bytes: yaml.utf8.count)
        var remaining = limit
        try check(node, remaining: &remaining, limit: limit)
        return node.any
    }

    private static func check(_ node: Node, remaining: inout Int, limit: Int) throws {
        remaining -= 1
        if remaining < 0 { throw AliasExpansion(limit: limit) }
        if let mapping = node.mapping {
            for (key, value) in mapping {
                guard key.scalar != nil else { throw ComplexKey(line: key.mapping?.mark?.line ?? key.sequence?.mark?.line ?? mapping.mark?.line) }
                try check(value, remaining: &remaining, limit: limit)
            }
        } else if let sequence = node.sequence {
            for element in sequence { try check(element, remaining: &remaining, limit: limit) }
        }
    }
}
