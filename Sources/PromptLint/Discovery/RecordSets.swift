/// Data that merely holds prompt text: recorded exchanges with a model (a prompt beside the response it
/// got and its token counts) and data sets of many records of one shape (a prompt-shortcut list of
/// `[title, prompt]` pairs, `{act, prompt}` rows, evaluation cases). A program picks or replays such
/// records; it does not fill them as templates, so they are not linted.
enum RecordSets {
    /// The fewest records of one shape that make a list a data set.
    static let minRecords = 20
    /// The share of a list's records that must have its most common shape.
    static let minShareOfShape = 0.9
    /// A data set's records are text, not templates: at most this share of them holds a placeholder.
    static let maxShareWithPlaceholders = 0.1

    /// Keys that only a recorded model response has (usage counts, the stop reason).
    static let usageKeys: Set<String> = [
        "prompt_tokens", "completion_tokens", "input_tokens", "output_tokens", "total_tokens", "finish_reason",
        "stop_reason",
    ]
    /// Keys that hold a model's answer in a recording.
    static let responseKeys: Set<String> = ["response", "responses", "completion", "choices", "output", "answer"]

    /// Why a file whose keys are `keys` is a recording of model exchanges, or nil: a response key beside
    /// a usage count (`response` with `completion_tokens`).
    static func recordingReason(keys: Set<String>) -> String? {
        guard let usage = usageKeys.sorted().first(where: keys.contains),
            let response = responseKeys.sorted().first(where: keys.contains)
        else { return nil }
        return "recorded model responses (`\(response)` with `\(usage)`)"
    }

    /// Why a parsed document is a data set, or nil: some list (or mapping) holds at least `minRecords`
    /// records of one shape, few of them with a placeholder, and no prompt field of the document lies
    /// outside the records (a prompt file that also lists many examples stays a prompt file).
    static func dataSetReason(_ root: DocValue) -> String? {
        var best: (count: Int, key: String, start: Int)?
        var stack: [(DocValue, String, Int)] = [(root, "", 0)]
        var visited = 0
        while let (value, key, depth) = stack.popLast(), visited < 50_000 {
            visited += 1
            guard depth < 12 else { continue }
            let children: [(String, DocValue)]
            switch value {
            case .array(let items, _): children = items.map { (key, $0) }
            case .object(let pairs, _): children = pairs.map { ($0.key, $0.value) }
            default: continue
            }
            if let count = recordCount(children.map(\.1)), count > (best?.count ?? 0) {
                best = (count, key, value.offset)
                continue
            }
            stack += children.map { ($0.1, $0.0, depth + 1) }
        }
        guard let best, !hasPromptField(root, outside: best.start) else { return nil }
        let place = best.key.isEmpty ? "" : " under `\(best.key)`"
        return "data set (\(best.count) records of one shape\(place))"
    }

    /// The number of records when `items` are a data set's records: enough containers of one shape
    /// (same keys, or lists of the same length), mostly without placeholders, and not chat messages.
    private static func recordCount(_ items: [DocValue]) -> Int? {
        guard items.count >= minRecords, !ChatJSONReader.isMessageArray(items) else { return nil }
        var shapes: [String: Int] = [:]
        for item in items {
            guard let shape = shape(of: item) else { return nil }
            shapes[shape, default: 0] += 1
        }
        guard let common = shapes.values.max(), Double(common) >= minShareOfShape * Double(items.count) else { return nil }
        let templated = items.filter { hasPlaceholder($0) }.count
        guard Double(templated) <= maxShareWithPlaceholders * Double(items.count) else { return nil }
        return items.count
    }

    /// A record's shape: its sorted keys, or its length and element kinds; nil for a scalar or string.
    private static func shape(of value: DocValue) -> String? {
        switch value {
        case .object(let pairs, _): return "{" + pairs.map(\.key).sorted().joined(separator: ",") + "}"
        case .array(let items, _):
            return "[" + items.map { $0.string != nil ? "s" : ($0.pairs != nil ? "o" : "a") }.joined() + "]"
        default: return nil
        }
    }

    /// True when a record's strings hold a template placeholder (`{{x}}`, `{x}`, `${x}`, `{{$x}}`).
    private static func hasPlaceholder(_ value: DocValue) -> Bool {
        var stack = [value]
        while let next = stack.popLast() {
            switch next {
            case .string(let s):
                if s.value.contains("{"), FormatDetection.sniff(s.value, markdown: true) != .markdown { return true }
            case .object(let pairs, _): stack += pairs.map(\.value)
            case .array(let items, _): stack += items
            case .template: return true
            case .scalar: break
            }
        }
        return false
    }

    /// True when a prompt-shaped field with prompt-like text lies outside the records container that
    /// starts at `recordsStart` (containers are told apart by where they start).
    private static func hasPromptField(_ root: DocValue, outside recordsStart: Int) -> Bool {
        var stack: [(DocValue, Int)] = [(root, 0)]
        while let (value, depth) = stack.popLast() {
            guard depth < 12, value.offset != recordsStart else { continue }
            if let items = value.elements { stack += items.map { ($0, depth + 1) } }
            for pair in value.pairs ?? [] {
                if case .string(let s) = pair.value, PromptFieldKeys.isPromptField(pair.key),
                    PromptFieldKeys.looksLikePrompt(s.value)
                {
                    return true
                }
                stack.append((pair.value, depth + 1))
            }
        }
        return false
    }
}
