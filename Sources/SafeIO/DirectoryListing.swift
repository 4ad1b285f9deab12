#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directory entries whose names are not valid UTF-8: Foundation's listing cannot name them, so a walk that
/// relies on it skips them without a word. Callers report them instead (escaped with `DisplayText.fileName`).
public enum DirectoryListing {
    /// The names in `directory` that are not valid UTF-8, escaped for messages, in byte order.
    public static func undecodableNames(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if String(validating: bytes, as: UTF8.self) == nil { names.append(bytes) }
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }.map(DisplayText.fileName)
    }
}
