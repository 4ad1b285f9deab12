#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Standard input, output and error for the command-line tools, without `FileHandle` (whose `write(_:)` and
/// `readDataToEndOfFile()` trap on an I/O error).
///
/// `prepare()` runs first thing in `main`: a stream that was closed when the process started (`>&-`, `<&-`,
/// `2>&-`) is reopened on a harmless device, so that no file the tool opens later can take descriptor 0, 1 or 2
/// and receive text meant for a terminal; reading a closed standard input or writing a closed standard output
/// then fails with `FileAccessError.streamClosed` instead of silently reading nothing or writing nowhere.
public enum StandardStreams {
    /// Which of descriptors 0, 1, 2 were closed at start; written once by `prepare()` before any other use.
    nonisolated(unsafe) private static var closedAtStart: [Bool] = [false, false, false]

    /// Reopens closed standard descriptors (input and error on `/dev/null`; output on `/dev/full` where there is
    /// one, so that even text written with `print` fails at the final flush) and records them.
    public static func prepare() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closedAtStart[Int(fd)] = true
            let device = fd == 1 && access("/dev/full", W_OK) == 0 ? "/dev/full" : "/dev/null"
            let reopened = open(device, fd == 0 ? O_RDONLY : O_WRONLY)
            if reopened >= 0 && reopened != fd {
                _ = dup2(reopened, fd)
                close(reopened)
            }
        }
    }

    /// Whether standard error is a terminal (for progress lines).
    public static var errorIsTerminal: Bool { !closedAtStart[2] && isatty(2) != 0 }

    /// All of standard input, at most `limit` bytes.
    /// - Throws: `FileAccessError.streamClosed`, `.tooLarge` or `.systemError` (for example, standard input is a
    ///   directory).
    public static func readInput(limit: Int) throws(FileAccessError) -> Data {
        if closedAtStart[0] { throw .streamClosed(stream: "standard input") }
        return try FileReadPolicy.readAll(0, name: "<stdin>", limit: limit)
    }

    /// Writes `text` to standard output, all of it.
    /// - Throws: `FileAccessError.streamClosed` or `.systemError` (a full disk, `/dev/full`, a closed pipe when
    ///   SIGPIPE is ignored).
    public static func writeOutput(_ text: String) throws(FileAccessError) {
        if closedAtStart[1] { throw .streamClosed(stream: "standard output") }
        fflush(nil)  // anything `print` buffered goes first
        if let failure = FileWritePolicy.writeAll(1, Data(text.utf8)) {
            throw .systemError(path: "standard output", operation: "write", reason: failure)
        }
    }

    /// Flushes what `print` buffered; call before exiting with success.
    /// - Throws: `FileAccessError` when the buffered text cannot be written.
    public static func flushOutput() throws(FileAccessError) {
        if fflush(nil) != 0 {
            if closedAtStart[1] { throw .streamClosed(stream: "standard output") }
            throw .systemError(path: "standard output", operation: "write", reason: systemReason())
        }
    }

    /// Writes `text` to standard error; failures are ignored (there is nowhere left to report them).
    public static func writeError(_ text: String) {
        fflush(nil)
        _ = FileWritePolicy.writeAll(2, Data(text.utf8))
    }
}
