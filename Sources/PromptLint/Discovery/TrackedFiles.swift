import Foundation

/// The files git tracks in a repository, read from its index (`.git/index`, versions 2 to 4, SHA-1
/// object names). Git's rule is that a tracked file is never ignored: an ignore pattern written for a
/// build output (`miniclaw` for the binary) also matches a committed folder of that name
/// (`cmd/miniclaw/`), yet git keeps tracking the files there, and so does the walk. Without an index
/// (no `.git`, an unknown index format) nothing is known and `.gitignore` decides alone.
/// Hand-written: no installed package reads git's index.
final class TrackedFiles: Sendable {
    /// Absolute paths of the tracked files.
    private let files: Set<String>
    /// Absolute paths of the folders that hold a tracked file at any depth.
    private let folders: Set<String>

    private init(files: Set<String>, folders: Set<String>) {
        self.files = files
        self.folders = folders
    }

    /// True when git tracks the file at `absolute`.
    func tracks(file absolute: String) -> Bool { files.contains(absolute) }

    /// True when the folder at `absolute` holds a file git tracks.
    func holdsTracked(folder absolute: String) -> Bool { folders.contains(absolute) }

    /// The tracked files of the repository whose work tree is `root` (absolute), or nil when its index
    /// cannot be read.
    static func load(repositoryRoot root: String) -> TrackedFiles? {
        guard let gitDirectory = gitDirectory(root),
            let data = FileManager.default.contents(atPath: gitDirectory + "/index"),
            let paths = parseIndex([UInt8](data))
        else { return nil }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var files = Set<String>()
        var folders = Set<String>()
        files.reserveCapacity(paths.count)
        for path in paths {
            let relative = path.hasSuffix("/") ? String(path.dropLast()) : path
            guard !relative.isEmpty else { continue }
            files.insert(prefix + relative)
            var parts = relative.split(separator: "/")
            parts.removeLast()
            var folder = String(prefix.dropLast())
            for part in parts {
                folder += "/" + part
                folders.insert(folder)
            }
            if path.hasSuffix("/") { folders.insert(prefix + relative) }
        }
        return TrackedFiles(files: files, folders: folders)
    }

    /// The repository's git folder: `.git`, or where a `.git` file points (`gitdir: …`, a worktree or a
    /// submodule). Nil for a SHA-256 repository (its index entries are longer).
    private static func gitDirectory(_ root: String) -> String? {
        let dotGit = root + "/.git"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) else { return nil }
        var directory = dotGit
        if !isDirectory.boolValue {
            guard let text = (try? String(contentsOfFile: dotGit, encoding: .utf8)), text.hasPrefix("gitdir:") else { return nil }
            let target = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            directory = target.hasPrefix("/") ? target : root + "/" + target
        }
        // A worktree's own folder has no config of its own; its `commondir` holds it.
        for config in [directory + "/config", directory + "/commondir"] {
            if let text = try? String(contentsOfFile: config, encoding: .utf8), text.lowercased().contains("objectformat = sha256") {
                return nil
            }
        }
        return directory
    }

    /// The paths of a git index's entries (as stored, relative to the work tree), or nil when the bytes are
    /// not an index of version 2, 3 or 4.
    static func parseIndex(_ bytes: [UInt8]) -> [String]? {
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        guard bytes.count >= 12, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else { return nil }
        let version = u32(4)
        let count = u32(8)
        guard (2...4).contains(version), count < 10_000_000 else { return nil }
        var paths: [String] = []
        paths.reserveCapacity(count)
        var offset = 12
        var previous: [UInt8] = []
        for _ in 0..<count {
            let start = offset
            // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes), the object name (20), flags (2).
            guard start + 62 <= bytes.count else { return nil }
            let flags = Int(bytes[start + 60]) << 8 | Int(bytes[start + 61])
            offset = start + 62
            if version >= 3, flags & 0x4000 != 0 { offset += 2 }
            guard offset <= bytes.count else { return nil }
            var name: [UInt8]
            if version == 4 {
                // The number of bytes to drop from the previous entry's path, then the rest of this one.
                guard offset < bytes.count else { return nil }
                var byte = Int(bytes[offset])
                offset += 1
                var strip = byte & 0x7f
                while byte & 0x80 != 0 {
                    guard offset < bytes.count else { return nil }
                    byte = Int(bytes[offset])
                    offset += 1
                    strip = ((strip + 1) << 7) | (byte & 0x7f)
                    guard strip <= previous.count else { return nil }
                }
                guard strip <= previous.count else { return nil }
                guard let end = bytes[offset...].firstIndex(of: 0) else { return nil }
                name = Array(previous[0..<(previous.count - strip)]) + bytes[offset..<end]
                offset = end + 1
            } else {
                guard let end = bytes[offset...].firstIndex(of: 0) else { return nil }
                name = Array(bytes[offset..<end])
                // Entries are padded with NULs to a multiple of 8 bytes (at least one NUL).
                let length = end - start
                offset = start + (length + 8) / 8 * 8
            }
            guard offset <= bytes.count else { return nil }
            previous = name
            paths.append(String(decoding: name, as: UTF8.self))
        }
        return paths
    }
}
