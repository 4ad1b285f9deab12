import Foundation

/// One pinned repository of the development set (`Eval/repos/repos.tsv`: repo, commit, layouts, why).
struct PinnedRepository: Sendable {
    let name: String
    let commit: String

    /// The checkout folder name under `--repos`: `owner+name`, as `Scripts/eval-repos.sh` writes it.
    var folder: String { name.replacingOccurrences(of: "/", with: "+") }

    /// Reads the list at `path`.
    static func list(path: String) throws -> [PinnedRepository] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LintEvalError.unreadable(path: path)
        }
        return text.split(separator: "\n").compactMap { line in
            let cols = line.split(separator: "\t").map(String.init)
            guard cols.count >= 2, cols[0] != "repo", !cols[0].hasPrefix("#") else { return nil }
            return PinnedRepository(name: cols[0], commit: cols[1])
        }
    }
}

/// One finding as `promptlint check --format json` reports it.
struct ReportedFinding: Sendable {
    let path: String
    let line: Int
    let rule: String
    let severity: String
    let message: String
    /// Lines of the later values a prefix-break finding lists (its JSON `related`), in the same file.
    var relatedLines: [Int] = []
    /// Places in other files a finding names structurally (JSON `related` entries with a `path`: the slot
    /// of a prompt defined elsewhere that the call here fills), as `path:line`.
    var relatedSites: Set<String> = []
}

/// The outcome of running `promptlint check --format json .` at a repository's root.
struct LintRun: Sendable {
    let filesRead: Int
    let findings: [ReportedFinding]
    let exitCode: Int32
    let seconds: Double

    /// Runs `binary` in `directory` as a new user would: no configuration, JSON report on stdout.
    static func run(binary: String, directory: String, repo: String) throws -> LintRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lint-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: out.path, contents: nil),
            FileManager.default.createFile(atPath: err.path, contents: nil)
        else { throw LintEvalError.unreadable(path: scratch.path) }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["check", "--format", "json", "."]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = outHandle
        process.standardError = errHandle
        let start = DispatchTime.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let stdout = (try? Data(contentsOf: out)) ?? Data()
        guard let json = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any],
            let files = json["files"] as? [[String: Any]]
        else {
            let stderr = String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
            let first = stderr.split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
            throw LintEvalError.badReport(repo: repo, detail: first)
        }
        var findings: [ReportedFinding] = []
        for file in files {
            let path = Self.relative(file["path"] as? String ?? "")
            for f in file["findings"] as? [[String: Any]] ?? [] {
                let entries = f["related"] as? [[String: Any]] ?? []
                let related = entries.filter { $0["path"] == nil }.compactMap { $0["line"] as? Int }
                let sites = entries.compactMap { entry -> String? in
                    guard let other = entry["path"] as? String, let line = entry["line"] as? Int else { return nil }
                    return "\(Self.relative(other)):\(line)"
                }
                findings.append(ReportedFinding(
                    path: path, line: f["line"] as? Int ?? 0, rule: f["rule_id"] as? String ?? "",
                    severity: f["severity"] as? String ?? "", message: f["message"] as? String ?? "",
                    relatedLines: related, relatedSites: Set(sites)))
            }
        }
        return LintRun(filesRead: files.count, findings: findings, exitCode: process.terminationStatus, seconds: seconds)
    }

    /// A reported path relative to the repository root (`./a/b` and `a/b` are the same file).
    static func relative(_ path: String) -> String {
        path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }
}
