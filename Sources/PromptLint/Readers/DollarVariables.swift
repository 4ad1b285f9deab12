/// `${name}` variables in a Jinja template: the syntax of an environment built with
/// `variable_start_string="${"` (`Environment(variable_start_string="${", variable_end_string="}")`),
/// where statements stay `{% %}` and values are written `${KIMI_NOW}`-style. Recognised when a template
/// writes `${name}` and no `{{ }}` expression, so that no other variable syntax fits.
enum DollarVariables {
    /// True when the text holds a `${name}` variable and no `{{`.
    static func isDialect(_ bytes: [UInt8]) -> Bool {
        var hasVariable = false
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "{") && bytes[i + 1] == UInt8(ascii: "{") { return false }
            if !hasVariable, bytes[i] == UInt8(ascii: "$"), variableEnd(bytes, i, limit: bytes.count) != nil { hasVariable = true }
            i += 1
        }
        return hasVariable
    }

    /// Emits `range` as text with its `${name}` variables as slots.
    static func scan(_ source: SourceText, range: Range<Int>, into sink: inout TemplateSink) {
        let bytes = source.bytes
        var textStart = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            guard bytes[i] == UInt8(ascii: "$"), let end = variableEnd(bytes, i, limit: range.upperBound) else {
                i += 1
                continue
            }
            if textStart < i { sink.text(textStart..<i, in: source) }
            let whole = source.string(i..<end)
            let name = String(whole.dropFirst(2).dropLast())
            let variable = name.split(separator: ".").first.map(String.init) ?? name
            sink.slot(TemplateSlot(expression: name, variable: variable, source: whole, position: source.position(i)))
            i = end
            textStart = end
        }
        if textStart < range.upperBound { sink.text(textStart..<range.upperBound, in: source) }
    }

    /// The index after `}` of a `${name}` or `${obj.attr}` starting at `i`, or nil.
    private static func variableEnd(_ bytes: [UInt8], _ i: Int, limit: Int) -> Int? {
        guard i + 2 < limit, bytes[i + 1] == UInt8(ascii: "{"), isNameStart(bytes[i + 2]) else { return nil }
        var j = i + 3
        while j < limit, j - i < 80, isNameStart(bytes[j]) || bytes[j] == UInt8(ascii: ".") || (bytes[j] >= 0x30 && bytes[j] <= 0x39) {
            j += 1
        }
        return j < limit && bytes[j] == UInt8(ascii: "}") ? j + 1 : nil
    }

    private static func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == UInt8(ascii: "_") }
}
