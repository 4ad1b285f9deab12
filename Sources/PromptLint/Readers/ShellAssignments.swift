/// Shell variables a plain-text or Markdown file sets itself (`OWNER=acme`, `export REPO=app`), as a coding
/// agent's command file does before the commands that use them (`gh api repos/$OWNER/$REPO`): a `$OWNER` marker
/// there reads the value the file sets, not one filled in per request.
struct ShellAssignments {
    /// One assignment: the value (shortened for messages) and its 1-based line.
    struct Assignment: Equatable {
        var value: String
        var line: Int
    }

    /// The first assignment of each upper-case name.
    private(set) var byName: [String: Assignment] = [:]

    /// The assignments in `source`: an upper-case name (`[A-Z][A-Z0-9_]*`, two characters or more) at the start
    /// of a line, after whitespace, a backtick, `;` or `(`, then `=` and a value that is not itself a variable,
    /// placeholder or comparison (`X=$Y`, `X={y}`, `X=<y>`, `X==y`, `X= y`). One pass over the bytes.
    init(_ source: SourceText) {
        let bytes = source.bytes
        var i = 0
        while i < bytes.count {
            guard i == 0 || Self.opensName(bytes[i - 1]), let j = MarkerScanner.shellNameEnd(bytes, i) else {
                i += 1
                continue
            }
            defer { i = max(j, i + 1) }
            guard j - i >= 2, j + 1 < bytes.count, bytes[j] == UInt8(ascii: "=") else { continue }
            var start = j + 1
            var end = start
            let quote = bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") ? bytes[start] : nil
            if let quote {
                start += 1
                end = start
                while end < bytes.count, end - start < 200, bytes[end] != quote, bytes[end] != 0x0A { end += 1 }
                guard end < bytes.count, bytes[end] == quote else { continue }
            } else {
                while end < bytes.count, end - start < 200, !Self.endsValue(bytes[end]) { end += 1 }
            }
            guard end > start, !"=$({<[".utf8.contains(bytes[start]) else { continue }
            let name = source.string(i..<j)
            guard byName[name] == nil else { continue }
            let value = source.string(start..<end)
            byName[name] = Assignment(value: value.count > 40 ? String(value.prefix(40)) + "…" : value,
                                      line: source.position(i).line)
        }
    }

    /// A constant provenance for the `$NAME` or `${NAME}` marker `name` when the file sets it, citing where.
    func provenance(of name: String) -> SlotClass? {
        guard let found = byName[name] else { return nil }
        return SlotClass(volatility: .constant, kind: .value,
                         reason: "the shell variable `\(name)` is set to `\(found.value)` in this file (line \(found.line))")
    }

    private static func opensName(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: "`") || b == UInt8(ascii: ";")
            || b == UInt8(ascii: "(")
    }
    private static func endsValue(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: "`") || b == UInt8(ascii: ";")
            || b == UInt8(ascii: ")")
    }
}
