import Yams

/// Duplicated keys of a YAML block mapping, made unique the way common YAML loaders read them: the last
/// occurrence keeps the key, earlier ones are renamed in place (first character replaced, so every byte
/// offset stays where it was).
enum DuplicateKeys {
    /// `yaml` with the earlier occurrences of `keys` in the block mapping whose first duplicated key is at
    /// `mark` renamed; nil when they cannot be found there (a flow mapping, quoted keys).
    static func renamingEarlier(_ keys: [String], mappingAt mark: Mark, in yaml: String) -> String? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let first = mark.line - 1
        guard first >= 0, first < lines.count, mark.column >= 1 else { return nil }
        let column = mark.column - 1
        var occurrences: [String: [Int]] = [:]
        var index = first
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == 0x20 }.count
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x0D } || line.dropFirst(indent).first == UInt8(ascii: "#")
            if index > first && !blank && indent < column { break }
            if index == first || indent == column {
                for key in keys where Self.startsWithKey(line, key, at: column) { occurrences[key, default: []].append(index) }
            }
            index += 1
        }
        var changed = false
        for (k, key) in keys.enumerated() {
            guard let found = occurrences[key], found.count > 1 else { continue }
            for (n, line) in found.dropLast().enumerated() {
                lines[line][column] = Array("0123456789".utf8)[(k + n) % 10]
                changed = true
            }
        }
        guard changed else { return nil }
        return lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    /// True when `line` holds `key:` starting at `column`.
    private static func startsWithKey(_ line: [UInt8], _ key: String, at column: Int) -> Bool {
        let bytes = Array(key.utf8)
        guard !bytes.isEmpty, column + bytes.count < line.count, Array(line[column..<(column + bytes.count)]) == bytes else {
            return false
        }
        var j = column + bytes.count
        while j < line.count, line[j] == 0x20 { j += 1 }
        return j < line.count && line[j] == UInt8(ascii: ":")
    }
}
