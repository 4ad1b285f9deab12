#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one policy for writing output files (`--output`, `--write-baseline`, `report --html`):
/// - symbolic links are written THROUGH: the link is resolved and its final target replaced, the link stays;
/// - a regular file (or a new one) is replaced atomically: the bytes go to a temporary file beside the target, are
///   flushed to disk, and the file is renamed over the target (a reader sees the old file or the new one; a crash
///   leaves at most a stray `.NAME.UUID.tmp`); an existing file keeps its permission bits;
/// - something that is not a regular file is never replaced: character devices (`/dev/null`, `/dev/stdout`, a
///   terminal) and FIFOs with a reader are written to directly; directories, sockets, block devices and FIFOs
///   nobody reads are refused (opening never blocks).
public enum FileWritePolicy {
    /// How many links are followed before giving up (the Linux limit).
    static let maxLinkHops = 40

    /// Writes `data` to `path` under the policy above.
    /// - Throws: `FileAccessError` naming the path (as given) and the reason; the old target is left as it was.
    public static func write(_ data: Data, to path: String) throws(FileAccessError) {
        let target = try resolveLinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            let kind = FileKind(mode: UInt32(info.st_mode))
            switch kind {
            case .regular: try replace(target, with: data, keeping: mode_t(info.st_mode) & 0o7777, reportedAs: path)
            case .characterDevice, .fifo: try stream(data, to: target, reportedAs: path)
            default: throw .notRegularFile(path: path, kind: kind)
            }
        } else {
            try replace(target, with: data, keeping: nil, reportedAs: path)
        }
    }

    /// The final target of `path` after following symbolic links (a dangling link gives the path it names).
    static func resolveLinks(_ path: String) throws(FileAccessError) -> String {
        var current = path
        for _ in 0..<maxLinkHops {
            var info = stat()
            guard lstat(current, &info) == 0, FileKind(mode: UInt32(info.st_mode)) == .symbolicLink else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw .systemError(path: path, operation: "resolve", reason: systemReason()) }
            let destination = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/")
                ? destination : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        throw .systemError(path: path, operation: "write", reason: systemReason(ELOOP))
    }

    /// Atomic replacement of a regular (or missing) file; `mode`: the replaced file's permission bits (a new file
    /// gets 0644 less the umask).
    static func replace(_ target: String, with data: Data, keeping mode: mode_t?, reportedAs path: String) throws(FileAccessError) {
        let dir = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\(base).\(UUID().uuidString).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .systemError(path: path, operation: "write", reason: "cannot create a temporary file in \(dir.isEmpty ? "." : dir): \(systemReason())")
        }
        var failure = writeAll(fd, data)
        if failure == nil, let mode, fchmod(fd, mode) != 0 { failure = systemReason() }
        if failure == nil && fsync(fd) != 0 { failure = systemReason() }
        if close(fd) != 0 && failure == nil { failure = systemReason() }
        if failure == nil && rename(temp, target) != 0 { failure = systemReason() }
        if let failure {
            unlink(temp)
            throw .systemError(path: path, operation: "write", reason: failure)
        }
    }

    /// Direct writing to a character device or a FIFO that has a reader.
    static func stream(_ data: Data, to target: String, reportedAs path: String) throws(FileAccessError) {
        let fd = open(target, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            let reason = code == ENXIO ? "a FIFO with no process reading it" : systemReason(code)
            throw .systemError(path: path, operation: "write", reason: reason)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let failure = writeAll(fd, data)
        if close(fd) != 0, failure == nil, errno != EINVAL {
            throw .systemError(path: path, operation: "write", reason: systemReason())
        }
        if let failure { throw .systemError(path: path, operation: "write", reason: failure) }
    }

    /// Writes every byte, retrying after interruptions; the system's reason on failure.
    static func writeAll(_ fd: Int32, _ data: Data) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return systemReason()
                }
                offset += n
            }
            return nil
        }
    }
}
