import Foundation

/// Everything that can be wrong with a GGUF file, each case naming what and where.
///
/// Every reader entry point throws only this type, so callers can map failures to one-line messages.
public enum GGUFError: Error, Equatable, Sendable, LocalizedError {
    /// The file could not be opened or mapped.
    case unreadable(path: String, reason: String)
    /// The first four bytes are not `GGUF`.
    case badMagic(path: String)
    /// A version other than 3.
    case unsupportedVersion(path: String, version: UInt32)
    /// The file ends before a structure that the header promises.
    case truncated(path: String, offset: Int, what: String)
    /// A header field holds a value that no valid file can have.
    case invalidHeader(path: String, offset: Int, what: String)
    /// A tensor's shape, type or extent is invalid.
    case invalidTensor(path: String, name: String, what: String)
    /// A tensor's element type is not one this reader can dequantize.
    case unsupportedType(path: String, name: String, type: UInt32)
    /// A metadata key that the caller needs is absent or of the wrong type.
    case missingKey(path: String, key: String)
    /// A tensor that the caller needs is absent.
    case missingTensor(path: String, name: String)

    /// A one-line description naming the file and the problem.
    ///
    /// Names and keys come from the file itself, so control characters (a newline in a hostile key) are escaped
    /// and very long names are shortened: the message is always a single line of bounded length.
    public var errorDescription: String? {
        let path = Self.clean(self.path, limit: 1000)
        switch self {
        case .unreadable(_, let reason): return "\(path): cannot read model file: \(Self.clean(reason))"
        case .badMagic: return "\(path): not a GGUF file (bad magic)"
        case .unsupportedVersion(_, let v):
            let swapped = v.byteSwapped
            let hint = (1...3).contains(swapped) ? ", a big-endian file" : ""
            return "\(path): unsupported GGUF version \(v) (only 3 is read\(hint))"
        case .truncated(_, let offset, let what):
            return "\(path): truncated GGUF file: \(Self.clean(what)) at byte \(offset) runs past the end"
        case .invalidHeader(_, let offset, let what):
            return "\(path): invalid GGUF header at byte \(offset): \(Self.clean(what))"
        case .invalidTensor(_, let name, let what):
            return "\(path): invalid tensor '\(Self.clean(name))': \(Self.clean(what))"
        case .unsupportedType(_, let name, let type):
            return "\(path): tensor '\(Self.clean(name))' has unsupported ggml type \(type)"
        case .missingKey(_, let key): return "\(path): missing or mistyped metadata key '\(Self.clean(key))'"
        case .missingTensor(_, let name): return "\(path): missing tensor '\(Self.clean(name))'"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .badMagic(let path), .unsupportedVersion(let path, _), .truncated(let path, _, _),
            .invalidHeader(let path, _, _), .invalidTensor(let path, _, _), .unsupportedType(let path, _, _),
            .missingKey(let path, _), .missingTensor(let path, _):
            return path
        }
    }

    /// Escapes control characters and shortens `text` to at most `limit` characters (plus an ellipsis).
    static func clean(_ text: String, limit: Int = 300) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "..."
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
