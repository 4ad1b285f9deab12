#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeIO

/// A read-only memory mapping of a whole file, unmapped when the last reference goes.
///
/// The mapping is never written, so sharing it across tasks is safe.
public final class MappedFile: @unchecked Sendable {
    /// The first byte of the mapping (nil for an empty file).
    public let base: UnsafeRawPointer?
    /// The file's size in bytes.
    public let count: Int
    /// The path the file was opened from.
    public let path: String

    /// Maps the file at `path` read-only.
    /// - Throws: `GGUFError.unreadable` when the file cannot be opened, sized or mapped.
    public init(path: String) throws {
        self.path = path
        // The project's read policy: links followed, regular files only, FIFOs and devices refused without blocking.
        let fd: Int32
        let size: Int
        do {
            (fd, size) = try FileReadPolicy.openRegular(path)
        } catch {
            throw GGUFError.unreadable(path: path, reason: error.reason)
        }
        defer { close(fd) }
        count = size
        if count == 0 {
            base = nil
            return
        }
        let pointer = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw GGUFError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        base = UnsafeRawPointer(pointer)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }
}
