/// A metadata value from a GGUF file's key/value section.
///
/// Arrays of numbers and strings are kept typed, so a 262,144-entry vocabulary costs one array, not one enum
/// per entry.
public enum GGUFValue: Sendable, Equatable {
    /// An unsigned scalar (uint8, uint16, uint32 or uint64).
    case uint(UInt64)
    /// A signed scalar (int8, int16, int32 or int64).
    case int(Int64)
    /// A float32 or float64 scalar.
    case float(Double)
    /// A boolean scalar.
    case bool(Bool)
    /// A string (invalid UTF-8 repaired).
    case string(String)
    /// An array of strings.
    case strings([String])
    /// An array of float32 (or float64, narrowed) numbers.
    case floats([Float])
    /// An array of integers of any width; uint64 values above `Int64.max` wrap around.
    case ints([Int64])
    /// An array of arrays, or of booleans: kept, but not typed further.
    case values([GGUFValue])

    /// The value as an integer, if it is one (signed or unsigned, in range).
    public var intValue: Int? {
        switch self {
        case .uint(let v): return v <= UInt64(Int.max) ? Int(v) : nil
        case .int(let v): return Int(exactly: v)
        default: return nil
        }
    }

    /// The value as a floating-point number, if it is a number.
    public var doubleValue: Double? {
        switch self {
        case .float(let v): return v
        case .uint(let v): return Double(v)
        case .int(let v): return Double(v)
        default: return nil
        }
    }

    /// The value as a string, if it is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a boolean, if it is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

/// GGUF's metadata value type codes (gguf.h `enum gguf_type`).
enum GGUFValueType: UInt32 {
    case uint8 = 0, int8, uint16, int16, uint32, int32, float32, bool, string, array, uint64, int64, float64

    /// The smallest number of bytes one value of this type can take (used to bound array counts).
    var minimumBytes: Int {
        switch self {
        case .uint8, .int8, .bool: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64, .string: return 8
        case .array: return 12
        }
    }
}
