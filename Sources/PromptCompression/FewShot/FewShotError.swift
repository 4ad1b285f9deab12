import Foundation

/// Why few-shot examples could not be read or pruned. Every description is one line.
public enum FewShotError: Error, Equatable, Sendable, LocalizedError {
    /// The input holds no example.
    case emptyList
    /// A JSON list is not valid JSON.
    case malformedJSON(line: Int, column: Int, reason: String)
    /// A line of a JSONL file is not a valid JSON object.
    case malformedJSONL(line: Int, reason: String)
    /// An element of the list is not a JSON object.
    case notAnObject(example: Int, line: Int, found: String)
    /// An example lacks a required field.
    case missingField(field: String, example: Int, line: Int)
    /// A field holds the wrong kind of value.
    case wrongFieldType(field: String, example: Int, line: Int, expected: String, found: String)
    /// The `--split` pattern is not a valid regular expression, or matches empty text.
    case invalidSplitPattern(pattern: String, reason: String)
    /// The count to keep is below 1.
    case invalidKeep(Int)
    /// The token budget is below 1.
    case invalidBudget(Int)
    /// Not even the smallest example fits the budget.
    case budgetTooSmall(budget: Int, smallestExample: Int)
    /// The query is empty.
    case emptyQuery
    /// The model failed while embedding an example.
    case model(String)

    /// A one-line description (example numbers are 1-based, as a person counts them).
    public var errorDescription: String? {
        switch self {
        case .emptyList: return "no examples: the list is empty"
        case .malformedJSON(let line, let column, let reason): return "malformed JSON at line \(line), column \(column): \(reason)"
        case .malformedJSONL(let line, let reason): return "malformed JSONL at line \(line): \(reason)"
        case .notAnObject(let example, let line, let found):
            return "example \(example) (line \(line)) is \(found), expected an object with \"input\" and \"output\""
        case .missingField(let field, let example, let line):
            return "example \(example) (line \(line)) has no \"\(field)\" field"
        case .wrongFieldType(let field, let example, let line, let expected, let found):
            return "example \(example) (line \(line)): \"\(field)\" is \(found), expected \(expected)"
        case .invalidSplitPattern(let pattern, let reason): return "invalid --split pattern '\(pattern)': \(reason)"
        case .invalidKeep(let k): return "--keep must be at least 1 (got \(k))"
        case .invalidBudget(let b): return "--budget must be at least 1 token (got \(b))"
        case .budgetTooSmall(let budget, let smallest):
            return "budget of \(budget) tokens is below the smallest example (\(smallest) tokens)"
        case .emptyQuery: return "the query is empty"
        case .model(let message): return "model: \(message)"
        }
    }
}

/// Something worth telling the user about a result that is still meaningful.
public enum FewShotWarning: Equatable, Sendable, CustomStringConvertible {
    /// More examples were asked for than there are: all are kept.
    case keepExceedsCount(keep: Int, count: Int)
    /// The budget holds every example: all are kept.
    case budgetHoldsAll(budget: Int, total: Int)
    /// Fewer slots than labels: some labels have no example.
    case labelsNotCovered(missing: [String])
    /// Some examples carry a label and others do not; the unlabelled ones form their own group.
    case partialLabels(unlabelled: Int)
    /// The plain text had no delimiter: the whole text is one example.
    case singleBlock

    /// One line.
    public var description: String {
        switch self {
        case .keepExceedsCount(let keep, let count): return "--keep \(keep) is more than the \(count) examples: keeping all"
        case .budgetHoldsAll(let budget, let total): return "budget of \(budget) tokens holds all examples (\(total) tokens): keeping all"
        case .labelsNotCovered(let missing):
            return "too few slots for every label; no example kept for: \(missing.joined(separator: ", "))"
        case .partialLabels(let n): return "\(n) example(s) have no label; they are grouped together as one label"
        case .singleBlock: return "no delimiter found: the whole text is one example"
        }
    }
}
