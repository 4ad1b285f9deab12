#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pass over a directory: its entries with their types as the directory reports them, the names that are
/// not valid UTF-8 (Foundation's listing cannot name them, so a walk relying on it skips them without a word;
/// callers report them, escaped with `DisplayText.fileName`), and the directory's own device and inode.
///
/// A walk calls this once per folder: one open by path, then `readdir` and `fstat` on the open handle, instead
/// of a listing, a second listing for odd names, a `stat` of the folder and a `stat` per entry, each resolving
/// the whole path again (which made deep trees quadratic in their depth).
public struct DirectoryListing: Sendable {
    /// What an entry is, from `d_type` (`unknown` when the file system does not say; links are not followed).
    public enum Kind: Sendable, Equatable {
        case directory, regular, symbolicLink, other, unknown
    }

    /// One entry with a valid UTF-8 name.
    public struct Entry: Sendable, Equatable {
        /// The name.
        public var name: String
        /// Its type as listed.
        public var kind: Kind
    }

    /// Entries other than `.` and `..` with valid UTF-8 names, sorted by name (as `String` sorts).
    public var entries: [Entry]
    /// The names that are not valid UTF-8, escaped for messages, in byte order.
    public var undecodableNames: [String]
    /// The directory's device number (links followed).
    public var device: UInt64
    /// The directory's inode number.
    public var inode: UInt64

    /// Lists the directory at `path` (links followed), or nil when it cannot be opened or is not a directory.
    public init?(_ path: String) {
        guard let handle = opendir(path) else { return nil }
        defer { closedir(handle) }
        var info = stat()
        guard fstat(dirfd(handle), &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        var valid: [Entry] = []
        var odd: [[UInt8]] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [46] || bytes == [46, 46] { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                odd.append(bytes)
                continue
            }
            valid.append(Entry(name: name, kind: Self.kind(Int32(entry.pointee.d_type))))
        }
        entries = valid.sorted { $0.name < $1.name }
        undecodableNames = odd.sorted { $0.lexicographicallyPrecedes($1) }.map(DisplayText.fileName)
    }

    /// The names in `directory` that are not valid UTF-8, escaped for messages, in byte order.
    public static func undecodableNames(in directory: String) -> [String] {
        DirectoryListing(directory)?.undecodableNames ?? []
    }

    private static func kind(_ type: Int32) -> Kind {
        switch type {
        case Int32(DT_DIR): return .directory
        case Int32(DT_REG): return .regular
        case Int32(DT_LNK): return .symbolicLink
        case Int32(DT_UNKNOWN): return .unknown
        default: return .other
        }
    }
}
