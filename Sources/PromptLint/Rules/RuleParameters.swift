/// A value from a rule's `parameters:` block or from configuration YAML.
public indirect enum ParameterValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// A floating-point number.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// A list.
    case list([ParameterValue])
    /// A mapping with string keys.
    case map([String: ParameterValue])

    /// Converts a value produced by `Yams.load` (or JSONSerialization).
    public init?(yaml value: Any) {
        switch value {
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = .double(d)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .list(a.compactMap { ParameterValue(yaml: $0) })
        case let m as [String: Any]: self = .map(m.compactMapValues { ParameterValue(yaml: $0) })
        case let m as [AnyHashable: Any]:
            var out: [String: ParameterValue] = [:]
            for (k, v) in m { if let pv = ParameterValue(yaml: v) { out["\(k)"] = pv } }
            self = .map(out)
        default: return nil
        }
    }

    /// The value as text, for scalars.
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    /// The value as a list of strings (a scalar becomes a one-element list).
    public var stringList: [String]? {
        if case .list(let items) = self { return items.compactMap(\.stringValue) }
        return stringValue.map { [$0] }
    }
}

/// A rule's parameters, with typed accessors that fall back to defaults.
public struct RuleParameters: Sendable, Hashable {
    /// The raw values.
    public var values: [String: ParameterValue]

    /// Creates parameters.
    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    /// An integer parameter.
    public func int(_ key: String, default fallback: Int) -> Int {
        switch values[key] {
        case .int(let i): return i
        case .double(let d): return Int(d)
        case .string(let s): return Int(s) ?? fallback
        default: return fallback
        }
    }

    /// A floating-point parameter.
    public func double(_ key: String, default fallback: Double) -> Double {
        switch values[key] {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s) ?? fallback
        default: return fallback
        }
    }

    /// A boolean parameter.
    public func bool(_ key: String, default fallback: Bool) -> Bool {
        if case .bool(let b) = values[key] { return b }
        return fallback
    }

    /// A string parameter.
    public func string(_ key: String) -> String? { values[key]?.stringValue }

    /// A list-of-strings parameter.
    public func strings(_ key: String) -> [String]? { values[key]?.stringList }

    /// A mapping of integers (e.g. minimum tokens by provider).
    public func intMap(_ key: String) -> [String: Int] {
        guard case .map(let m) = values[key] else { return [:] }
        var out: [String: Int] = [:]
        for (k, v) in m {
            if case .int(let i) = v { out[k] = i } else if let s = v.stringValue, let i = Int(s) { out[k] = i }
        }
        return out
    }
}
