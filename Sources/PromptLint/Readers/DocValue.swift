/// A JSON or YAML document read with source offsets, so string values can be scanned as templates
/// with positions in the file.
indirect enum DocValue: Sendable {
    /// Key/value pairs in file order, and where the object lies (an empty range at its start for YAML).
    case object([(key: String, value: DocValue)], range: Range<Int>)
    /// Elements, and where the array lies.
    case array([DocValue], range: Range<Int>)
    /// A string value.
    case string(DocString)
    /// A number, boolean or null, as written.
    case scalar(String, range: Range<Int>)
    /// A template tag standing where a value belongs (`{{ amount }}`, `{% for m in ms %}` in JSON).
    case template(Range<Int>)

    /// Where the value starts in the file.
    var offset: Int {
        switch self {
        case .object(_, let r), .array(_, let r), .scalar(_, let r), .template(let r): return r.lowerBound
        case .string(let s): return s.offset
        }
    }

    /// Where the value lies in the file, when known (JSON); YAML values give an empty range.
    var range: Range<Int> {
        switch self {
        case .object(_, let r), .array(_, let r), .scalar(_, let r), .template(let r): return r
        case .string(let s): return s.offset..<(s.map?.last.map { $0 + 1 } ?? s.offset)
        }
    }

    /// The value for `key` in an object.
    subscript(key: String) -> DocValue? {
        guard case .object(let pairs, _) = self else { return nil }
        return pairs.first(where: { $0.key == key })?.value
    }

    /// The string value, if this is a string (or a scalar, as written).
    var string: String? {
        switch self {
        case .string(let s): return s.value
        case .scalar(let s, _): return s
        default: return nil
        }
    }

    /// The object's pairs.
    var pairs: [(key: String, value: DocValue)]? {
        if case .object(let p, _) = self { return p }
        return nil
    }

    /// The array's elements.
    var elements: [DocValue]? {
        if case .array(let e, _) = self { return e }
        return nil
    }

    /// The value flattened to one line (`a, b` for arrays of scalars; JSON-ish otherwise), at most `limit` characters.
    func flatText(limit: Int = 200) -> String {
        var out = ""
        var stack: [(DocValue, Int)] = [(self, 0)]
        while let (value, depth) = stack.popLast(), out.count < limit {
            switch value {
            case .string(let s): out += s.value
            case .scalar(let s, _): out += s
            case .template: out += "{{…}}"
            case .array(let items, _):
                if depth > 8 { out += "[…]"; continue }
                for (k, item) in items.enumerated().reversed() {
                    stack.append((item, depth + 1))
                    if k > 0 { stack.append((.scalar(", ", range: 0..<0), depth)) }
                }
            case .object(let pairs, _):
                if depth > 8 { out += "{…}"; continue }
                stack.append((.scalar("}", range: 0..<0), depth))
                for (k, pair) in pairs.enumerated().reversed() {
                    stack.append((pair.value, depth + 1))
                    stack.append((.scalar((k > 0 ? ", " : "") + pair.key + ": ", range: 0..<0), depth))
                }
                stack.append((.scalar("{", range: 0..<0), depth))
            }
        }
        return out.count > limit ? String(out.prefix(limit)) + "…" : out
    }

    /// Flattens scalars into `prefix.key.sub` entries (arrays of scalars joined with `, `).
    func flatten(prefix: String, into out: inout [String: String]) {
        var stack: [(String, DocValue, Int)] = [(prefix, self, 0)]
        while let (path, value, depth) = stack.popLast() {
            guard depth < 16 else { continue }
            switch value {
            case .object(let pairs, _):
                for pair in pairs.reversed() {
                    stack.append((path.isEmpty ? pair.key : path + "." + pair.key, pair.value, depth + 1))
                }
            case .array(let items, _):
                // The length lets a loop over the list count its body per item (`LoopLength`).
                out[path + ".#count"] = String(items.count)
                if items.allSatisfy({ $0.string != nil }) {
                    out[path] = items.compactMap(\.string).joined(separator: ", ")
                } else {
                    for (k, item) in items.enumerated().reversed() { stack.append((path + ".\(k)", item, depth + 1)) }
                }
            default:
                out[path] = value.flatText()
            }
        }
    }
}

/// A string value and how to find its characters in the file.
struct DocString {
    /// The decoded value.
    var value: String
    /// Where the value (its opening quote or indicator) starts in the file.
    var offset: Int
    /// For JSON: the exact file offset of each decoded UTF-8 byte (and one past the end).
    var map: [Int]?

    /// The value as a source whose positions point into `file`.
    func source(in file: SourceText) -> SourceText {
        if let map { return SourceText(embedded: value, map: map, in: file) }
        return file.embedded(value, alignedTo: offset..<file.count)
    }
}
