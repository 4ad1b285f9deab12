import Foundation

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#else
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes files atomically: the bytes go to a temporary file in the same directory, are flushed to disk, and the
/// file is renamed over the target. A reader sees the old file or the new one, never a part; a crash leaves at
/// most a stray `.NAME.UUID.tmp` file.
public enum AtomicFile {
    /// Writes `data` to `path` atomically.
    /// - Throws: `PromptLintError.writeFailed` naming the path and the system's reason.
    public static func write(_ data: Data, to path: String) throws {
        let abs = PathUtil.absolute(path)
        let dir = (abs as NSString).deletingLastPathComponent
        let temp = (dir as NSString).appendingPathComponent(".\((abs as NSString).lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PromptLintError.writeFailed(path: path, reason: "cannot create a temporary file in \(dir): \(errorText())")
        }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = errorText() }
        if close(fd) != 0 && failure == nil { failure = errorText() }
        if failure == nil && rename(temp, abs) != 0 { failure = errorText() }
        if let failure {
            unlink(temp)
            throw PromptLintError.writeFailed(path: path, reason: failure)
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
