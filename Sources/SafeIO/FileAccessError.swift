#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file or a standard stream could not be read or written. Each case names the path (or stream) and
/// describes itself in one line.
public enum FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist (after following symbolic links).
    case notFound(path: String)
    /// The path is not a regular file after following symbolic links (`kind`: directory, FIFO, device ...).
    case notRegularFile(path: String, kind: FileKind)
    /// The file is larger than the reader allows.
    case tooLarge(path: String, size: Int, limit: Int)
    /// The system refused to open, read, write or rename (`reason` is the system's message).
    case systemError(path: String, operation: String, reason: String)
    /// A standard stream was closed when the process started (`stream`: standard input/output).
    case streamClosed(stream: String)

    /// The description without the path: why it failed.
    public var reason: String {
        switch self {
        case .notFound: return "no such file"
        case .notRegularFile(_, let kind): return "is a \(kind.name), not a regular file"
        case .tooLarge(_, let size, let limit): return "file is \(size) bytes, above the \(limit)-byte limit"
        case .systemError(_, _, let reason): return reason
        case .streamClosed(let stream): return "\(stream) is closed"
        }
    }

    /// The one-line description.
    public var description: String {
        switch self {
        case .notFound(let path): return "\(DisplayText.path(path)): no such file"
        case .notRegularFile(let path, let kind): return "\(DisplayText.path(path)): is a \(kind.name), not a regular file"
        case .tooLarge(let path, let size, let limit):
            return "\(DisplayText.path(path)): file is \(size) bytes, above the \(limit)-byte limit"
        case .systemError(let path, let operation, let reason): return "cannot \(operation) \(DisplayText.path(path)): \(reason)"
        case .streamClosed(let stream): return "\(stream) is closed"
        }
    }
}

/// What a path is after following symbolic links.
public enum FileKind: Sendable, Equatable {
    case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

    /// Classifies a `st_mode`.
    public init(mode: UInt32) {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): self = .regular
        case UInt32(S_IFDIR): self = .directory
        case UInt32(S_IFIFO): self = .fifo
        case UInt32(S_IFCHR): self = .characterDevice
        case UInt32(S_IFBLK): self = .blockDevice
        case UInt32(S_IFSOCK): self = .socket
        case UInt32(S_IFLNK): self = .symbolicLink
        default: self = .other
        }
    }

    /// Its name in messages.
    public var name: String {
        switch self {
        case .regular: return "regular file"
        case .directory: return "directory"
        case .fifo: return "FIFO"
        case .characterDevice: return "character device"
        case .blockDevice: return "block device"
        case .socket: return "socket"
        case .symbolicLink: return "symbolic link"
        case .other: return "special file"
        }
    }
}

/// The system's message for `errno`.
func systemReason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
