extension SourceAnalysis {
    /// True when the assignment whose value is `value` writes the attribute `key` of the instance or class
    /// (`self.key = …`, `this.key = …`, `cls.key = …`) rather than a local variable of that name: the
    /// target is read back from the text of the value's line before the value.
    static func writesAttribute(_ value: SourceNode, key: String, in source: SourceText) -> Bool {
        let bytes = source.bytes
        let start = min(max(value.range.lowerBound, 0), bytes.count)
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let head = String(decoding: bytes[lineStart..<start], as: UTF8.self)
        return ["self.", "this.", "cls."].contains { head.contains($0 + key) }
    }
}
