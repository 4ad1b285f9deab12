#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pass over a directory: its entries with their types as the directory reports them, the names that are
/// not valid UTF-8 (Foundation's listing cannot name them, so a walk relying on it skips them without a word;
/// callers report them, escaped with `DisplayText.fileName`), the directory's own device and inode, and the
/// open directory itself, so that a walk opens each subfolder relative to its parent (`openat`) instead of by
/// its full path.
///
/// Opening by path makes the system resolve every component again: a chain N folders deep cost N²/2 lookups,
/// quadratic in its depth. Relative to an open parent each open is one lookup, so a walk is linear in the
/// number of entries, however deep.
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
    /// The directory, open: subfolders are listed relative to it (`DirectoryListing(name:in:)`).
    public let folder: OpenFolder

    /// Lists the directory at `path` (links followed), or nil when it cannot be opened or is not a directory.
    public init?(_ path: String) {
        self.init(descriptor: open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    }

    /// Lists the directory `name` inside the open `parent` (links followed; one lookup, whatever the parent's
    /// depth), or nil when it cannot be opened or is not a directory.
    public init?(name: String, in parent: OpenFolder) {
        self.init(descriptor: openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    }

    private init?(descriptor: Int32) {
        guard descriptor >= 0 else { return nil }
        let folder = OpenFolder(descriptor: descriptor)
        var info = stat()
        // `fdopendir` owns the descriptor it is given: list through a duplicate, keep the original open.
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        let listed = dup(descriptor)
        guard listed >= 0 else { return nil }
        guard let handle = fdopendir(listed) else {
            close(listed)
            return nil
        }
        defer { closedir(handle) }
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
        self.folder = folder
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
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

/// An open directory, closed when the last reference goes: the anchor for opening and examining its entries
/// by name (`openat`, `fstatat`) rather than by a path resolved from the root each time.
public final class OpenFolder: Sendable {
    /// The descriptor (read-only, close-on-exec).
    public let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The status of the entry `name` with links followed (`fstatat`, one lookup), or nil when it does not exist
    /// or a link is broken.
    public func status(of name: String) -> FileReadPolicy.Status? {
        var info = stat()
        guard fstatat(descriptor, name, &info, 0) == 0 else { return nil }
        return FileReadPolicy.Status(kind: FileKind(mode: UInt32(info.st_mode)), size: Int(info.st_size))
    }
}
