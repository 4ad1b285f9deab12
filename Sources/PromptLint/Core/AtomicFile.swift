import Foundation
import SafeIO

/// Writes output files (reports, baselines) under the project's one write policy (`SafeIO.FileWritePolicy`):
/// regular files are replaced atomically (temporary file, flush, rename), symbolic links are written through,
/// character devices and FIFOs with a reader are written to directly, and nothing else is ever replaced.
public enum AtomicFile {
    /// Writes `data` to `path`.
    /// - Throws: `PromptLintError.writeFailed` naming the path and the reason; the old target is left as it was.
    public static func write(_ data: Data, to path: String) throws(PromptLintError) {
        do {
            try FileWritePolicy.write(data, to: path)
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
    }
}
