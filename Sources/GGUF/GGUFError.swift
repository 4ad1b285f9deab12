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
    public var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read model file: \(reason)"
        case .badMagic(let path): return "\(path): not a GGUF file (bad magic)"
        case .unsupportedVersion(let path, let v): return "\(path): unsupported GGUF version \(v) (only 3 is read)"
        case .truncated(let path, let offset, let what):
            return "\(path): truncated GGUF file: \(what) at byte \(offset) runs past the end"
        case .invalidHeader(let path, let offset, let what): return "\(path): invalid GGUF header at byte \(offset): \(what)"
        case .invalidTensor(let path, let name, let what): return "\(path): invalid tensor '\(name)': \(what)"
        case .unsupportedType(let path, let name, let type):
            return "\(path): tensor '\(name)' has unsupported ggml type \(type)"
        case .missingKey(let path, let key): return "\(path): missing or mistyped metadata key '\(key)'"
        case .missingTensor(let path, let name): return "\(path): missing tensor '\(name)'"
        }
    }
}
