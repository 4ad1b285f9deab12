extension SourceAnalysis {
    /// True when the assignment whose value is `value` writes the attribute `key` of the instance or class
    /// (`self.key = …`, `this.key = …`, `cls.key = …`) rather than a local variable of that name: the
    /// target is read back from the text of the value's line before the value, at most `targetReach` bytes
    /// back (one-line minified JavaScript made this scan quadratic in the file's size).
    static func writesAttribute(_ value: SourceNode, key: String, in source: SourceText) -> Bool {
        let bytes = source.bytes
        let start = min(max(value.range.lowerBound, 0), bytes.count)
        let floor = max(0, start - key.utf8.count - targetReach)
        var lineStart = start
        while lineStart > floor, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let head = String(decoding: bytes[lineStart..<start], as: UTF8.self)
        return ["self.", "this.", "cls."].contains { head.contains($0 + key) }
    }

    /// How far before a value its assignment target may start (`this.key` and the operator with its spaces).
    static let targetReach = 64
}
