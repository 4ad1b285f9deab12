extension FewShotDocument {
    /// Reads a JSON list of example objects.
    static func parseJSONList(_ text: String) throws(FewShotError) -> FewShotDocument {
        let parsed: (items: [FewShotJSON], ranges: [Range<Int>])
        do {
            parsed = try FewShotJSONParser.parseArray(Substring(text))
        } catch {
            throw .malformedJSON(line: error.line, column: error.column, reason: error.reason)
        }
        guard !parsed.items.isEmpty else { throw .emptyList }
        let utf8 = Array(text.utf8)
        func slice(_ r: Range<Int>) -> String { String(decoding: utf8[r], as: UTF8.self) }
        func line(at offset: Int) -> Int { 1 + utf8[0..<offset].lazy.filter { $0 == UInt8(ascii: "\n") }.count }
        var examples: [FewShotExample] = []
        var separators: [String] = [""]
        for (i, item) in parsed.items.enumerated() {
            let range = parsed.ranges[i]
            if i > 0 { separators.append(slice(parsed.ranges[i - 1].upperBound..<range.lowerBound)) }
            examples.append(try example(from: item, number: i + 1, line: line(at: range.lowerBound), source: slice(range)))
        }
        let prefix = slice(0..<parsed.ranges[0].lowerBound)
        let suffix = slice(parsed.ranges[parsed.ranges.count - 1].upperBound..<utf8.count)
        return FewShotDocument(
            format: .json, examples: examples, warnings: labelWarnings(examples),
            prefix: prefix, separators: separators, suffix: suffix)
    }

    /// Reads one JSON object per non-blank line.
    static func parseJSONLines(_ text: String) throws(FewShotError) -> FewShotDocument {
        var examples: [FewShotExample] = []
        var separators: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) { continue }
            let value: FewShotJSON
            do {
                value = try FewShotJSONParser.parse(line)
            } catch {
                throw .malformedJSONL(line: i + 1, reason: "column \(error.column): \(error.reason)")
            }
            separators.append(examples.isEmpty ? "" : "\n")
            examples.append(try example(from: value, number: examples.count + 1, line: i + 1, source: String(line)))
        }
        guard !examples.isEmpty else { throw .emptyList }
        return FewShotDocument(
            format: .jsonl, examples: examples, warnings: labelWarnings(examples),
            prefix: "", separators: separators, suffix: text.hasSuffix("\n") ? "\n" : "")
    }

    /// An example from a JSON object: `input` and `output` strings are required; `label` may be a string, a
    /// number, a boolean or null; every other member is passed through.
    static func example(from value: FewShotJSON, number: Int, line: Int, source: String) throws(FewShotError) -> FewShotExample {
        guard case .object(let members) = value else {
            throw .notAnObject(example: number, line: line, found: value.kindName)
        }
        func requiredString(_ field: String) throws(FewShotError) -> String {
            guard let v = value[field] else { throw .missingField(field: field, example: number, line: line) }
            guard let s = v.stringValue else {
                throw .wrongFieldType(field: field, example: number, line: line, expected: "a string", found: v.kindName)
            }
            return s
        }
        let input = try requiredString("input")
        let output = try requiredString("output")
        var label: String?
        switch value["label"] {
        case nil, .null?: label = nil
        case .string(let s)?: label = s
        case .number(let n)?: label = n
        case .bool(let b)?: label = b ? "true" : "false"
        case let other?:
            throw .wrongFieldType(field: "label", example: number, line: line, expected: "a string", found: other.kindName)
        }
        let extra = members.filter { !["input", "output", "label"].contains($0.key) }
        return FewShotExample(input: input, output: output, label: label, extra: extra, source: source, object: value)
    }

    /// A warning when only some examples carry a label.
    static func labelWarnings(_ examples: [FewShotExample]) -> [FewShotWarning] {
        let unlabelled = examples.filter { $0.label == nil }.count
        return unlabelled > 0 && unlabelled < examples.count ? [.partialLabels(unlabelled: unlabelled)] : []
    }
}
