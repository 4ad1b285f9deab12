#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one policy for reading input files, shared by the linter's walk, `promptcompress` inputs and `--model`:
/// symbolic links are followed and the TARGET is checked (a link to a 3 GB file is a 3 GB file); only regular
/// files are read; FIFOs, devices and sockets are refused without blocking (the file is opened with `O_NONBLOCK`
/// and classified with `fstat` on the descriptor, so nothing can swap the file between the check and the read);
/// the size is checked before any byte is read, and reading stops at the limit even if the file grows.
public enum FileReadPolicy {
    /// What `stat` says about a path, links followed.
    public struct Status: Sendable, Equatable {
        /// The kind of the final target.
        public var kind: FileKind
        /// The target's size in bytes.
        public var size: Int
    }

    /// The status of `path` after following links, or nil when it does not exist (or a link is broken).
    public static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(kind: FileKind(mode: UInt32(info.st_mode)), size: Int(info.st_size))
    }

    /// Opens a regular file for reading without blocking on FIFOs or devices.
    /// - Returns: the descriptor (close-on-exec, blocking again) and the file's size.
    /// - Throws: `FileAccessError` when the path is missing, not a regular file, or cannot be opened.
    public static func openRegular(_ path: String) throws(FileAccessError) -> (descriptor: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound(path: path) }
            if code == ENXIO || code == EISDIR, let kind = status(path)?.kind { throw .notRegularFile(path: path, kind: kind) }
            throw .systemError(path: path, operation: "open", reason: systemReason(code))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = systemReason()
            close(fd)
            throw .systemError(path: path, operation: "read", reason: reason)
        }
        let kind = FileKind(mode: UInt32(info.st_mode))
        guard kind == .regular else {
            close(fd)
            throw .notRegularFile(path: path, kind: kind)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return (fd, Int(info.st_size))
    }

    /// The bytes of the regular file at `path` (links followed), at most `limit` of them.
    /// - Throws: `FileAccessError` for a missing path, a non-regular file, a file above `limit`, or a read error.
    public static func read(_ path: String, limit: Int) throws(FileAccessError) -> Data {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }
        return try readAll(fd, name: path, limit: limit)
    }

    /// At most the first `count` bytes of the regular file at `path` (links followed), for sniffing a file's
    /// content: a FIFO, device or socket is refused without blocking, like `read`.
    /// - Throws: `FileAccessError` for a missing path, a non-regular file or a read error.
    public static func head(_ path: String, count: Int) throws(FileAccessError) -> Data {
        let (fd, _) = try openRegular(path)
        defer { close(fd) }
        return try readUpTo(fd, name: path, stopAt: count, limit: nil)
    }

    /// Reads `fd` to its end, failing with `tooLarge` past `limit` bytes.
    static func readAll(_ fd: Int32, name: String, limit: Int) throws(FileAccessError) -> Data {
        try readUpTo(fd, name: name, stopAt: .max, limit: limit)
    }

    /// Reads `fd` until its end or `stopAt` bytes, whichever comes first; past `limit` bytes (when given) it fails
    /// with `tooLarge`. Retries reads interrupted by a signal.
    private static func readUpTo(_ fd: Int32, name: String, stopAt: Int, limit: Int?) throws(FileAccessError) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: max(1, min(stopAt, 1 << 16)))
        while data.count < stopAt {
            let wanted = min(chunk.count, stopAt - data.count)
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                if code == EBADF { throw .systemError(path: name, operation: "read", reason: "the descriptor is closed") }
                throw .systemError(path: name, operation: "read", reason: systemReason(code))
            }
            if n == 0 { break }
            if let limit, data.count + n > limit { throw .tooLarge(path: name, size: data.count + n, limit: limit) }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }
}

#if canImport(Glibc)
@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Glibc.read(fd, buffer, count)
}
@inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.write(fd, buffer, count)
}
#else
@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Darwin.read(fd, buffer, count)
}
@inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Darwin.write(fd, buffer, count)
}
#endif
